import Shared

/// The stage-cache key of one request (pure): the stage's flush generation and deployment, the
/// method, the cache namespace (default: the resource id) and resource path, and the values of
/// `cacheKeyParameters` in their declared order, as AWS keys its cache.
///
/// Every part is length-prefixed, so no value can forge another key (`a` + `b=c` never equals
/// `a=b` + `c`). A parameter that is absent and one that is empty differ. Query and header values
/// are the last occurrence (as `method.request.*` resolves them); header names are matched
/// without case; path values are raw as routed.
enum StageCacheKey {
    static func make(_ invocation: Invocation, cache: CompiledRouteCache, generation: Int) -> String {
        var key = "g\(generation)"
        append(invocation.stage.deploymentId, to: &key)
        append(invocation.request.method.rawValue, to: &key)
        append(cache.namespace, to: &key)
        append(invocation.route.resourcePath, to: &key)
        for parameter in cache.keyParameters {
            let value: String?
            switch parameter {
            case .query(let name): value = invocation.query.last(name)
            case .header(let name): value = invocation.request.headers[name]
            case .path(let name): value = invocation.pathParameter(name)
            }
            if let value { append(value, to: &key) } else { key += "|-" }
        }
        return key
    }

    private static func append(_ part: String, to key: inout String) {
        key += "|\(part.utf8.count):"
        key += part
    }
}
