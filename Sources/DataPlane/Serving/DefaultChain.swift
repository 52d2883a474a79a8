/// The data plane's default chain: what every route gets whatever the node plugs in.
///
/// `builtIn` holds the protections that are never optional: `AccessRefusalFilter` (resource
/// policy and authorizer slots) refuses every method whose protection Tollgate does not enforce
/// yet, so no `--limits` setting or feature list can serve such a method open; and
/// `RequestValidationFilter` (validation slot), since a validator the admin API accepted is always
/// enforced; and `ResponseCompressionFilter` (`minimumCompressionSize`), first so its response
/// hook runs after every other. The node's features
/// (API keys, throttles and quotas from `NodeLimits.filterFactories(for:)`) join them, and
/// `factories(features:configuration:)` orders the lot by `ChainPhase` (stable: same-slot factories keep their order).
package enum DefaultChain {
    /// The filters no configuration removes.
    package static func builtIn(_ configuration: PipelineConfiguration) -> [any FilterFactory] {
        [ResponseCompressionFilterFactory(), AccessRefusalFilterFactory(configuration: configuration), RequestValidationFilterFactory()]
    }

    /// `builtIn` and `features`, in phase order.
    package static func factories(features: [any FilterFactory], configuration: PipelineConfiguration) -> [any FilterFactory] {
        let all = builtIn(configuration) + features
        return all.enumerated().sorted { ($0.element.phase, $0.offset) < ($1.element.phase, $1.offset) }.map(\.element)
    }
}
