/// Compiles a method's request validator and request models into a `CompiledRequestValidation`.
///
/// Runs while a deployment is compiled (off the event loops on nodes, inside the admin request in
/// the control plane): every model the validating method uses is parsed and compiled as JSON
/// Schema draft 4 here, with `$ref`s to the API's other models
/// (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`) resolved against the models
/// frozen in the same deployment. A model that is missing or does not compile refuses the
/// deployment, so a node never serves a method whose body check it cannot run.
struct RequestValidationCompiler {
    let content: DeploymentContent

    /// The built-in models every API has (AWS creates them; GetModels does not list them here).
    static let builtInSchemas: [String: String] = [
        "Empty": #"{"$schema":"http://json-schema.org/draft-04/schema#","title":"Empty Schema","type":"object"}"#,
        "Error": #"{"$schema":"http://json-schema.org/draft-04/schema#","title":"Error Schema","type":"object","properties":{"message":{"type":"string"}}}"#,
    ]

    /// Nil when the method names no validator, or its validator checks nothing this method declares.
    func compile(_ method: Method, ref: CompileError.MethodRef,
                 schemas: inout ModelSchemaCache) throws(CompileError) -> CompiledRequestValidation? {
        guard let validatorId = method.requestValidatorId, !validatorId.isEmpty else { return nil }
        guard let validator = content.requestValidators?.first(where: { $0.id == validatorId }) else {
            throw .unknownRequestValidator(ref, validatorId: validatorId)
        }
        var required: [CompiledRequestValidation.RequiredParameter] = []
        if validator.validateRequestParameters {
            for (key, isRequired) in (method.requestParameters ?? [:]).sorted(by: { $0.key < $1.key }) where isRequired {
                if let parameter = Self.requiredParameter(key) { required.append(parameter) }
            }
        }
        var models: [CompiledRequestValidation.BodyModel] = []
        if validator.validateRequestBody {
            for (contentType, name) in (method.requestModels ?? [:]).sorted(by: { $0.key < $1.key }) {
                let schema = try schemas.schema(named: name, in: content, ref: ref)
                let key = contentType == "$default" ? contentType : (CompiledIntegration.mediaType(contentType) ?? contentType)
                models.append(CompiledRequestValidation.BodyModel(contentType: key, modelName: name, schema: schema))
            }
        }
        guard !required.isEmpty || !models.isEmpty else { return nil }
        return CompiledRequestValidation(validatorId: validatorId, requiredParameters: required, bodyModels: models)
    }

    /// `method.request.header.X` → (header, X); nil for a key in no checked location
    /// (`method.request.body.…` is a mapping source, not a required parameter).
    static func requiredParameter(_ key: String) -> CompiledRequestValidation.RequiredParameter? {
        let prefix = "method.request."
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: "."),
              let location = CompiledRequestValidation.Location(rawValue: String(rest[..<dot])) else { return nil }
        let name = String(rest[rest.index(after: dot)...])
        return name.isEmpty ? nil : CompiledRequestValidation.RequiredParameter(location: location, name: name)
    }
}
