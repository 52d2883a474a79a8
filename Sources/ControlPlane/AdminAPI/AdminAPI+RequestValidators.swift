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
        "DeleteRequestValidator": requestValidators.deleteHandler { tx, content, id in
            guard content.requestValidators?.contains(where: { $0.id == id }) == true else { return false }
            if let user = content.methods.first(where: { $0.method.requestValidatorId == id }) {
                throw AdminError.conflict("Cannot delete request validator '\(id)', is referenced in method: \(user.verb) \(user.path)")
            }
            var changed = content
            changed.requestValidators?.removeAll { $0.id == id }
            if changed.requestValidators?.isEmpty == true { changed.requestValidators = nil }
            try tx.updateRestApi(changed)
            return true
        },
    ]

    /// Body of CreateRequestValidator.
    struct CreateRequestValidatorInput: Decodable {
        var name: String?
        var validateRequestBody: Bool?
        var validateRequestParameters: Bool?
    }

    /// Stores `validator` in its API's definition (replacing the one with its id, else appended).
    @Sendable static func saveRequestValidator(_ validator: RequestValidator, _ content: DeploymentContent, _: AdminCall,
                                               _ tx: ConfigTransaction) throws {
        var changed = content
        var list = changed.requestValidators ?? []
        if let index = list.firstIndex(where: { $0.id == validator.id }) { list[index] = validator } else { list.append(validator) }
        changed.requestValidators = list
        try tx.updateRestApi(changed)
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
