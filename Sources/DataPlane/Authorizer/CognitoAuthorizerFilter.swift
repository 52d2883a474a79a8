import Shared

/// Method-request filter in the `authorizer` slot for `COGNITO_USER_POOLS` methods: verifies the
/// ID or access token of the identity-source header (docs/authorization.md, "Cognito user pools and JWT").
///
/// Per request, on its loop: the header must hold a token (`Bearer ` is tolerated), signed RS256
/// or ES256, issued by one of the authorizer's pools (`UserPoolDirectory`); a method without
/// `authorizationScopes` takes an ID token (`token_use: id`), one with scopes an access token
/// (`token_use: access`) whose `scope` holds one of them (`JWTVerifier`). Every failure is 401
/// `Unauthorized`. Keys come from the node's `JWKSStore`: when the pool's keys are not held yet or
/// lack the token's `kid`, the request parks while they are fetched (rate-limited) and resumes on
/// its loop; a pool whose keys cannot be fetched at all answers 500 `AUTHORIZER_FAILURE`. A token
/// whose signature was verified is cached for the authorizer's TTL (its claims are checked again
/// on every request, so it never outlives its `exp`). The claims go to `Invocation.authorizer`.
/// On an API with a resource policy, a verified caller still needs the policy's explicit allow
/// (`ResourcePolicyAuthorization`, `.cognito`): otherwise 403 as AWS answers an anonymous caller.
struct CognitoAuthorizerFilter: RequestFilter {
    let authorizer: CompiledAuthorizer
    let providerARNs: [String]
    let scopes: [String]
    let runtime: AuthorizerRuntime
    let invoker: any IntegrationInvoker
    /// The cache key's stage and authorizer part (`AuthorizerCacheKey.prefix`), built once per route.
    let keyPrefix: String
    /// The node's region, for the method ARN of a resource-policy refusal.
    let region: String

    var name: String { "cognitoAuthorizer" }

    /// A verified token as the cache keeps it.
    final class VerifiedToken: Sendable {
        let token: JSONWebToken
        let pool: UserPoolDirectory.Pool
        let exposed: AuthorizerResult

        init(_ token: JSONWebToken, pool: UserPoolDirectory.Pool) {
            self.token = token
            self.pool = pool
            exposed = AuthorizerResult(principalId: nil, claims: token.claimStrings)
        }
    }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        let started = runtime.monotonicNanos()
        guard let values = AuthorizerIdentity.values(authorizer.identitySources, of: invocation) else {
            return refuse(.unauthorized, since: started, &invocation)
        }
        let text = Self.withoutBearer(values[0])
        let key = authorizer.ttlSeconds > 0 ? AuthorizerCacheKey.make(prefix: keyPrefix, values: [text]) : nil
        let now = runtime.epochSeconds()
        // Independent of the token, so decided once; applied only to callers the token authenticates.
        let policyRefusal = resourcePolicyRefusal(invocation)
        if let key, let cached = runtime.tokenResults.value(for: key) {
            guard (try? JWTVerifier.checkClaims(cached.token, policy: policy(cached.pool), now: now)) != nil else {
                return refuse(.unauthorized, since: started, &invocation)
            }
            invocation.authSteps = verified(invocation, refusal: policyRefusal, since: started)
            if let policyRefusal { return .fail(policyRefusal) }
            invocation.authorizer = cached.exposed
            return .proceed
        }
        guard let token = try? JSONWebToken(text), (try? JWTVerifier.algorithm(token.algorithm)) != nil,
              let issuer = token.string("iss"), let pool = pool(issuedBy: issuer) else { return refuse(.unauthorized, since: started, &invocation) }
        if let keys = runtime.keys.keys(for: pool.jwksURL), keys.keys[token.keyId ?? ""] != nil {
            switch verify(token, keys: keys, pool: pool, now: now, key: key) {
            case .success(let verified):
                invocation.authSteps = self.verified(invocation, refusal: policyRefusal, since: started)
                if let policyRefusal { return .fail(policyRefusal) }
                invocation.authorizer = verified.exposed
                return .proceed
            case .failure(let error): return refuse(error, since: started, &invocation)
            }
        }
        // Keys not held yet, or the token names a key we lack: fetch (or wait for the fetch in flight).
        let (runtime, invoker, loop, parked) = (runtime, invoker, invocation.eventLoop, invocation)
        return .suspend(PhaseSuspension { resume in
            runtime.keys.fetch(pool.jwksURL, invoker: invoker) { keys in
                let next: PhaseOutcome
                if let keys {
                    switch verify(token, keys: keys, pool: pool, now: runtime.epochSeconds(), key: key) {
                    case .success(let verified):
                        let steps = self.verified(parked, refusal: policyRefusal, since: started)
                        next = policyRefusal.map { refusal in .failUpdating(refusal) { $0.authSteps = steps } }
                            ?? .proceedUpdating { invocation in
                                invocation.authSteps = steps
                                invocation.authorizer = verified.exposed
                            }
                    case .failure(let error):
                        let steps = refused(parked, error, since: started)
                        next = .failUpdating(error) { $0.authSteps = steps }
                    }
                } else {
                    let steps = refused(parked, .authorizerFailure, since: started)
                    next = .failUpdating(.authorizerFailure) { $0.authSteps = steps }
                }
                // Always through the loop's queue: the store may answer synchronously, from inside `park`.
                if let loop { loop.execute { resume(next) } } else { resume(next) }
            }
        })
    }

    /// The steps after a token was verified: authentication and the authorizer 200, and, on an API
    /// with a resource policy, its decision (`authorize.*`: 200, or `refusal`'s 403).
    func verified(_ invocation: Invocation, refusal: GatewayError?, since started: UInt64) -> AuthStepRecord {
        let step = AuthStepRecord.Step(status: 200, latencyMillis: Int((runtime.monotonicNanos() &- started) / 1_000_000), startedNanos: started)
        var steps = invocation.authSteps
        steps.authenticate = step
        steps.authorizer = step
        if invocation.resourcePolicyDecision != nil { steps.authorize = AuthStepRecord.Step(status: refusal?.status ?? 200, latencyMillis: 0) }
        return steps
    }

    /// The steps after the token was refused (401) or could not be checked (500): authentication and the authorizer.
    func refused(_ invocation: Invocation, _ error: GatewayError, since started: UInt64) -> AuthStepRecord {
        let step = AuthStepRecord.Step(status: error.status, latencyMillis: Int((runtime.monotonicNanos() &- started) / 1_000_000),
                                       startedNanos: started)
        var steps = invocation.authSteps
        steps.authenticate = step
        steps.authorizer = step
        return steps
    }

    /// Records the refusal (`refused`) and refuses.
    private func refuse(_ error: GatewayError, since started: UInt64, _ invocation: inout Invocation) -> PhaseOutcome {
        invocation.authSteps = refused(invocation, error, since: started)
        return .fail(error)
    }

    /// The refusal a verified caller still gets from the API's resource policy (AWS: "the resource
    /// policy is evaluated independently, and an explicit allow is required"); nil without a policy
    /// or with its allow. The decision was left by the policy filter (`Invocation.resourcePolicyDecision`).
    func resourcePolicyRefusal(_ invocation: Invocation) -> GatewayError? {
        guard let decision = invocation.resourcePolicyDecision, decision != .allow else { return nil }
        let shown = AccessRefusal.methodArn(region: region, accountId: invocation.accountId, restApiId: invocation.stage.restApiId,
                                            stage: invocation.stage.stageName, method: invocation.request.method.rawValue,
                                            path: invocation.path[...])
        switch ResourcePolicyAuthorization.decide(caller: .cognito, resourcePolicy: decision, resource: shown, apiAccount: invocation.accountId) {
        case .allow: return nil
        case .refuse(let refusal): return .policyDenied(refusal)
        }
    }

    /// The token of a header value: after a leading `Bearer ` (any case), else the value itself.
    static func withoutBearer(_ value: String) -> String {
        let bytes = value.utf8
        guard bytes.count > 7 else { return value }
        var index = bytes.startIndex
        for expected in "bearer ".utf8 {
            let byte = bytes[index]
            guard byte == expected || (byte >= 0x41 && byte <= 0x5A && byte | 0x20 == expected) else { return value }
            index = bytes.index(after: index)
        }
        return String(value[index...])
    }

    /// The pool among the authorizer's whose issuer is `issuer`.
    func pool(issuedBy issuer: String) -> UserPoolDirectory.Pool? {
        for arn in providerARNs {
            if let pool = runtime.userPools.pool(for: arn), pool.issuer == issuer { return pool }
        }
        return nil
    }

    /// What a token must satisfy on this method.
    func policy(_ pool: UserPoolDirectory.Pool) -> JWTVerifier.Policy {
        JWTVerifier.Policy(issuer: pool.issuer, tokenUse: pool.checksTokenUse ? (scopes.isEmpty ? "id" : "access") : nil,
                           scopes: scopes, audiencePattern: authorizer.validationExpression)
    }

    /// Verifies and, when the authorizer caches, remembers the token. Any failure is 401.
    func verify(_ token: JSONWebToken, keys: JSONWebKeySet, pool: UserPoolDirectory.Pool, now: Int64, key: String?) -> Result<VerifiedToken, GatewayError> {
        do {
            try JWTVerifier.verifySignature(token, keys: keys)
            try JWTVerifier.checkClaims(token, policy: policy(pool), now: now)
        } catch {
            return .failure(.unauthorized)
        }
        let verified = VerifiedToken(token, pool: pool)
        if let key { runtime.tokenResults.store(verified, for: key, ttlSeconds: authorizer.ttlSeconds) }
        return .success(verified)
    }
}
