import Shared

/// Builds deployment definitions from `(path, methods)` lists, for the compiler, pipeline and
/// other tests that need a small API without going through the admin API.
package enum DeploymentFixture {
    /// A method with the given integration and method responses (`200` by default).
    package static func method(_ verb: String, _ integration: Integration?, apiKeyRequired: Bool = false,
                               responses: [String] = ["200"]) -> Method {
        Method(httpMethod: verb, apiKeyRequired: apiKeyRequired,
               methodResponses: Dictionary(uniqueKeysWithValues: responses.map { ($0, MethodResponse(statusCode: $0)) }),
               methodIntegration: integration)
    }

    /// Resources given as `(path, methods)`; parents are created as needed. The root resource is
    /// `rootId` and the others are `idPrefix` + a number in order of creation (`r1`, `r2`, …).
    package static func content(_ resources: [(String, [String: Method])], apiId: String, rootId: String, idPrefix: String,
                                binaryMediaTypes: [String]? = nil) -> DeploymentContent {
        var byPath: [String: Resource] = ["/": Resource(id: rootId, path: "/")]
        var order = ["/"]
        func ensure(_ path: String) -> String {
            if let existing = byPath[path] { return existing.id }
            let parts = path.split(separator: "/")
            let parentPath = parts.count == 1 ? "/" : "/" + parts.dropLast().joined(separator: "/")
            let parentId = ensure(parentPath)
            let resource = Resource(id: "\(idPrefix)\(byPath.count)", parentId: parentId, pathPart: String(parts.last!), path: path)
            byPath[path] = resource
            order.append(path)
            return resource.id
        }
        for (path, _) in resources { _ = ensure(path) }
        for (path, methods) in resources { byPath[path]!.resourceMethods = methods }
        let api = RestApi(id: apiId, name: "fixture", createdDate: 0, binaryMediaTypes: binaryMediaTypes, rootResourceId: rootId)
        return DeploymentContent(api: api, resources: order.map { byPath[$0]! })
    }
}
