import Shared

/// Resource-tree edits on an API's live definition, used by the admin handlers.
extension DeploymentContent {
    /// The index of resource `id` in `resources`, or nil.
    func resourceIndex(_ id: String) -> Int? {
        resources.firstIndex { $0.id == id }
    }

    /// Ids of the direct children of `id`.
    func childIDs(of id: String) -> [String] {
        resources.filter { $0.parentId == id }.map(\.id)
    }

    /// `id` and every descendant of it.
    func subtreeIDs(of id: String) -> Set<String> {
        var result: Set<String> = [id]
        var frontier = [id]
        while let next = frontier.popLast() {
            for child in childIDs(of: next) where result.insert(child).inserted { frontier.append(child) }
        }
        return result
    }

    /// Whether any resource has at least one method (AWS refuses to deploy an API without one).
    var hasMethods: Bool {
        resources.contains { !($0.resourceMethods ?? [:]).isEmpty }
    }

    /// An id not used by any resource of this API.
    func freshResourceID(length: Int) -> String {
        while true {
            let id = ResourceID.generate(length: length)
            if resourceIndex(id) == nil && id != api.id { return id }
        }
    }

    /// Recomputes `path` of `id` and of its descendants from their parents' paths and their path parts.
    mutating func recomputePaths(from id: String) {
        var frontier = [id]
        while let next = frontier.popLast() {
            guard let index = resourceIndex(next) else { continue }
            if let parentId = resources[index].parentId, let parent = resourceIndex(parentId) {
                let base = resources[parent].path == "/" ? "" : resources[parent].path
                resources[index].path = base + "/" + (resources[index].pathPart ?? "")
            }
            frontier.append(contentsOf: childIDs(of: next))
        }
    }
}

extension DeploymentContent {
    /// Every method of the API with its verb and resource path, in resource order (for "in use" checks).
    var methods: [(path: String, verb: String, method: Method)] {
        resources.flatMap { resource in
            (resource.resourceMethods ?? [:]).sorted { $0.key < $1.key }.map { (resource.path, $0.key, $0.value) }
        }
    }
}
