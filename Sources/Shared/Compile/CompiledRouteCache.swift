/// One method's stage-cache settings, compiled (docs/request-lifecycle.md, "Stage cache").
///
/// Present on a `CompiledRoute` only when its stage has `cacheClusterEnabled` and the method's
/// setting turns caching on (`caching/enabled`) with a TTL above 0. A setting inherited from
/// `*/*` or `{path}/*` caches GET only, as AWS does; a method's own `{path}/{METHOD}` entry caches
/// that method. Immutable; read by every event loop.
package struct CompiledRouteCache: Sendable, Equatable {
    /// What `unauthorizedCacheControlHeaderStrategy` does with a `Cache-Control: max-age=0` the
    /// caller may not send.
    package enum UnauthorizedStrategy: String, Sendable, CaseIterable {
        /// 403, the integration is not called.
        case failWith403 = "FAIL_WITH_403"
        /// The header is ignored (a cached answer may be served) and the response carries a `Warning`.
        case succeedWithResponseHeader = "SUCCEED_WITH_RESPONSE_HEADER"
        /// The header is ignored silently.
        case succeedWithoutResponseHeader = "SUCCEED_WITHOUT_RESPONSE_HEADER"
    }

    /// One `cacheKeyParameters` entry: where its value comes from.
    package enum KeyParameter: Sendable, Equatable {
        case query(String)
        case header(String)
        case path(String)

        /// `method.request.{querystring|header|path}.NAME`; nil for anything else (the compiler
        /// refuses it rather than cache without the value).
        package init?(_ text: String) {
            let prefix = "method.request."
            guard text.hasPrefix(prefix) else { return nil }
            let rest = text.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: ".") else { return nil }
            let name = String(rest[rest.index(after: dot)...])
            guard !name.isEmpty else { return nil }
            switch rest[..<dot] {
            case "querystring": self = .query(name)
            case "header": self = .header(name)
            case "path": self = .path(name)
            default: return nil
            }
        }
    }

    /// Request methods served from the cache (`GET` for an inherited setting).
    package let methods: Set<String>
    /// `caching/ttlInSeconds`, 1…3600.
    package let ttlSeconds: Int
    /// `cacheNamespace` (default: the resource id): routes sharing it share entries.
    package let namespace: String
    /// `cacheKeyParameters` in their declared order.
    package let keyParameters: [KeyParameter]
    /// `caching/requireAuthorizationForCacheControl`.
    package let requireAuthorizationForCacheControl: Bool
    package let unauthorizedStrategy: UnauthorizedStrategy

    package init(methods: Set<String>, ttlSeconds: Int, namespace: String, keyParameters: [KeyParameter],
                 requireAuthorizationForCacheControl: Bool, unauthorizedStrategy: UnauthorizedStrategy) {
        self.methods = methods
        self.ttlSeconds = ttlSeconds
        self.namespace = namespace
        self.keyParameters = keyParameters
        self.requireAuthorizationForCacheControl = requireAuthorizationForCacheControl
        self.unauthorizedStrategy = unauthorizedStrategy
    }

    /// The cache settings of method `verb` whose stage setting is `setting` under `settingKey`;
    /// nil when the method is not cached. Throws for what the node cannot honour.
    static func compile(verb: String, settingKey: String?, setting: MethodSetting?, integration: Integration,
                        resourceId: String, ref: CompileError.MethodRef) throws(CompileError) -> CompiledRouteCache? {
        guard let setting, let settingKey, setting.cachingEnabled, setting.cacheTtlInSeconds > 0 else { return nil }
        guard setting.cacheTtlInSeconds <= 3600 else {
            throw .unsupportedFeature(feature: "a cache TTL over 3600 seconds", detail: "\(ref.httpMethod) \(ref.resourcePath)")
        }
        // Entries live only in the node's memory, never on disk; encrypting them is not offered.
        if setting.cacheDataEncrypted {
            throw .unsupportedFeature(feature: "an encrypted stage cache (caching/dataEncrypted)",
                                      detail: "\(ref.httpMethod) \(ref.resourcePath)")
        }
        guard let strategy = UnauthorizedStrategy(rawValue: setting.unauthorizedCacheControlHeaderStrategy) else {
            throw .unsupportedFeature(feature: "unauthorizedCacheControlHeaderStrategy \(setting.unauthorizedCacheControlHeaderStrategy)",
                                      detail: "\(ref.httpMethod) \(ref.resourcePath)")
        }
        let own = settingKey.hasSuffix("/\(verb)") && !settingKey.hasSuffix("/*")
        let methods: Set<String> = own ? (verb == "ANY" ? ["GET"] : [verb]) : (verb == "GET" || verb == "ANY" ? ["GET"] : [])
        guard !methods.isEmpty else { return nil }
        var parameters: [KeyParameter] = []
        for text in integration.cacheKeyParameters ?? [] {
            guard let parameter = KeyParameter(text) else {
                throw .unsupportedFeature(feature: "cache key parameter \(text)", detail: "\(ref.httpMethod) \(ref.resourcePath)")
            }
            parameters.append(parameter)
        }
        let namespace = integration.cacheNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? resourceId
        return CompiledRouteCache(methods: methods, ttlSeconds: setting.cacheTtlInSeconds, namespace: namespace,
                                  keyParameters: parameters,
                                  requireAuthorizationForCacheControl: setting.requireAuthorizationForCacheControl,
                                  unauthorizedStrategy: strategy)
    }
}
