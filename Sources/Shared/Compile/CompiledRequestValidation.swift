/// What a method's request validator checks, compiled once per snapshot (docs/request-lifecycle.md,
/// "Request validation"): the required request parameters in the order AWS names them, and the
/// compiled JSON Schema draft 4 models the body is checked against, by content type.
///
/// Immutable and shared by every event loop. Built by `RequestValidationCompiler` only for a
/// method whose validator turns at least one check on and has something to check, so a route
/// without validation carries nothing.
package struct CompiledRequestValidation: Sendable {
    /// Where a required parameter is looked for.
    package enum Location: String, Sendable, Equatable {
        case path
        case querystring
        case header
    }

    /// One `method.request.{location}.{name}: true` entry.
    package struct RequiredParameter: Sendable, Equatable {
        package let location: Location
        package let name: String
        package init(location: Location, name: String) {
            self.location = location
            self.name = name
        }
    }

    /// A request model: the content type it is declared for (lowercased, or `$default`), the
    /// model's name and its compiled schema.
    package struct BodyModel: Sendable {
        package let contentType: String
        package let modelName: String
        package let schema: JSONSchema
        package init(contentType: String, modelName: String, schema: JSONSchema) {
            self.contentType = contentType
            self.modelName = modelName
            self.schema = schema
        }
    }

    /// The validator's id and name (logs).
    package let validatorId: String
    /// With `validateRequestParameters`: the required ones, sorted by their full
    /// `method.request.…` key, the order AWS lists missing ones in (`[x-header-param, issuer, qs1]`:
    /// headers, then path, then query string, each by name). Empty otherwise.
    package let requiredParameters: [RequiredParameter]
    /// With `validateRequestBody`: the method's `requestModels`, sorted by content type. Empty otherwise.
    package let bodyModels: [BodyModel]

    package init(validatorId: String, requiredParameters: [RequiredParameter], bodyModels: [BodyModel]) {
        self.validatorId = validatorId
        self.requiredParameters = requiredParameters
        self.bodyModels = bodyModels
    }

    /// The model the body of a request with `contentType` is checked against: the one declared
    /// for its media type (parameters ignored, case-insensitive; no `Content-Type` means
    /// `application/json`, as for mapping templates), else the `$default` model, else none — AWS:
    /// "If no matching content type is found, request validation is not performed."
    package func bodyModel(forContentType contentType: String?) -> BodyModel? {
        guard !bodyModels.isEmpty else { return nil }
        let key = CompiledIntegration.mediaType(contentType) ?? "application/json"
        if let match = bodyModels.first(where: { $0.contentType == key }) { return match }
        return bodyModels.first(where: { $0.contentType == "$default" })
    }
}
