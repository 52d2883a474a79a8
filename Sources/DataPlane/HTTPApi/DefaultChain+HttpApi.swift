/// The HTTP API chain: shorter than REST's, as AWS's HTTP APIs are (no API keys, request
/// validation, mapping templates, stage caches, resource policies or REST authorizers; JWT, Lambda
/// and IAM authorization and parameter mapping of their own).
extension DefaultChain {
    /// The phases an HTTP API route's chain keeps of REST's list: throttling (route and stage
    /// throttles, the account) and the method-response observers (metrics, access logs).
    static let httpApiPhases: Set<ChainPhase> = [.route, .throttle, .methodResponse]

    /// Of `factories` (a REST route's full list, in phase order), those an HTTP API route runs,
    /// with its own in their slots: the IAM filter (`PolicyAuthorizationFilterFactory`, REST's, for
    /// `AWS_IAM` routes), the JWT and Lambda authorizers (over `integrations`' configuration and
    /// invoker) and the request parameter mapping. Routes needing them are never served without them.
    static func httpApiFactories(from factories: [any FilterFactory], integrations: IntegrationCatalog) -> [any FilterFactory] {
        let iam = factories.filter { $0 is PolicyAuthorizationFilterFactory }
        let own: [any FilterFactory] = [
            HttpApiJwtFilterFactory(runtime: integrations.configuration.authorizers, invoker: integrations.invoker),
            HttpApiLambdaAuthorizerFilterFactory(configuration: integrations.configuration, invoker: integrations.invoker),
            HttpApiParameterMappingFilterFactory(),
        ]
        let kept = factories.filter { httpApiPhases.contains($0.phase) }
        return kept.filter { $0.phase < .authorizer } + iam + own.filter { $0.phase == .authorizer }
            + kept.filter { $0.phase >= .authorizer } + own.filter { $0.phase > .authorizer }
    }
}
