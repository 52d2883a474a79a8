/// A REST API's request validator (botocore `RequestValidator`): whether a method that names it
/// checks its required request parameters and/or its body against the method's request model.
///
/// The data plane does not validate requests yet, so a deployment whose methods use a validator is
/// refused (`CompileError.unsupportedFeature`) rather than served without the checks.
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
