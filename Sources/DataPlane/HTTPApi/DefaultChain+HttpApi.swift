/// The HTTP API chain: shorter than REST's, as AWS's HTTP APIs are (no API keys, request
/// validation, mapping templates, stage caches, resource policies or REST authorizers).
extension DefaultChain {
    /// The phases an HTTP API route's chain keeps: throttling (route and stage throttles, the
    /// account) and the method-response observers (metrics, access logs).
    static let httpApiPhases: Set<ChainPhase> = [.route, .throttle, .methodResponse]

    /// Of `factories` (a REST route's full list, in phase order), those an HTTP API route runs.
    static func httpApiFactories(from factories: [any FilterFactory]) -> [any FilterFactory] {
        factories.filter { httpApiPhases.contains($0.phase) }
    }
}
