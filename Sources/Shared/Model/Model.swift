/// A REST API's data model (botocore `Model`): a JSON Schema (draft 4) for a content type, named
/// by methods' `requestModels` and method responses' `responseModels`.
///
/// A model alone has no runtime effect: AWS uses it through a request validator (compiled by
/// `RequestValidationCompiler` for methods whose validator checks bodies), or to generate SDKs and
/// mapping templates.
package struct Model: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var description: String?
    /// The schema as the JSON text the caller sent (AWS stores and returns it verbatim).
    package var schema: String?
    package var contentType: String

    package init(id: String, name: String, description: String? = nil, schema: String? = nil, contentType: String) {
        self.id = id
        self.name = name
        self.description = description
        self.schema = schema
        self.contentType = contentType
    }
}
