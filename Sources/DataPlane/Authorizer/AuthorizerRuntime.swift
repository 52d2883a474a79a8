import Shared

/// The node-wide state of authorizers, shared by every snapshot's filters and every loop: the
/// Lambda result cache, the JWKS key store, the user-pool directory and the call timeout.
///
/// One per node (`PipelineConfiguration.authorizers`); survives snapshot changes, so a cached
/// result keeps answering after an unrelated deployment (its key names the stage's flush
/// generation and the authorizer, so a flush or an authorizer change misses).
package final class AuthorizerRuntime: Sendable {
    /// A Lambda authorizer's result as the cache keeps it: the compiled policy (evaluated again for
    /// every method ARN) and what later phases see.
    final class CachedLambdaResult: Sendable {
        let result: LambdaAuthorizerResult
        let exposed: AuthorizerResult
        let needsContext: Bool

        init(_ result: LambdaAuthorizerResult) {
            self.result = result
            exposed = AuthorizerResult(principalId: result.principalId, context: result.context,
                                       usageIdentifierKey: result.usageIdentifierKey)
            needsContext = result.policy.needsContext
        }
    }

    /// Lambda results by `AuthorizerCacheKey`.
    let lambdaResults: AuthorizerCache<CachedLambdaResult>
    /// Verified tokens of Cognito/JWT authorizers by `AuthorizerCacheKey` (claims until the TTL or the token's `exp`).
    let tokenResults: AuthorizerCache<CognitoAuthorizerFilter.VerifiedToken>
    /// Signing keys of the user pools.
    package let keys: JWKSStore
    /// Where each user pool's issuer and keys are.
    package let userPools: UserPoolDirectory
    /// How long a Lambda authorizer may take before the request gets 500 `AUTHORIZER_FAILURE`.
    package let lambdaTimeout: Duration
    /// Monotonic nanoseconds (cache deadlines, call latency).
    let monotonicNanos: @Sendable () -> UInt64
    /// Wall-clock epoch seconds (token `exp`, `nbf`, `iat`).
    let epochSeconds: @Sendable () -> Int64

    package init(userPools: UserPoolDirectory = UserPoolDirectory(), lambdaTimeout: Duration = .seconds(10), cacheCapacity: Int = 4096,
                 keyRefreshInterval: Duration = .seconds(30),
                 monotonicNanos: @escaping @Sendable () -> UInt64 = { Syscall.monotonicNanos() },
                 epochSeconds: @escaping @Sendable () -> Int64 = { RequestPipeline.systemEpochMillis() / 1000 }) {
        self.userPools = userPools
        self.lambdaTimeout = lambdaTimeout
        self.monotonicNanos = monotonicNanos
        self.epochSeconds = epochSeconds
        lambdaResults = AuthorizerCache(capacity: cacheCapacity, clock: monotonicNanos)
        tokenResults = AuthorizerCache(capacity: cacheCapacity, clock: monotonicNanos)
        keys = JWKSStore(refreshInterval: keyRefreshInterval, clock: monotonicNanos)
    }
}
