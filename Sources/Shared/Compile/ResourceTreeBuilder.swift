/// Checks a deployment's resources form one valid tree and gives each its parsed path.
///
/// Mutable; lives only while a deployment is compiled. Enforces Amazon API Gateway's rules with its
/// messages: one root, known parents, no cycles, valid path parts, unique sibling names, at most one
/// variable sibling, nothing below a greedy part.
struct ResourceTreeBuilder {
    /// A resource with its path parts resolved.
    struct ResolvedResource {
        let resource: Resource
        let parts: [PathPart]
        /// `/pets/{petId}`; the root is `/`.
        let path: String
    }

    private let byId: [String: Resource]
    private var parts: [String: [PathPart]] = [:]

    /// Builds the tree; throws on the first rule broken.
    static func resolve(_ resources: [Resource]) throws(CompileError) -> [ResolvedResource] {
        var builder = try ResourceTreeBuilder(resources)
        return try builder.resolveAll(resources)
    }

    private init(_ resources: [Resource]) throws(CompileError) {
        var byId: [String: Resource] = [:]
        for resource in resources {
            guard byId[resource.id] == nil else { throw .duplicateResourceId(resource.id) }
            byId[resource.id] = resource
        }
        let roots = resources.filter { $0.parentId == nil }
        guard !roots.isEmpty else { throw .missingRootResource }
        guard roots.count == 1 else { throw .multipleRootResources(ids: roots.map(\.id).sorted()) }
        self.byId = byId
        parts[roots[0].id] = []
    }

    private mutating func resolveAll(_ resources: [Resource]) throws(CompileError) -> [ResolvedResource] {
        var resolved: [ResolvedResource] = []
        resolved.reserveCapacity(resources.count)
        for resource in resources {
            let path = try parts(of: resource)
            resolved.append(ResolvedResource(resource: resource, parts: path, path: Self.render(path)))
        }
        try checkSiblings(resolved)
        return resolved.sorted { $0.path < $1.path }
    }

    /// Walks up to a resolved ancestor, then resolves the chain downwards.
    private mutating func parts(of resource: Resource) throws(CompileError) -> [PathPart] {
        if let known = parts[resource.id] { return known }
        var chain: [Resource] = []
        var seen: Set<String> = []
        var current = resource
        while parts[current.id] == nil {
            guard seen.insert(current.id).inserted else { throw .cyclicResources(resourceId: resource.id) }
            chain.append(current)
            guard let parentId = current.parentId else { throw .cyclicResources(resourceId: resource.id) }
            guard let parent = byId[parentId] else { throw .unknownParent(resourceId: current.id, parentId: parentId) }
            current = parent
        }
        var path = parts[current.id]!
        for link in chain.reversed() {
            guard let text = link.pathPart, let part = PathPart(parsing: text) else {
                throw .invalidPathPart(resourceId: link.id, pathPart: link.pathPart ?? "")
            }
            path.append(part)
            parts[link.id] = path
        }
        return path
    }

    private func checkSiblings(_ resolved: [ResolvedResource]) throws(CompileError) {
        var children: [String: [ResolvedResource]] = [:]
        for entry in resolved {
            if let parentId = entry.resource.parentId { children[parentId, default: []].append(entry) }
        }
        for (parentId, siblings) in children.sorted(by: { $0.key < $1.key }) {
            let parentParts = parts[parentId] ?? []
            let parentPath = Self.render(parentParts)
            if let last = parentParts.last, case .greedy = last {
                throw .childOfGreedy(path: siblings[0].path, greedyPart: last.description)
            }
            var names: Set<String> = []
            var variable: PathPart?
            for sibling in siblings.sorted(by: { $0.path < $1.path }) {
                let part = sibling.parts[sibling.parts.count - 1]
                guard names.insert(part.description).inserted else {
                    throw .duplicateSibling(parentPath: parentPath, pathPart: part.description)
                }
                if part.isVariable {
                    if let existing = variable { throw .variableSiblingConflict(parentPath: parentPath, pathPart: existing.description) }
                    variable = part
                }
            }
        }
    }

    static func render(_ parts: [PathPart]) -> String {
        parts.isEmpty ? "/" : parts.reduce(into: "") { $0 += "/\($1)" }
    }
}
