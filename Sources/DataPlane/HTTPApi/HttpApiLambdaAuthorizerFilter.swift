import Shared

/// Method-request filter in the `authorizer` slot of HTTP API routes with `authorizationType:
/// CUSTOM` (docs/authorization.md, "Lambda authorizers on HTTP APIs").
///
/// Per request, on its loop: the identity sources are read (any missing or empty → 401
/// `{"message":"Unauthorized"}` without a call). With `authorizerResultTtlInSeconds` above 0 the
/// node's cache is asked by API, stage, deployment, authorizer and identity values; a hit decides
/// synchronously. On a miss the request parks while the function is invoked through the node's
/// invoker (bounded by the runtime's Lambda timeout), then resumes on its loop: allowed (the
/// answer's principal and context reach `Invocation.authorizer`: `requestContext.authorizer.lambda`
/// of 2.0 events, `$context.authorizer.X` of mappings), denied (`isAuthorized: false`, or a policy
/// not allowing `execute-api:Invoke` on the route ARN) → 403 `{"message":"Forbidden"}`, a function
/// error `Unauthorized` → 401, no answer, any other function error or an unreadable answer → 500.
/// Allowed and denied answers are cached; 401s and failures are not.
struct HttpApiLambdaAuthorizerFilter: RequestFilter {
    let authorizer: CompiledHttpLambdaAuthorizer
    let runtime: AuthorizerRuntime
    let invoker: any IntegrationInvoker
    let configuration: PipelineConfiguration
    /// `arn:aws:execute-api:{region}:{account}:{api}/{stage}/`, built once.
    let arnPrefix: String
    /// The cache key's API, stage (with its deployment: a redeployed authorizer misses) and authorizer part.
    let keyPrefix: String

    init(authorizer: CompiledHttpLambdaAuthorizer, runtime: AuthorizerRuntime, invoker: any IntegrationInvoker,
         configuration: PipelineConfiguration, stage: CompiledStage) {
        self.authorizer = authorizer
        self.runtime = runtime
        self.invoker = invoker
        self.configuration = configuration
        arnPrefix = AuthorizerIdentity.methodArnPrefix(region: configuration.region, account: configuration.accountId, stage: stage)
        keyPrefix = AuthorizerCacheKey.prefix(restApiId: stage.restApiId, stage: stage.stageName + "/" + stage.deploymentId,
                                              generation: stage.authorizerCacheGeneration, authorizerId: authorizer.authorizerId)
    }

    var name: String { "lambdaAuthorizer" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        guard let values = AuthorizerIdentity.values(authorizer.identitySources, of: invocation) else { return .fail(.unauthorized) }
        let routeArn = AuthorizerIdentity.methodArn(invocation, prefix: arnPrefix)
        let key = authorizer.caches ? AuthorizerCacheKey.make(prefix: keyPrefix, values: values) : nil
        if let key, let cached = runtime.httpApiResults.value(for: key) {
            invocation.authorizerLatencyMillis = 0
            return Self.outcome(cached, routeArn: routeArn, invocation, latency: 0)
        }
        guard let endpoint = configuration.lambdaEndpoint else { return .fail(.authorizerFailure) }
        let event = HttpApiAuthorizerEvent.make(invocation, routeArn: routeArn, identity: values, version: authorizer.payloadFormatVersion)
        let unsigned = LambdaAuthorizerCall.request(function: authorizer.function, event: event, endpoint: endpoint, invocation: invocation,
                                                    timeout: runtime.lambdaTimeout)
        // A role without keys is a configuration error (500), never an unsigned call.
        guard case .success(let request) = LambdaInvokeRequest.sign(unsigned, role: authorizer.credentials, signer: configuration.awsSigner,
                                                                    region: configuration.region, invocation: invocation) else {
            return .fail(.authorizerConfigurationError)
        }
        let parked = invocation
        let (invoker, runtime, ttl, version, simple) = (invoker, runtime, authorizer.ttlSeconds, authorizer.payloadFormatVersion,
                                                       authorizer.simpleResponses)
        return .suspend(PhaseSuspension { resume in
            let calling = runtime.monotonicNanos()
            invoker.invoke(request) { answer in
                let latency = Int((runtime.monotonicNanos() &- calling) / 1_000_000)
                let next: PhaseOutcome
                switch Self.read(answer, version: version, simple: simple) {
                case .failure(let error):
                    next = .failUpdating(error) { $0.authorizerLatencyMillis = latency }
                case .success(let decision):
                    if let key { runtime.httpApiResults.store(decision, for: key, ttlSeconds: ttl) }
                    next = Self.outcome(decision, routeArn: routeArn, parked, latency: latency)
                }
                // Always through the loop's queue: the invoker may answer synchronously, from inside `park`.
                if let loop = parked.eventLoop { loop.execute { resume(next) } } else { resume(next) }
            }
        })
    }

    /// The Invoke API's answer as AWS reads it: no answer or the Lambda service refusing → 500
    /// (`authorizerFailure`); a function error `Unauthorized` → 401; another function error or an
    /// unreadable answer → 500 (`authorizerConfigurationError`).
    static func read(_ answer: Result<UpstreamResponse, IntegrationFailure>, version: String,
                     simple: Bool) -> Result<HttpApiAuthorizerDecision, GatewayError> {
        guard case .success(let response) = answer, (200..<300).contains(response.status) else { return .failure(.authorizerFailure) }
        if response.headers.contains("X-Amz-Function-Error") {
            return .failure(LambdaAuthorizerCall.isUnauthorized(response.body) ? .unauthorized : .authorizerConfigurationError)
        }
        switch HttpApiAuthorizerDecision.parse(response.body, version: version, simple: simple) {
        case .success(let decision): return .success(decision)
        case .failure: return .failure(.authorizerConfigurationError)
        }
    }

    /// Proceeds with the answer's identity when it allows the route ARN, else 403.
    static func outcome(_ decision: HttpApiAuthorizerDecision, routeArn: String, _ invocation: Invocation, latency: Int) -> PhaseOutcome {
        let decided = decision.decision(for: routeArn) { AuthorizerIdentity.policyContext(invocation) }
        let exposed = decision.exposed
        switch decided {
        case .allow:
            return .proceedUpdating { invocation in
                invocation.authorizer = exposed
                invocation.authorizerLatencyMillis = latency
            }
        case .explicitDeny: return .failUpdating(.authorizerDenied(explicit: true)) { $0.authorizerLatencyMillis = latency }
        case .implicitDeny: return .failUpdating(.authorizerDenied(explicit: false)) { $0.authorizerLatencyMillis = latency }
        }
    }
}

/// Puts `HttpApiLambdaAuthorizerFilter` on every HTTP API route with a Lambda authorizer. Always
/// part of the HTTP API chain (`DefaultChain.httpApiFactories`): a CUSTOM route is never served
/// without it (and one whose authorizer did not compile was refused by the compiler).
struct HttpApiLambdaAuthorizerFilterFactory: FilterFactory {
    let configuration: PipelineConfiguration
    let invoker: any IntegrationInvoker

    var phase: ChainPhase { .authorizer }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let lambda = route.httpApi?.lambda else { return nil }
        return HttpApiLambdaAuthorizerFilter(authorizer: lambda, runtime: configuration.authorizers, invoker: invoker,
                                             configuration: configuration, stage: stage)
    }
}
