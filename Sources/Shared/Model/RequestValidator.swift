/// A REST API's request validator (botocore `RequestValidator`): whether a method that names it
/// checks its required request parameters and/or its body against the method's request model.
///
/// Compiled per method by `RequestValidationCompiler`; nodes run the checks in the chain's
/// `validation` phase (`RequestValidationFilter`).
package struct RequestValidator: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var validateRequestBody: Bool
    package var validateRequestParameters: Bool

    package init(id: String, name: String, validateRequestBody: Bool = false, validateRequestParameters: Bool = false) {
        self.id = id
        self.name = name
        self.validateRequestBody = validateRequestBody
        self.validateRequestParameters = validateRequestParameters
    }
}
