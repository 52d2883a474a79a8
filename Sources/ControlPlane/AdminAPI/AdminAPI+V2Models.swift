import Shared

/// apigatewayv2 models: CreateModel, GetModel, GetModels, UpdateModel, DeleteModel (refused while a
/// route's `requestModels` names it), GetModelTemplate. The schema passes v1's `ModelSchemaCheck`
/// (a JSON Schema draft 4 object); names are alphanumeric and unique per API (409).
extension AdminAPI {
    static let v2ModelHandlers: [String: Handler] = [
        "CreateModel": { try $0.createV2Model(&$1, $2) },
        "GetModel": { api, call, tx in
            let document = try api.v2Document(call, tx)
            return try .json(document.models[AdminAPI.v2ModelIndex(document, call)])
        },
        "GetModels": { api, call, tx in try .json(call.v2Page(api.v2Document(call, tx).models)) },
        "UpdateModel": { try $0.updateV2Model(&$1, $2) },
        "DeleteModel": { api, call, tx in
            var document = try api.v2Document(call, tx)
            let index = try AdminAPI.v2ModelIndex(document, call)
            let name = document.models[index].name
            if let route = document.routes.first(where: { $0.requestModels?.values.contains(name) == true }) {
                throw AdminError.conflict("Model \(name) is used by route \(route.routeKey); change the route first")
            }
            document.models.remove(at: index)
            try api.v2Save(&document, call, tx, configurationChanged: true)
            return .empty
        },
        "GetModelTemplate": { api, call, tx in
            /// botocore `GetModelTemplateResponse`.
            struct Template: Encodable { var value: String }
            let document = try api.v2Document(call, tx)
            let model = document.models[try AdminAPI.v2ModelIndex(document, call)]
            let lookup: (String) -> JSONValue? = { name in
                document.models.first { $0.name == name }.flatMap { try? JSONParser.parse(Array($0.schema.utf8)) }
            }
            guard let value = ModelTemplate.template(for: model.schema, resolve: lookup) else {
                throw AdminError.badRequest("Model \(model.name) has no schema to generate a template from")
            }
            return try .json(Template(value: value))
        },
    ]

    /// Body of CreateModel and UpdateModel.
    struct V2ModelInput: Decodable {
        var name: String?
        var contentType: String?
        var description: String?
        var schema: String?
    }

    /// The index of the call's `modelId` in `document`, or v2's 404.
    static func v2ModelIndex(_ document: V2ApiDocument, _ call: AdminCall) throws -> Int {
        let id = call.label("modelId")
        guard let index = document.models.firstIndex(where: { $0.modelId == id }) else {
            throw AdminError.notFound("Invalid Model identifier specified \(id)")
        }
        return index
    }

    func createV2Model(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2ModelInput.self)
        var document = try v2Document(call, tx)
        guard let name = input.name else { throw AdminAPI.v2Missing("name") }
        guard let schema = input.schema else { throw AdminAPI.v2Missing("schema") }
        var model = V2Model(modelId: AdminAPI.v2FreshId(document.models.map(\.modelId)), name: name, schema: schema)
        Self.merge(input, into: &model)
        try Self.checkModel(model, in: document)
        document.models.append(model)
        try v2Save(&document, call, tx, configurationChanged: true)
        call.targets.append(model.modelId)
        return try .json(model)
    }

    func updateV2Model(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2ModelInput.self)
        var document = try v2Document(call, tx)
        let index = try AdminAPI.v2ModelIndex(document, call)
        var model = document.models[index]
        if let name = input.name, name != model.name,
           document.routes.contains(where: { $0.requestModels?.values.contains(model.name) == true }) {
            throw AdminError.conflict("Model \(model.name) is used by a route and cannot be renamed")
        }
        if let name = input.name { model.name = name }
        if let schema = input.schema { model.schema = schema }
        Self.merge(input, into: &model)
        try Self.checkModel(model, in: document)
        document.models[index] = model
        try v2Save(&document, call, tx, configurationChanged: true)
        return try .json(model)
    }

    private static func merge(_ input: V2ModelInput, into model: inout V2Model) {
        if let value = input.contentType { model.contentType = value }
        if let value = input.description { model.description = value }
    }

    private static func checkModel(_ model: V2Model, in document: V2ApiDocument) throws {
        guard (1...128).contains(model.name.count), model.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw AdminError.badRequest("Invalid model name specified: \(model.name). Model names are 1 to 128 alphanumeric characters")
        }
        if document.models.contains(where: { $0.name == model.name && $0.modelId != model.modelId }) {
            throw AdminError.conflict("Model name already exists for this API")
        }
        if let problem = ModelSchemaCheck.problem(in: model.schema) { throw AdminError.badRequest(problem) }
    }
}
