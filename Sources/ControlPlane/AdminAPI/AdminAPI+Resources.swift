import Shared

/// Resources: GetResources (`embed=methods`), GetResource, CreateResource, UpdateResource (`/pathPart`,
/// `/parentId`), DeleteResource (with its whole subtree). Path parts follow AWS's rules: a literal of
/// `a-zA-Z0-9._-`, a variable `{name}` or a greedy variable `{name+}`; at most one variable among
/// siblings; nothing under a greedy variable; no duplicate sibling.
extension AdminAPI {
    /// Resources of a REST API (found in its definition), by `resource_id`.
    static let resources = restApis.child(label: "resource_id", notFound: "Invalid Resource identifier specified") { _, content, id in
        content.resourceIndex(id).map { content.resources[$0] }
    }

    static let resourceHandlers: [String: Handler] = [
        "GetResources": resources.listHandler { content, call, _ in
            let embed = call.query["embed"]?.contains("methods") == true
            return content.resources.sorted { $0.path < $1.path }.map { ResourceView($0, embedMethods: embed) }
        },
        "GetResource": resources.getHandler { resource, call, _ in
            ResourceView(resource, embedMethods: call.query["embed"]?.contains("methods") == true)
        },
        "CreateResource": { try $0.createResource(&$1, $2) },
        "UpdateResource": { try $0.updateResource(&$1, $2) },
        "DeleteResource": { api, call, tx in
            var content = try api.requireApi(call.label("restapi_id"), tx)
            let id = call.label("resource_id")
            _ = try requireResource(id, in: content)
            guard id != content.api.rootResourceId else { throw AdminError.badRequest("Cannot delete the root resource") }
            let doomed = content.subtreeIDs(of: id)
            content.resources.removeAll { doomed.contains($0.id) }
            try tx.updateRestApi(content)
            return .empty
        },
    ]

    func createResource(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        /// Body of CreateResource.
        struct Input: Decodable { var pathPart: String? }
        var content = try requireApi(call.label("restapi_id"), tx)
        let parentId = call.label("parent_id")
        _ = try Self.requireResource(parentId, in: content)
        guard let pathPart = try call.input(Input.self).pathPart else {
            throw AdminError.missing("pathPart", in: call.operation.name)
        }
        try Self.checkPlacement(pathPart, under: parentId, in: content, ignoring: nil)
        let parentPath = content.resources[content.resourceIndex(parentId)!].path
        let resource = Resource(id: content.freshResourceID(length: 6), parentId: parentId, pathPart: pathPart,
                                path: (parentPath == "/" ? "" : parentPath) + "/" + pathPart)
        content.resources.append(resource)
        try tx.updateRestApi(content)
        call.targets.append(resource.id)
        return try .json(resource)
    }

    func updateResource(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        var content = try requireApi(call.label("restapi_id"), tx)
        let id = call.label("resource_id")
        guard let index = content.resourceIndex(id) else { throw AdminError.notFound("Invalid Resource identifier specified") }
        let isRoot = id == content.api.rootResourceId
        for patch in try call.patchOperations() {
            guard patch.op == "replace", ["/pathPart", "/parentId"].contains(patch.path) else {
                throw patch.invalidPath(mustBeOneOf: ["/parentId", "/pathPart"])
            }
            let value = try patch.requiredValue()
            var resource = content.resources[index]
            if patch.path == "/pathPart" {
                if isRoot { throw AdminError.badRequest("Root resource cannot update its pathPart.") }
                try Self.checkPlacement(value, under: resource.parentId ?? "", in: content, ignoring: id)
                resource.pathPart = value
            } else {
                if isRoot { throw AdminError.badRequest("Root resource cannot update its parentId.") }
                guard content.resourceIndex(value) != nil else { throw AdminError.notFound("Invalid Resource identifier specified") }
                if content.subtreeIDs(of: id).contains(value) { throw AdminError.badRequest("Resources cannot be cyclical.") }
                try Self.checkPlacement(resource.pathPart ?? "", under: value, in: content, ignoring: id)
                resource.parentId = value
            }
            content.resources[index] = resource
            content.recomputePaths(from: id)
        }
        try tx.updateRestApi(content)
        return try .json(ResourceView(content.resources[index], embedMethods: false))
    }

    /// A resource of `content`, or AWS's 404.
    static func requireResource(_ id: String, in content: DeploymentContent) throws(AdminError) -> Resource {
        guard let index = content.resourceIndex(id) else { throw .notFound("Invalid Resource identifier specified") }
        return content.resources[index]
    }

    /// Checks that `pathPart` is well formed and may sit under `parentId` (`ignoring` the resource being moved).
    static func checkPlacement(_ pathPart: String, under parentId: String, in content: DeploymentContent,
                               ignoring: String?) throws(AdminError) {
        guard isValidPathPart(pathPart) else {
            throw .badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.")
        }
        guard let parentIndex = content.resourceIndex(parentId) else { throw .notFound("Invalid Resource identifier specified") }
        if let parentPart = content.resources[parentIndex].pathPart, isGreedy(parentPart) {
            throw .badRequest("Cannot create a child of a resource with a greedy path variable: \(parentPart)")
        }
        for sibling in content.resources where sibling.parentId == parentId && sibling.id != ignoring {
            guard let siblingPart = sibling.pathPart else { continue }
            if siblingPart == pathPart {
                throw .conflict("Another resource with the same parent already has this name: \(pathPart)")
            }
            if isVariable(pathPart) && isVariable(siblingPart) {
                throw .badRequest("A sibling (\(siblingPart)) of this resource already has a variable path part -- only one is allowed")
            }
        }
    }

    static func isVariable(_ pathPart: String) -> Bool { pathPart.hasPrefix("{") }
    static func isGreedy(_ pathPart: String) -> Bool { pathPart.hasPrefix("{") && pathPart.hasSuffix("+}") }

    /// A literal of `a-zA-Z0-9._-`, `{name}` or `{name+}` with `name` of the same characters.
    static func isValidPathPart(_ pathPart: String) -> Bool {
        func isNameCharacter(_ c: Character) -> Bool {
            c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-")
        }
        var name = Substring(pathPart)
        if name.hasPrefix("{") {
            guard name.hasSuffix("}") else { return false }
            name = name.dropFirst().dropLast()
            if name.hasSuffix("+") { name = name.dropLast() }
        }
        return !name.isEmpty && name.allSatisfy(isNameCharacter)
    }
}

/// A resource as GetResource(s) returns it: methods in full with `embed=methods`, otherwise only
/// their verbs (`"resourceMethods": {"GET": {}}`), as AWS does.
struct ResourceView: Encodable {
    let resource: Resource
    let embedMethods: Bool

    init(_ resource: Resource, embedMethods: Bool) {
        self.resource = resource
        self.embedMethods = embedMethods
    }

    private enum CodingKeys: String, CodingKey { case id, parentId, pathPart, path, resourceMethods }
    /// Encodes as `{}`.
    private struct Empty: Encodable {}

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resource.id, forKey: .id)
        try container.encodeIfPresent(resource.parentId, forKey: .parentId)
        try container.encodeIfPresent(resource.pathPart, forKey: .pathPart)
        try container.encode(resource.path, forKey: .path)
        if let methods = resource.resourceMethods, !methods.isEmpty {
            if embedMethods {
                try container.encode(methods, forKey: .resourceMethods)
            } else {
                try container.encode(methods.mapValues { _ in Empty() }, forKey: .resourceMethods)
            }
        }
    }
}
