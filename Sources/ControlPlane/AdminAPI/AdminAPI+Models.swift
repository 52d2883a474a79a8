import Shared

/// Models (Create/Get/GetModels/Update/Delete) and GetModelTemplate. Models live in the API's
/// definition (deployed with it); they have no runtime effect without a request validator, so the
/// data plane needs nothing from them. The schema check is `ModelSchemaCheck.problem(in:)`.
extension AdminAPI {
    /// Models of an API, by `model_name` (AWS addresses models by name, not id; its 404 names the
    /// model, so Get/Update/Delete use `requireModel`).
    static let models = restApis.child(label: "model_name", notFound: "Invalid model name specified") { _, content, name in
        content.models?.first { $0.name == name }
    }

    static let modelHandlers: [String: Handler] = [
        "CreateModel": { try $0.createModel(&$1, $2) },
        "GetModels": models.listHandler { content, _, _ in content.models ?? [] },
        "GetModel": { api, call, tx in
            let model = try api.requireModel(call, tx).model
            // `flatten` inlines the models a schema refers to; not done yet, so refused rather than ignored.
            if call.queryFlag("flatten"), model.schema?.contains("$ref") == true {
                throw AdminError.notImplemented("GetModel with flatten=true is not implemented for schemas with $ref")
            }
            return try .json(model)
        },
        "UpdateModel": { api, call, tx in
            var (content, model) = try api.requireModel(call, tx)
            try call.applyPatches(to: &model) { patch, model in try applyModelPatch(patch, to: &model) }
            if let index = content.models?.firstIndex(where: { $0.name == model.name }) { content.models?[index] = model }
            try tx.updateRestApi(content)
            return try .json(model)
        },
        "DeleteModel": { api, call, tx in
            var (content, model) = try api.requireModel(call, tx)
            if let user = content.methods.first(where: { ($0.method.requestModels ?? [:]).values.contains(model.name) }) {
                throw AdminError.conflict("Cannot delete model '\(model.name)', is referenced in method request: \(user.path)/\(user.verb)")
            }
            for user in content.methods {
                if let response = (user.method.methodResponses ?? [:]).values.first(where: { ($0.responseModels ?? [:]).values.contains(model.name) }) {
                    throw AdminError.conflict("Cannot delete model '\(model.name)', is referenced in method response: \(user.path)/\(user.verb)/\(response.statusCode)")
                }
            }
            content.models?.removeAll { $0.name == model.name }
            if content.models?.isEmpty == true { content.models = nil }
            try tx.updateRestApi(content)
            return .empty
        },
        "GetModelTemplate": { api, call, tx in
            let (content, model) = try api.requireModel(call, tx)
            let lookup: (String) -> JSONValue? = { name in
                content.models?.first { $0.name == name }?.schema.flatMap { try? JSONParser.parse(Array($0.utf8)) }
            }
            guard let schema = model.schema, let value = ModelTemplate.template(for: schema, resolve: lookup) else {
                throw AdminError.badRequest("Model \(model.name) has no schema to generate a template from")
            }
            return try .json(["value": value])
        },
    ]

    /// Body of CreateModel.
    struct CreateModelInput: Decodable {
        var name: String?
        var description: String?
        var schema: String?
        var contentType: String?
    }

    func createModel(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        var content = try Self.restApis.require(self, call, tx)
        let input = try call.input(CreateModelInput.self)
        let operation = call.operation.name
        guard let name = input.name else { throw AdminError.missing("name", in: operation) }
        guard let contentType = input.contentType else { throw AdminError.missing("contentType", in: operation) }
        guard !name.isEmpty else { throw AdminError.badRequest("Model name must be non-empty") }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw AdminError.badRequest("Model name must be alphanumeric: \(name)")
        }
        if content.models?.contains(where: { $0.name == name }) == true || Self.builtInModels.contains(name) {
            throw AdminError.conflict("Model name already exists for this REST API")
        }
        try Self.checkSchema(input.schema)
        var usedIDs = Set((content.models ?? []).map(\.id))
        var modelID = ResourceID.generate(length: ResourceID.childLength)
        while !usedIDs.insert(modelID).inserted { modelID = ResourceID.generate(length: ResourceID.childLength) }
        let model = Model(id: modelID, name: name, description: input.description, schema: input.schema, contentType: contentType)
        content.models = (content.models ?? []) + [model]
        try tx.updateRestApi(content)
        call.targets.append(name)
        return try .json(model)
    }

    /// The call's API and model (`model_name`), or AWS's 404s.
    func requireModel(_ call: AdminCall, _ tx: ConfigTransaction) throws -> (content: DeploymentContent, model: Model) {
        let content = try Self.restApis.require(self, call, tx)
        let name = call.label("model_name")
        guard let model = content.models?.first(where: { $0.name == name }) else {
            throw AdminError.notFound("Invalid model name specified: \(name)")
        }
        return (content, model)
    }

    static func checkSchema(_ schema: String?) throws(AdminError) {
        guard let schema, !schema.isEmpty else {
            throw .badRequest("Model schema must have at least 1 property or array items defined")
        }
        if let problem = ModelSchemaCheck.problem(in: schema) { throw .badRequest(problem) }
    }

    /// UpdateModel's paths: replace `/schema` and `/description` (AWS's list).
    static func applyModelPatch(_ patch: PatchOperation, to model: inout Model) throws {
        guard patch.op == "replace" else {
            throw AdminError.badRequest("Invalid patch path  '\(patch.path)' specified for op '\(patch.op)'. Please choose supported operations")
        }
        switch patch.path {
        case "/schema":
            try checkSchema(patch.value)
            model.schema = patch.value
        case "/description":
            model.description = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        default:
            throw patch.invalidPath(mustBeOneOf: ["/description", "/schema"])
        }
    }
}
