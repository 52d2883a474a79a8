/// The HTTP API chain: shorter than REST's, as AWS's HTTP APIs are (no API keys, request
/// validation, mapping templates, stage caches, resource policies or REST authorizers; JWT
/// authorizers of their own).
extension DefaultChain {
    /// The phases an HTTP API route's chain keeps: throttling (route and stage throttles, the
    /// account) and the method-response observers (metrics, access logs).
    static let httpApiPhases: Set<ChainPhase> = [.route, .throttle, .methodResponse]

    /// Of `factories` (a REST route's full list, in phase order), those an HTTP API route runs,
    /// with the JWT authorizer (`HttpApiJwtFilterFactory`, over `integrations`' configuration and
    /// invoker) in its slot: JWT routes are never served without it.
    static func httpApiFactories(from factories: [any FilterFactory], integrations: IntegrationCatalog) -> [any FilterFactory] {
        let jwt = HttpApiJwtFilterFactory(runtime: integrations.configuration.authorizers, invoker: integrations.invoker)
        let kept = factories.filter { httpApiPhases.contains($0.phase) }
        return kept.filter { $0.phase < .authorizer } + [jwt] + kept.filter { $0.phase >= .authorizer }
    }
}
