import Shared

/// The one check a model's `schema` passes on CreateModel and UpdateModel.
///
/// The text must be a JSON object that compiles as a JSON Schema draft 4 document
/// (`Shared/JSONSchema`: keyword types, non-negative integers, unique `required`, valid ECMA 262
/// patterns, `$ref`s that resolve within the document, no reference loops, the size limits).
/// A `$ref` to another model (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`) is
/// accepted here whatever it names: models may be created in any order, so the referenced model is
/// checked when something compiles against it (request validation), not on write. Pure; runs
/// inside an admin request.
enum ModelSchemaCheck {
    /// Nil when `schema` is acceptable, else the 400 `BadRequestException` message.
    static func problem(in schema: String) -> String? {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(schema.utf8))
        } catch {
            return "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]"
        }
        guard case .object = value else {
            return "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified. The schema must be a JSON object]"
        }
        do {
            _ = try JSONSchema(compiling: value, baseURI: Self.someModel, resolver: AnyModel())
        } catch {
            return "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified: \(error.description)]"
        }
        return nil
    }

    /// The base a relative `$ref` (`"Pet"`) resolves against: a model URL, as the model's own would be.
    private static let someModel = APIGatewayModelURL(restApiId: "api", modelName: "model").uri

    /// Serves every model URL as the empty schema, so references to other models compile.
    private struct AnyModel: JSONSchemaResolver {
        func schemaDocument(at uri: String) -> JSONValue? {
            APIGatewayModelURL(uri) == nil ? nil : .object([])
        }
    }
}
