import Shared

/// RestApis: CreateRestApi (with its root resource), GetRestApis, GetRestApi, UpdateRestApi, DeleteRestApi.
extension AdminAPI {
    /// REST APIs, by `restapi_id`: the scope of their resources, deployments and stages.
    static let restApis = AdminResource<Void, DeploymentContent>(label: "restapi_id", notFound: { api, id in api.apiNotFound(id) }) {
        tx, id in try tx.restApi(id)
    }

    static let restApiHandlers: [String: Handler] = [
        "CreateRestApi": { try $0.createRestApi(&$1, $2) },
        "GetRestApis": restApis.listHandler { _, _, tx in try tx.restApis().map(\.api) },
        "GetRestApi": restApis.getHandler { content, _, _ in content.api },
        "UpdateRestApi": restApis.updateHandler(apply: { patch, content, _ in try apply(patch, to: &content.api) },
                                                save: { content, _, _, tx in try tx.updateRestApi(content) }, render: { $0.api }),
        "DeleteRestApi": restApis.deleteHandler { tx, _, id in try tx.deleteRestApi(id) },
    ]

    /// Body of CreateRestApi.
    struct CreateRestApiInput: Decodable {
        var name: String?
        var description: String?
        var version: String?
        var cloneFrom: String?
        var binaryMediaTypes: [String]?
        var minimumCompressionSize: Int?
        var apiKeySource: String?
        var endpointConfiguration: EndpointConfigurationInput?
        var policy: String?
        var tags: [String: String]?
        var disableExecuteApiEndpoint: Bool?
    }

    /// `endpointConfiguration` as sent (every member optional).
    struct EndpointConfigurationInput: Decodable {
        var types: [String]?
        var ipAddressType: String?
        var vpcEndpointIds: [String]?
    }

    static let endpointTypes = ["REGIONAL", "EDGE", "PRIVATE"]
    static let maximumCompressionSize = 10_485_760

    func createRestApi(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(CreateRestApiInput.self)
        guard let name = input.name, !name.isEmpty else { throw AdminError.missing("name", in: call.operation.name) }
        if input.description == "" { throw AdminError.badRequest("Description cannot be an empty string") }
        if let size = input.minimumCompressionSize { try Self.checkCompressionSize(size) }
        let apiKeySource = input.apiKeySource ?? "HEADER"
        guard ["HEADER", "AUTHORIZER"].contains(apiKeySource) else {
            throw AdminError.notInEnum(apiKeySource, "apiKeySource", in: call.operation.name, allowed: ["HEADER", "AUTHORIZER"])
        }
        let endpoint = try Self.endpointConfiguration(input.endpointConfiguration, operation: call.operation.name)

        let id = try Self.restApis.freshID(length: ResourceID.restApiLength, tx)
        let rootId = ResourceID.generate(length: ResourceID.restApiLength)
        let api = RestApi(id: id, name: name, description: input.description, createdDate: call.now, version: input.version,
                          binaryMediaTypes: input.binaryMediaTypes, minimumCompressionSize: input.minimumCompressionSize,
                          apiKeySource: apiKeySource, endpointConfiguration: endpoint, policy: input.policy,
                          tags: input.tags, disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
                          rootResourceId: rootId)
        var content = DeploymentContent(api: api, resources: [Resource(id: rootId, path: "/")])
        if let source = input.cloneFrom {
            content = try clone(requireApi(source, tx), into: content)
        }
        try tx.insertRestApi(content)
        call.targets.append(id)
        return try .json(content.api)
    }

    /// Copies `source`'s resources (new ids, same tree, methods included), authorizers, models, request
    /// validators and gateway responses into the new API `target`.
    private func clone(_ source: DeploymentContent, into target: DeploymentContent) -> DeploymentContent {
        var newIDs: [String: String] = [source.api.rootResourceId: target.api.rootResourceId]
        var used: Set<String> = [target.api.id, target.api.rootResourceId]
        for resource in source.resources where resource.id != source.api.rootResourceId {
            var id = ResourceID.generate(length: ResourceID.childLength)
            while !used.insert(id).inserted { id = ResourceID.generate(length: ResourceID.childLength) }
            newIDs[resource.id] = id
        }
        var result = target
        result.resources = source.resources.map { resource in
            var copy = resource
            copy.id = newIDs[resource.id] ?? resource.id
            copy.parentId = resource.parentId.flatMap { newIDs[$0] }
            for (verb, method) in copy.resourceMethods ?? [:] where method.methodIntegration?.cacheNamespace == resource.id {
                copy.resourceMethods?[verb]?.methodIntegration?.cacheNamespace = copy.id
            }
            return copy
        }
        // The definition's other parts keep their ids: they are scoped to the API.
        result.authorizers = source.authorizers
        result.models = source.models
        result.requestValidators = source.requestValidators
        result.gatewayResponses = source.gatewayResponses
        return result
    }

    private static func apply(_ patch: PatchOperation, to api: inout RestApi) throws {
        let segments = patch.segments
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "name", 1):
            let name = try patch.requiredValue()
            guard !name.isEmpty else { throw AdminError.badRequest("Invalid null or empty value for patch path /name") }
            api.name = name
        case ("replace", "description", 1), ("add", "description", 1):
            api.description = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        case ("remove", "description", 1):
            api.description = nil
        case ("remove", "policy", 1):
            api.policy = nil
        case ("replace", "version", 1):
            api.version = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        case ("replace", "policy", 1):
            api.policy = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        case ("replace", "apiKeySource", 1):
            let source = try patch.requiredValue()
            guard ["HEADER", "AUTHORIZER"].contains(source) else {
                throw AdminError.badRequest("Invalid apiKeySource specified. Must be one of: [HEADER, AUTHORIZER]")
            }
            api.apiKeySource = source
        case ("replace", "minimumCompressionSize", 1):
            if let text = patch.value, !text.isEmpty {
                guard let size = Int(text) else { throw AdminError.badRequest("Invalid minimum compression size, must be between 0 and 10485760") }
                try checkCompressionSize(size)
                api.minimumCompressionSize = size
            } else {
                api.minimumCompressionSize = nil
            }
        case ("replace", "disableExecuteApiEndpoint", 1):
            api.disableExecuteApiEndpoint = try patch.boolValue()
        case (_, "minimumCompressionSize", 1):
            throw PatchOperation.invalidOperation(mustBeOneOf: ["replace"])
        case ("add", "binaryMediaTypes", 1):
            // The collection form: the type is the value (`/binaryMediaTypes` + `image/png`).
            let type = try patch.requiredValue()
            var types = api.binaryMediaTypes ?? []
            if !types.contains(type) { types.append(type) }
            api.binaryMediaTypes = types
        case ("remove", "binaryMediaTypes", 1):
            let type = try patch.requiredValue()
            api.binaryMediaTypes = (api.binaryMediaTypes ?? []).filter { $0 != type }
            if api.binaryMediaTypes?.isEmpty == true { api.binaryMediaTypes = nil }
        case ("add", "binaryMediaTypes", 2):
            var types = api.binaryMediaTypes ?? []
            if !types.contains(segments[1]) { types.append(segments[1]) }
            api.binaryMediaTypes = types
        case ("remove", "binaryMediaTypes", 2):
            api.binaryMediaTypes = (api.binaryMediaTypes ?? []).filter { $0 != segments[1] }
            if api.binaryMediaTypes?.isEmpty == true { api.binaryMediaTypes = nil }
        case ("replace", "binaryMediaTypes", 2):
            // AWS removes the old type and appends the new one.
            var types = (api.binaryMediaTypes ?? []).filter { $0 != segments[1] }
            types.append(try patch.requiredValue())
            api.binaryMediaTypes = types
        case ("replace", "endpointConfiguration", 3) where segments[1] == "types":
            let type = try patch.requiredValue()
            guard endpointTypes.contains(type) else {
                throw AdminError.badRequest("Invalid endpoint configuration type specified: \(type)")
            }
            var endpoint = api.endpointConfiguration ?? EndpointConfiguration()
            endpoint.types = [type]
            endpoint.ipAddressType = type == "PRIVATE" ? "dualstack" : (endpoint.ipAddressType ?? "ipv4")
            api.endpointConfiguration = endpoint
        case ("replace", "endpointConfiguration", 2) where segments[1] == "ipAddressType":
            let type = try patch.requiredValue()
            guard ["ipv4", "dualstack"].contains(type) else { throw AdminError.badRequest("Invalid ipAddressType specified: \(type)") }
            var endpoint = api.endpointConfiguration ?? EndpointConfiguration()
            if endpoint.types.first == "PRIVATE" && type != "dualstack" {
                throw AdminError.badRequest("Only dualstack ipAddressType is supported for Private APIs.")
            }
            endpoint.ipAddressType = type
            api.endpointConfiguration = endpoint
        case ("add", "endpointConfiguration", 2) where segments[1] == "vpcEndpointIds",
             ("remove", "endpointConfiguration", 2) where segments[1] == "vpcEndpointIds":
            let id = try patch.requiredValue()
            var endpoint = api.endpointConfiguration ?? EndpointConfiguration()
            guard endpoint.types.first == "PRIVATE" else {
                throw AdminError.badRequest("VPC endpoint IDs can only be set on a PRIVATE REST API")
            }
            var ids = (endpoint.vpcEndpointIds ?? []).filter { $0 != id }
            if patch.op == "add" { ids.append(id) }
            endpoint.vpcEndpointIds = ids.isEmpty ? nil : ids
            api.endpointConfiguration = endpoint
        case ("add", "endpointConfiguration", 3) where segments[1] == "types",
             ("remove", "endpointConfiguration", 3) where segments[1] == "types":
            // A REST API has exactly one endpoint type: it is changed with replace, never added or removed.
            throw AdminError.badRequest("Cannot \(patch.op) an endpoint type: a REST API has exactly one; use replace /endpointConfiguration/types/\(segments[2])")
        default:
            throw patch.unknownPath
        }
    }

    private static func checkCompressionSize(_ size: Int) throws(AdminError) {
        guard (0...maximumCompressionSize).contains(size) else {
            throw .badRequest("Invalid minimum compression size, must be between 0 and 10485760")
        }
    }

    static func endpointConfiguration(_ input: EndpointConfigurationInput?, operation: String) throws(AdminError) -> EndpointConfiguration {
        guard let input else { return EndpointConfiguration() }
        let types = input.types ?? ["EDGE"]
        guard types.count <= 1 else { throw .badRequest("Cannot create an api with multiple Endpoint Types.") }
        let type = types.first ?? "EDGE"
        guard endpointTypes.contains(type) else {
            throw .notInEnum(type, "endpointConfiguration.types.member", in: operation, allowed: endpointTypes)
        }
        let ipAddressType = input.ipAddressType ?? (type == "PRIVATE" ? "dualstack" : "ipv4")
        guard ["ipv4", "dualstack"].contains(ipAddressType) else {
            throw .notInEnum(ipAddressType, "endpointConfiguration.ipAddressType", in: operation, allowed: ["ipv4", "dualstack"])
        }
        if type == "PRIVATE" && ipAddressType != "dualstack" {
            throw .badRequest("Only dualstack ipAddressType is supported for Private APIs.")
        }
        return EndpointConfiguration(types: [type], ipAddressType: ipAddressType, vpcEndpointIds: input.vpcEndpointIds)
    }

    // MARK: - Lookups shared by the handlers

    /// The live definition of `id`, or AWS's 404 for an unknown API.
    func requireApi(_ id: String, _ tx: ConfigTransaction) throws -> DeploymentContent {
        try Self.restApis.require(id, self, tx)
    }

    func apiNotFound(_ id: String) -> AdminError {
        .notFound("Invalid API identifier specified \(configuration.accountId):\(id)")
    }
}
