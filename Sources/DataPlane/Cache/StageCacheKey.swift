import Shared

/// The stage-cache key of one request (pure): the stage's flush generation and deployment, the
/// method, the cache namespace (default: the resource id) and resource path, and the values of
/// `cacheKeyParameters` in their declared order, as AWS keys its cache.
///
/// Every part is length-prefixed, so no value can forge another key (`a` + `b=c` never equals
/// `a=b` + `c`). A parameter that is absent and one that is empty differ. Query and header values
/// are the last occurrence (as `method.request.*` resolves them); header names are matched
/// without case; path values are raw as routed.
///
/// The parts fixed for a route and method (generation, deployment, method, namespace, resource
/// path) are built once per snapshot into a `Prefixes` table by the filter's factory; a request
/// appends only its parameter values to its method's prefix (`bench/cache.sh`: building the whole
/// key per request cost about 3,000 instructions of a 48,600-instruction hit).
enum StageCacheKey {
    /// The fixed first part of the key for each cached method of one route on one stage.
    struct Prefixes: Sendable {
        let deploymentId: String
        let resourcePath: String
        /// (method, prefix) pairs; a route caches one or a few methods, so a scan beats hashing.
        let byMethod: [(method: String, prefix: String)]

        init(cache: CompiledRouteCache, generation: Int, deploymentId: String, resourcePath: String) {
            self.deploymentId = deploymentId
            self.resourcePath = resourcePath
            byMethod = cache.methods.sorted().map { method in
                (method, StageCacheKey.prefix(generation: generation, deploymentId: deploymentId, method: method,
                                              namespace: cache.namespace, resourcePath: resourcePath))
            }
        }

        /// The prefix for `invocation`, or nil when its method, deployment or resource path is not
        /// the one the table was built for (then the caller builds the whole key).
        func prefix(for invocation: Invocation) -> String? {
            guard invocation.stage.deploymentId == deploymentId, invocation.route.resourcePath == resourcePath else { return nil }
            let method = invocation.request.method.rawValue
            for entry in byMethod where entry.method == method { return entry.prefix }
            return nil
        }
    }

    /// The whole key, built from its parts (what `make(_:cache:prefixes:)` reproduces faster).
    static func make(_ invocation: Invocation, cache: CompiledRouteCache, generation: Int) -> String {
        var key = prefix(generation: generation, deploymentId: invocation.stage.deploymentId,
                         method: invocation.request.method.rawValue, namespace: cache.namespace,
                         resourcePath: invocation.route.resourcePath)
        appendParameters(invocation, cache: cache, to: &key)
        return key
    }

    /// The key from the route's precomputed prefix; the same string `make(_:cache:generation:)` builds.
    static func make(_ invocation: Invocation, cache: CompiledRouteCache, prefixes: Prefixes, generation: Int) -> String {
        guard var key = prefixes.prefix(for: invocation) else { return make(invocation, cache: cache, generation: generation) }
        appendParameters(invocation, cache: cache, to: &key)
        return key
    }

    static func prefix(generation: Int, deploymentId: String, method: String, namespace: String, resourcePath: String) -> String {
        var key = "g\(generation)"
        append(deploymentId, to: &key)
        append(method, to: &key)
        append(namespace, to: &key)
        append(resourcePath, to: &key)
        return key
    }

    private static func appendParameters(_ invocation: Invocation, cache: CompiledRouteCache, to key: inout String) {
        for parameter in cache.keyParameters {
            let value: String?
            switch parameter {
            case .query(let name): value = invocation.query.last(name)
            case .header(let name): value = invocation.request.headers[name]
            case .path(let name): value = invocation.pathParameter(name)
            }
            if let value { append(value, to: &key) } else { key += "|-" }
        }
    }

    private static func append(_ part: String, to key: inout String) {
        key += "|"
        key += String(part.utf8.count)
        key += ":"
        key += part
    }
}
