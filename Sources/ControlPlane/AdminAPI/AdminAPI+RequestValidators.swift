import Shared

/// Request validators (Create/Get/GetRequestValidators/Update/Delete). They live in the API's
/// definition; the data plane does not validate requests yet, so a deployment whose methods name a
/// validator is refused by the shared compiler (`StageBuilder.refuseUnservedFeatures`).
extension AdminAPI {
    /// Request validators of an API, by `requestvalidator_id`.
    static let requestValidators = restApis.child(label: "requestvalidator_id",
                                                  notFound: "Invalid Request Validator identifier specified") { _, content, id in
        content.requestValidators?.first { $0.id == id }
    }

    static let requestValidatorHandlers: [String: Handler] = [
        "CreateRequestValidator": requestValidators.createHandler(
            CreateRequestValidatorInput.self, idLength: ResourceID.childLength,
            make: { input, id, _, _, _ in
                guard let name = input.name, !name.isEmpty else { throw AdminError.badRequest("Request Validator name cannot be blank") }
                return RequestValidator(id: id, name: name, validateRequestBody: input.validateRequestBody ?? false,
                                        validateRequestParameters: input.validateRequestParameters ?? false)
            }, save: saveRequestValidator),
        "GetRequestValidators": requestValidators.listHandler { content, _, _ in content.requestValidators ?? [] },
        "GetRequestValidator": requestValidators.getHandler(),
        "UpdateRequestValidator": requestValidators.updateHandler(apply: { patch, validator, _ in
            try applyRequestValidatorPatch(patch, to: &validator)
        }, save: { validator, content, call, tx in try saveRequestValidator(validator, content, call, tx) }),
        "DeleteRequestValidator": requestValidators.deleteHandler { tx, content, id in try requestValidatorList.delete(id, from: content, tx) },
    ]

    /// Body of CreateRequestValidator.
    struct CreateRequestValidatorInput: Decodable {
        var name: String?
        var validateRequestBody: Bool?
        var validateRequestParameters: Bool?
    }

    /// The definition's request validators as the handlers edit them.
    static let requestValidatorList = DefinitionPartList<RequestValidator>(kind: "request validator", parts: \.requestValidators,
                                                                           id: \.id) { method, id in
        method.requestValidatorId == id
    }

    @Sendable static func saveRequestValidator(_ validator: RequestValidator, _ content: DeploymentContent, _: AdminCall,
                                               _ tx: ConfigTransaction) throws {
        try requestValidatorList.save(validator, in: content, tx)
    }

    /// UpdateRequestValidator's paths: replace `/name`, `/validateRequestBody`, `/validateRequestParameters`.
    static func applyRequestValidatorPatch(_ patch: PatchOperation, to validator: inout RequestValidator) throws {
        guard patch.op == "replace" else {
            throw AdminError.badRequest("Invalid patch path  '\(patch.path)' specified for op '\(patch.op)'. Please choose supported operations")
        }
        switch patch.path {
        case "/name":
            guard let name = patch.value, !name.isEmpty else { throw AdminError.badRequest("Request Validator name cannot be blank") }
            validator.name = name
        case "/validateRequestBody": validator.validateRequestBody = try patch.boolValue()
        case "/validateRequestParameters": validator.validateRequestParameters = try patch.boolValue()
        default:
            throw patch.invalidPath(mustBeOneOf: ["/name", "/validateRequestParameters", "/validateRequestBody"])
        }
    }
}
