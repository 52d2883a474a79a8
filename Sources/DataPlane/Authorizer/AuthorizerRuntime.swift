import Shared
import Synchronization

/// The node-wide state of authorizers, shared by every snapshot's filters and every loop: the
/// Lambda result cache, the JWKS key store, the user-pool directory and the call timeout.
///
/// One per node (`PipelineConfiguration.authorizers`); survives snapshot changes, so a cached
/// result keeps answering after an unrelated deployment (its key names the stage's flush
/// generation and the authorizer, so a flush or an authorizer change misses).
package final class AuthorizerRuntime: Sendable {
    /// A Lambda authorizer's result as the cache keeps it: the compiled policy, its decisions so far
    /// and what later phases see.
    ///
    /// A policy without conditions or policy variables decides by the method ARN alone, so its
    /// decision for an ARN is kept (at most `decisionLimit` ARNs, from any loop, behind a `Mutex`):
    /// a cache hit then costs a dictionary lookup instead of building a `PolicyRequest` and
    /// matching every statement (bench/authorizers.sh: the evaluation was ~7,200 of the ~18,300
    /// instructions a cached TOKEN authorizer added to a proxied request). A policy that needs the
    /// request's keys (`aws:SourceIp`, `aws:CurrentTime`, `${…}`) is evaluated for every request.
    final class CachedLambdaResult: Sendable {
        let result: LambdaAuthorizerResult
        let exposed: AuthorizerResult
        let needsContext: Bool
        private let decisions = Mutex<[String: PolicyDecision]>([:])

        /// Most method ARNs one result keeps decisions for (a `{proxy+}` route has as many ARNs as
        /// paths); past it, further ARNs are evaluated each time.
        static let decisionLimit = 64

        init(_ result: LambdaAuthorizerResult) {
            self.result = result
            exposed = AuthorizerResult(principalId: result.principalId, context: result.context,
                                       usageIdentifierKey: result.usageIdentifierKey)
            needsContext = result.policy.needsContext
        }

        /// The policy's own decision for `methodArn` (`context` is called only when the policy needs it).
        func decision(for methodArn: String, context: () -> PolicyContext) -> PolicyDecision {
            guard !needsContext else { return result.decision(for: methodArn, context: context()) }
            if let known = decisions.withLock({ $0[methodArn] }) { return known }
            let decided = result.decision(for: methodArn)
            decisions.withLock { kept in
                if kept.count < Self.decisionLimit { kept[methodArn] = decided }
            }
            return decided
        }

        /// Method ARNs with a kept decision (tests).
        var keptDecisions: Int { decisions.withLock { $0.count } }
    }

    /// Lambda results by `AuthorizerCacheKey`.
    let lambdaResults: AuthorizerCache<CachedLambdaResult>
    /// HTTP API Lambda authorizers' answers by `AuthorizerCacheKey` (`HttpApiLambdaAuthorizerFilter`).
    let httpApiResults: AuthorizerCache<HttpApiAuthorizerDecision>
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
        httpApiResults = AuthorizerCache(capacity: cacheCapacity, clock: monotonicNanos)
        tokenResults = AuthorizerCache(capacity: cacheCapacity, clock: monotonicNanos)
        keys = JWKSStore(refreshInterval: keyRefreshInterval, clock: monotonicNanos)
    }
}
