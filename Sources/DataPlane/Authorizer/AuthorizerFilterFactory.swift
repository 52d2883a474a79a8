import Shared

/// Puts the method's authorizer filter on every `CUSTOM` and `COGNITO_USER_POOLS` route with a
/// compiled authorizer (`CompiledRoute.authorizer`): `LambdaAuthorizerFilter` for TOKEN and
/// REQUEST, `CognitoAuthorizerFilter` for user pools. Part of `DefaultChain.builtIn`: no node
/// configuration leaves it out (a protected method without it would be served open).
struct AuthorizerFilterFactory: FilterFactory {
    let configuration: PipelineConfiguration
    /// The node's invoker: Lambda calls and JWKS fetches go through it.
    let invoker: any IntegrationInvoker

    var phase: ChainPhase { .authorizer }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let authorizer = route.authorizer else { return nil }
        switch authorizer.kind {
        case .token, .request:
            // Never nil for a compiled TOKEN/REQUEST authorizer; should it be, refuse rather than serve open.
            guard let function = authorizer.function else { return FailClosedAuthorizerFilter() }
            return LambdaAuthorizerFilter(authorizer: authorizer, function: function, runtime: configuration.authorizers,
                                          invoker: invoker, configuration: configuration, stage: stage)
        case .cognito(let arns):
            return CognitoAuthorizerFilter(authorizer: authorizer, providerARNs: arns, scopes: route.authorizationScopes,
                                           runtime: configuration.authorizers, invoker: invoker,
                                           keyPrefix: AuthorizerCacheKey.prefix(restApiId: stage.restApiId, stage: stage.stageName,
                                                                                generation: stage.authorizerCacheGeneration,
                                                                                authorizerId: authorizer.id),
                                           region: configuration.region)
        }
    }
}

/// The invoker of chains built without one (`DefaultChain.factories` called without an invoker):
/// every call fails, so an authorizer answers 500 `AUTHORIZER_FAILURE`, never lets a request through.
struct UnavailableInvoker: IntegrationInvoker {
    func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
        completion(.failure(.connectionFailed("no invoker in this pipeline")))
    }
}

/// Refuses every request with 500 `AUTHORIZER_FAILURE` (an authorizer that cannot be called).
struct FailClosedAuthorizerFilter: RequestFilter {
    var name: String { "authorizerFailure" }
    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome { .fail(.authorizerFailure) }
}
