import Shared

/// Serves a cached method's answers from the stage cache (AWS's step 7 of the method request;
/// docs/request-lifecycle.md, "Stage cache").
///
/// Request hook: for a request method the route caches, builds the key (`StageCacheKey`); a
/// `Cache-Control: max-age=0` from a caller allowed to invalidate (or any caller when
/// `requireAuthorizationForCacheControl` is off) drops the entry and goes to the integration;
/// from any other caller `unauthorizedCacheControlHeaderStrategy` decides (403, or ignore the
/// header with or without a `Warning`). Otherwise a live entry answers (`.respond`, the integration
/// is not called) and a miss goes on, leaving the key in the `cacheKey` slot. Response hook: a
/// 2xx answer of the integration under that key is stored for `ttlSeconds`. AWS adds no header
/// that tells a hit from a miss, and neither does this filter; `CacheHitCount`/`CacheMissCount`
/// are the store's counters. Runs on the request's loop; never suspends.
struct StageCacheFilter: RequestFilter {
    /// What the request hook left for the response hook.
    final class Pending: Sendable {
        /// Store the integration's answer under this key (nil: a hit, or a refused invalidation served from the cache).
        let key: String?
        /// Add the `Warning` of `SUCCEED_WITH_RESPONSE_HEADER`.
        let warns: Bool
        init(key: String?, warns: Bool) {
            self.key = key
            self.warns = warns
        }
    }

    static let slot = InvocationSlot<Pending>(.cacheKey)
    static let invalidateAction = "execute-api:InvalidateCache"
    /// The `Warning` a `SUCCEED_WITH_RESPONSE_HEADER` response carries (RFC 7234 code 199,
    /// "miscellaneous warning"; AWS's exact text is not documented: docs/compatibility.md).
    static let warning = #"199 - "Cache-Control header ignored: not authorized to invalidate the cache""#

    let cache: CompiledRouteCache
    let store: StageCacheStore
    let generation: Int
    /// The key's fixed part per cached method, built by the factory for this route and stage.
    let prefixes: StageCacheKey.Prefixes
    let principals: IAMPrincipalIndex
    let region: String
    let accountId: String

    var name: String { "stageCache" }
    var hooks: FilterHooks { [.request, .response] }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        guard cache.methods.contains(invocation.request.method.rawValue) else { return .proceed }
        let key = StageCacheKey.make(invocation, cache: cache, prefixes: prefixes, generation: generation)
        var warns = false
        if CacheControlDirective.requestsInvalidation(invocation.request.headers["Cache-Control"]) {
            if !cache.requireAuthorizationForCacheControl || mayInvalidate(invocation) {
                store.invalidate(key)
                invocation.slots[Self.slot] = Pending(key: key, warns: false)
                return .proceed
            }
            switch cache.unauthorizedStrategy {
            case .failWith403:
                // AWS prints the method ARN with the account masked but for its last four digits.
                let shown = AccessRefusal.methodArn(region: region, accountId: accountId, restApiId: invocation.stage.restApiId,
                                                    stage: invocation.stage.stageName, method: invocation.request.method.rawValue,
                                                    path: invocation.path[...])
                return .fail(.cacheInvalidationDenied(caller: invocation.iamCaller?.userArn ?? "anonymous", resource: shown))
            case .succeedWithResponseHeader: warns = true
            case .succeedWithoutResponseHeader: break
            }
        }
        if let hit = store.response(for: key) {
            if warns { invocation.slots[Self.slot] = Pending(key: nil, warns: true) }
            return .respond(hit)
        }
        invocation.slots[Self.slot] = Pending(key: key, warns: warns)
        return .proceed
    }

    func onResponse(_ response: inout HTTPResponse, invocation: Invocation) {
        guard let pending = invocation.slots[Self.slot] else { return }
        if let key = pending.key, (200..<300).contains(response.status) {
            store.store(response, for: key, ttlSeconds: cache.ttlSeconds)
        }
        if pending.warns { response.headers.add("Warning", Self.warning) }
    }

    /// Whether the request's IAM caller (a SigV4-verified `AWS_IAM` request) is allowed
    /// `execute-api:InvalidateCache` on the method ARN by its identity policies. Callers of other
    /// methods have no IAM identity, so they may not (AWS needs the same permission).
    private func mayInvalidate(_ invocation: Invocation) -> Bool {
        guard let caller = invocation.iamCaller, let key = principals.key(caller.accessKey) else { return false }
        var context = PolicyContext()
        context.set("aws:SourceIp", invocation.sourceIp)
        context.setTime(epochSeconds: invocation.requestTimeEpochMillis / 1000)
        context.set("aws:SecureTransport", invocation.connection.isTLS ? "true" : "false")
        let request = PolicyRequest(principal: .aws(arn: key.principal.arn, account: key.principal.accountId),
                                    action: Self.invalidateAction, resource: methodArn(invocation), context: context)
        return IAMPrincipalIndex.decision(of: key.principal, for: request) == .allow
    }

    private func methodArn(_ invocation: Invocation) -> String {
        ExecuteApiArn.method(region: region, account: accountId, apiId: invocation.stage.restApiId,
                             stage: invocation.stage.stageName, method: invocation.request.method.rawValue, path: invocation.path)
    }
}
