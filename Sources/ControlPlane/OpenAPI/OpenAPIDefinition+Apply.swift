import Shared

/// Placing a definition in an API: ImportRestApi (a new API), PutRestApi `overwrite` (the
/// document replaces the definition; resources get new ids, the root included) and `merge` (the
/// document's methods, models, authorizers, validators and gateway responses replace those of the
/// same path and verb, name or type; everything else stays).
///
/// Pure apart from fresh random ids. The result is checked as the admin operations check each
/// part (`AdminAPI.checkMethod`, the resource tree's placement rules); any problem throws, so the
/// caller stores nothing.
extension OpenAPIDefinition {
    /// - Parameters:
    ///   - existing: the API's definition for PutRestApi; nil for ImportRestApi.
    ///   - apiId: the new API's id (ImportRestApi); ignored when `existing` is given.
    ///   - now: the new API's `createdDate` (epoch seconds).
    func applied(to existing: DeploymentContent?, apiId: String, now: Int64,
                 options: OpenAPIImportOptions) throws(OpenAPIImportError) -> DeploymentContent {
        let merging = existing != nil && options.mode == .merge
        var content: DeploymentContent
        if let existing, merging {
            content = existing
        } else {
            let rootId = ResourceID.generate(length: ResourceID.restApiLength)
            let api = RestApi(id: existing?.api.id ?? apiId, name: title, createdDate: existing?.api.createdDate ?? now,
                              endpointConfiguration: existing?.api.endpointConfiguration ?? EndpointConfiguration(),
                              tags: existing?.api.tags, rootResourceId: rootId)
            content = DeploymentContent(api: api, resources: [Resource(id: rootId, path: "/")])
        }
        applyAttributes(to: &content, options: options, merging: merging)
        content.models = merged(content.models, models, key: \.name) { $0.id = $1 }
        content.authorizers = merged(content.authorizers, authorizers, key: \.name) { $0.id = $1 }
        content.requestValidators = merged(content.requestValidators, requestValidators, key: \.name) { $0.id = $1 }
        content.gatewayResponses = merged(content.gatewayResponses, gatewayResponses, key: \.responseType) { _, _ in }

        var problems: [String] = []
        let authorizerIDs = Dictionary((content.authorizers ?? []).map { ($0.name, $0.id) }) { $1 }
        let validatorIDs = Dictionary((content.requestValidators ?? []).map { ($0.name, $0.id) }) { $1 }
        for path in paths {
            guard let index = Self.ensurePath(path.path, in: &content, problems: &problems) else { continue }
            let resourceId = content.resources[index].id
            for var method in path.methods {
                method.authorizerId = method.authorizerId.map { authorizerIDs[$0] ?? $0 }
                method.requestValidatorId = method.requestValidatorId.map { validatorIDs[$0] ?? $0 }
                if method.methodIntegration != nil, method.methodIntegration?.cacheNamespace == nil {
                    method.methodIntegration?.cacheNamespace = resourceId
                }
                content.resources[index].resourceMethods = (content.resources[index].resourceMethods ?? [:])
                    .merging([method.httpMethod: method]) { $1 }
            }
        }
        problems += Self.problems(in: content)
        guard problems.isEmpty else { throw .errors(problems) }
        return content
    }

    private func applyAttributes(to content: inout DeploymentContent, options: OpenAPIImportOptions, merging: Bool) {
        content.api.name = title
        if let description { content.api.description = description }
        if let version { content.api.version = version }
        if let types = binaryMediaTypes {
            let existing = merging ? (content.api.binaryMediaTypes ?? []) : []
            let all = existing + types.filter { !existing.contains($0) }
            content.api.binaryMediaTypes = all.isEmpty ? nil : all
        }
        if let minimumCompressionSize { content.api.minimumCompressionSize = minimumCompressionSize }
        if let apiKeySource { content.api.apiKeySource = apiKeySource }
        if let policy { content.api.policy = policy }
        if let disableExecuteApiEndpoint { content.api.disableExecuteApiEndpoint = disableExecuteApiEndpoint }
        var endpoint = content.api.endpointConfiguration ?? EndpointConfiguration()
        if let type = options.endpointType {
            endpoint.types = [type]
            endpoint.ipAddressType = type == "PRIVATE" ? "dualstack" : (endpoint.ipAddressType == "dualstack" ? "dualstack" : "ipv4")
        }
        if let vpcEndpointIds { endpoint.vpcEndpointIds = vpcEndpointIds.isEmpty ? nil : vpcEndpointIds }
        content.api.endpointConfiguration = endpoint
    }

    /// `existing` with each of `incoming` replacing the item of the same key (keeping its id) or
    /// appended with a fresh id; nil when the result is empty.
    private func merged<Part>(_ existing: [Part]?, _ incoming: [Part], key: KeyPath<Part, String>,
                              setID: (inout Part, String) -> Void) -> [Part]? where Part: OpenAPIMergeablePart {
        var list = existing ?? []
        var used = Set(list.map(\.partID))
        for var part in incoming {
            if let index = list.firstIndex(where: { $0[keyPath: key] == part[keyPath: key] }) {
                setID(&part, list[index].partID)
                list[index] = part
            } else {
                setID(&part, Self.freshID(&used))
                list.append(part)
            }
        }
        return list.isEmpty ? nil : list
    }

    static func freshID(_ used: inout Set<String>) -> String {
        var id = ResourceID.generate(length: ResourceID.childLength)
        while !used.insert(id).inserted { id = ResourceID.generate(length: ResourceID.childLength) }
        return id
    }

    /// The index of the resource at `path`, creating the missing ones; nil (with a problem) when
    /// a part cannot be placed (a child of a greedy variable, a second variable among siblings).
    static func ensurePath(_ path: String, in content: inout DeploymentContent, problems: inout [String]) -> Int? {
        guard var index = content.resourceIndex(content.api.rootResourceId) else { return nil }
        for part in path.split(separator: "/").map(String.init) {
            let parent = content.resources[index]
            if let child = content.resources.firstIndex(where: { $0.parentId == parent.id && $0.pathPart == part }) {
                index = child
                continue
            }
            if let parentPart = parent.pathPart, AdminAPI.isGreedy(parentPart) {
                problems.append("Unable to create resource at path '\(path)': Cannot create a child of a resource with a greedy path variable: \(parentPart)")
                return nil
            }
            if AdminAPI.isVariable(part), let sibling = content.resources.first(where: {
                $0.parentId == parent.id && $0.pathPart.map(AdminAPI.isVariable) == true
            }) {
                problems.append("Unable to create resource at path '\(path)': A sibling (\(sibling.pathPart ?? "")) of this resource already has a variable path part -- only one is allowed")
                return nil
            }
            let id = content.freshResourceID(length: ResourceID.childLength)
            let childPath = parent.path == "/" ? "/" + part : parent.path + "/" + part
            content.resources.append(Resource(id: id, parentId: parent.id, pathPart: part, path: childPath))
            index = content.resources.count - 1
        }
        return index
    }

    /// What PutMethod and PutIntegrationResponse would refuse in `content`, in AWS's import wording.
    static func problems(in content: DeploymentContent) -> [String] {
        var problems: [String] = []
        for resource in content.resources {
            for (verb, method) in (resource.resourceMethods ?? [:]).sorted(by: { $0.key < $1.key }) {
                do {
                    try AdminAPI.checkMethod(method, in: content)
                } catch {
                    problems.append("Unable to put method '\(verb)' on resource at path '\(resource.path)': \(error.message)")
                }
                for status in (method.methodIntegration?.integrationResponses ?? [:]).keys.sorted()
                where method.methodResponses?[status] == nil {
                    problems.append("Unable to put integration response on '\(verb)' for resource at path '\(resource.path)': Invalid Response status code specified: \(status)")
                }
            }
        }
        return problems
    }
}
