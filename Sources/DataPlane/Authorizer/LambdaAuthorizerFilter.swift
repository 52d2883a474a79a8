import Shared

/// Method-request filter in the `authorizer` slot for `CUSTOM` methods: a TOKEN or REQUEST Lambda
/// authorizer (docs/authorization.md, "Lambda authorizers").
///
/// Per request, on its loop: the identity sources are read (any missing or empty → 401 without a
/// call) and a TOKEN's `identityValidationExpression` matched (mismatch → 401); with a TTL, the
/// node's cache is asked by stage, flush generation, authorizer and identity values. On a hit the
/// cached policy is evaluated against this request's method ARN and the request goes on or is
/// refused synchronously. On a miss the request is parked (`.suspend`) while the function is
/// invoked through the node's invoker (bounded by the runtime's timeout, so every parked request
/// resumes), then resumed on its own loop with the outcome: allowed (the result is written to
/// `Invocation.authorizer`), 403 deny, 401, or AWS's 500s (`LambdaAuthorizerCall.outcome`).
/// Allowed and denied policies are cached; 401s and failures are not.
struct LambdaAuthorizerFilter: RequestFilter {
    let authorizer: CompiledAuthorizer
    let function: String
    let runtime: AuthorizerRuntime
    let invoker: any IntegrationInvoker
    let configuration: PipelineConfiguration
    /// `arn:aws:execute-api:{region}:{account}:{api}/{stage}/` of the route's stage, built once.
    let arnPrefix: String
    /// The cache key's stage and authorizer part (`AuthorizerCacheKey.prefix`), built once.
    let keyPrefix: String

    init(authorizer: CompiledAuthorizer, function: String, runtime: AuthorizerRuntime, invoker: any IntegrationInvoker,
         configuration: PipelineConfiguration, stage: CompiledStage) {
        self.authorizer = authorizer
        self.function = function
        self.runtime = runtime
        self.invoker = invoker
        self.configuration = configuration
        arnPrefix = AuthorizerIdentity.methodArnPrefix(region: configuration.region, account: configuration.accountId, stage: stage)
        keyPrefix = AuthorizerCacheKey.prefix(restApiId: stage.restApiId, stage: stage.stageName,
                                              generation: stage.authorizerCacheGeneration, authorizerId: authorizer.id)
    }

    var name: String { "lambdaAuthorizer" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        let started = runtime.monotonicNanos()
        guard let values = AuthorizerIdentity.values(authorizer.identitySources, of: invocation) else {
            return refuse(.unauthorized, since: started, &invocation)
        }
        if authorizer.kind == .token, let expression = authorizer.validationExpression,
           expression.search(values[0]) != .match {
            return refuse(.unauthorized, since: started, &invocation)
        }
        let methodArn = AuthorizerIdentity.methodArn(invocation, prefix: arnPrefix)
        // A REQUEST authorizer without identity sources cannot be cached (AWS requires them for caching).
        let key = authorizer.ttlSeconds > 0 && !values.isEmpty
            ? AuthorizerCacheKey.make(prefix: keyPrefix, values: values)
            : nil
        if let key, let cached = runtime.lambdaResults.value(for: key) {
            let deciding = runtime.monotonicNanos()
            let decision = Self.decision(cached, methodArn: methodArn, resourcePolicy: invocation.resourcePolicyDecision) {
                AuthorizerIdentity.policyContext(invocation)
            }
            Self.record(decision, since: started, deciding: deciding, now: runtime.monotonicNanos(), &invocation.authSteps)
            switch decision {
            case .allow:
                invocation.authorizer = cached.exposed
                invocation.authorizerLatencyMillis = 0
                return .proceed
            case .explicitDeny: return .fail(.authorizerDenied(explicit: true))
            case .implicitDeny: return .fail(.authorizerDenied(explicit: false))
            }
        }
        guard let endpoint = configuration.lambdaEndpoint else { return refuse(.authorizerFailure, since: started, &invocation) }
        let event = authorizer.kind == .token
            ? LambdaAuthorizerEvent.token(values[0], methodArn: methodArn)
            : LambdaAuthorizerEvent.request(invocation, methodArn: methodArn)
        let unsigned = LambdaAuthorizerCall.request(function: function, event: event, endpoint: endpoint, invocation: invocation,
                                                    timeout: runtime.lambdaTimeout)
        // `authorizerCredentials` picks the keys; a role without keys is a configuration error (500), never an unsigned call.
        guard case .success(let request) = LambdaInvokeRequest.sign(unsigned, role: authorizer.credentials, signer: configuration.awsSigner,
                                                                    region: configuration.region, invocation: invocation) else {
            return refuse(.authorizerConfigurationError, since: started, &invocation)
        }
        let parked = invocation
        let (invoker, runtime, ttl) = (invoker, runtime, authorizer.ttlSeconds)
        return .suspend(PhaseSuspension { resume in
            let calling = runtime.monotonicNanos()
            invoker.invoke(request) { answer in
                let now = runtime.monotonicNanos()
                let latency = Int((now &- calling) / 1_000_000)
                // What the access log shows of the call: the Invoke API's status and headers (its request id).
                var steps = parked.authSteps
                if case .success(let response) = answer {
                    steps.authorizerInvokeStatus = UInt16(clamping: response.status)
                    steps.authorizerInvokeHeaders = response.headers
                }
                let next: PhaseOutcome
                switch LambdaAuthorizerCall.outcome(answer) {
                case .failure(let error):
                    steps.authorizer = AuthStepRecord.Step(status: error.status, latencyMillis: Int((now &- started) / 1_000_000), startedNanos: started)
                    next = .failUpdating(error) { [steps] invocation in
                        invocation.authSteps = steps
                        invocation.authorizerLatencyMillis = latency
                    }
                case .success(let result):
                    let cached = AuthorizerRuntime.CachedLambdaResult(result)
                    if let key { runtime.lambdaResults.store(cached, for: key, ttlSeconds: ttl) }
                    let decision = Self.decision(cached, methodArn: methodArn, resourcePolicy: parked.resourcePolicyDecision) {
                        AuthorizerIdentity.policyContext(parked)
                    }
                    Self.record(decision, since: started, deciding: now, now: runtime.monotonicNanos(), &steps)
                    let update: @Sendable (inout Invocation) -> Void = { [steps] invocation in
                        invocation.authSteps = steps
                        invocation.authorizerLatencyMillis = latency
                        if decision == .allow { invocation.authorizer = cached.exposed }
                    }
                    switch decision {
                    case .allow: next = .proceedUpdating(update)
                    case .explicitDeny: next = .failUpdating(.authorizerDenied(explicit: true), update)
                    case .implicitDeny: next = .failUpdating(.authorizerDenied(explicit: false), update)
                    }
                }
                // Always through the loop's queue: the invoker may answer synchronously, from inside `park`.
                if let loop = parked.eventLoop { loop.execute { resume(next) } } else { resume(next) }
            }
        })
    }

    /// Records a refusal before any call (`$context.authorizer.status` 401/500) and refuses.
    private func refuse(_ error: GatewayError, since started: UInt64, _ invocation: inout Invocation) -> PhaseOutcome {
        invocation.authSteps.authorizer = AuthStepRecord.Step(status: error.status, latencyMillis: Int((runtime.monotonicNanos() &- started) / 1_000_000),
                                                              startedNanos: started)
        return .fail(error)
    }

    /// Records an authorizer that returned a policy (`authorizer.status` 200, `authorizer.latency`
    /// from the filter's start) and that policy's decision (`authorize.status`: 200 allowed, 403
    /// denied; `authorize.latency` from `deciding`: the evaluation alone).
    static func record(_ decision: PolicyDecision, since started: UInt64, deciding: UInt64, now: UInt64, _ steps: inout AuthStepRecord) {
        steps.authorizer = AuthStepRecord.Step(status: 200, latencyMillis: Int((now &- started) / 1_000_000), startedNanos: started)
        steps.authorize = AuthStepRecord.Step(status: decision == .allow ? 200 : 403, latencyMillis: Int((now &- deciding) / 1_000_000))
    }

    /// The cached policy's decision for this request's method ARN (kept per ARN when the policy
    /// needs no request keys; condition keys built only when it does), combined by AWS's Table A with the API's resource policy when it
    /// has one (`Invocation.resourcePolicyDecision`: a resource policy's explicit allow admits a
    /// caller the returned policy does not mention; its explicit deny was refused before the call).
    /// `context` builds the request's condition keys, asked only when the policy reads them. (Taking
    /// the invocation itself made the filter copy it, retaining every reference it holds: ~1,200
    /// instructions a cached request, bench/authorizers.sh.)
    static func decision(_ cached: AuthorizerRuntime.CachedLambdaResult, methodArn: String, resourcePolicy: PolicyDecision?,
                         context: () -> PolicyContext) -> PolicyDecision {
        let own = cached.decision(for: methodArn, context: context)
        guard let resource = resourcePolicy else { return own }
        return ResourcePolicyAuthorization.tableA(own, resource)
    }
}
