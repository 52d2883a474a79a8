/// A resource (path node) of a REST API, with its methods embedded (botocore `Resource`).
///
/// The root resource has `path == "/"` and no `parentId`/`pathPart`.
/// `pathPart` is a literal (`pets`), a variable (`{id}`) or a greedy variable (`{proxy+}`).
package struct Resource: Codable, Sendable, Equatable {
    package var id: String
    package var parentId: String?
    package var pathPart: String?
    package var path: String
    /// Methods keyed by HTTP verb (`GET`, …, `ANY`).
    package var resourceMethods: [String: Method]?

    package init(id: String, parentId: String? = nil, pathPart: String? = nil, path: String, resourceMethods: [String: Method]? = nil) {
        self.id = id
        self.parentId = parentId
        self.pathPart = pathPart
        self.path = path
        self.resourceMethods = resourceMethods
    }
}
