/// The data plane's default chain: what every route gets whatever the node plugs in.
///
/// `builtIn` holds the protections that are never optional: `AccessRefusalFilter` (resource
/// policy and authorizer slots) refuses every method whose protection Tollgate does not enforce
/// yet, and `AuthorizerFilterFactory` runs Lambda and Cognito authorizers, so no `--limits` setting or feature list can serve such a method open. The node's features
/// (API keys, throttles and quotas from `NodeLimits.filterFactories(for:)`) join them, and
/// `factories(features:configuration:)` orders the lot by `ChainPhase` (stable: same-slot factories keep their order).
package enum DefaultChain {
    /// The filters no configuration removes. `invoker` carries the authorizers' Lambda calls and
    /// JWKS fetches (without one, every authorizer answers 500 and lets nothing through).
    package static func builtIn(_ configuration: PipelineConfiguration, invoker: (any IntegrationInvoker)? = nil) -> [any FilterFactory] {
        [AccessRefusalFilterFactory(configuration: configuration),
         AuthorizerFilterFactory(configuration: configuration, invoker: invoker ?? UnavailableInvoker())]
    }

    /// `builtIn` and `features`, in phase order.
    package static func factories(features: [any FilterFactory], configuration: PipelineConfiguration,
                                  invoker: (any IntegrationInvoker)? = nil) -> [any FilterFactory] {
        let all = builtIn(configuration, invoker: invoker) + features
        return all.enumerated().sorted { ($0.element.phase, $0.offset) < ($1.element.phase, $1.offset) }.map(\.element)
    }
}
