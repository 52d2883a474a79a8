import Shared

/// The node's limits as chain features: the API key filter (`ApiKey`) and the limits filter
/// (`Limits`) over one per-snapshot `LimitsIndex`. Here, where the default chain is assembled, so
/// `Limits` never names `ApiKey` (which reads the limits index): the folders depend one way.
extension NodeLimits {
    /// The chain features for requests routed by `snapshot`: the API key filter (keyed routes)
    /// and the limits filter (every route), sharing one `LimitsIndex`.
    package func filterFactories(for snapshot: CompiledSnapshot) -> [any FilterFactory] {
        let index = LimitsIndex(snapshot)
        return [ApiKeyFilterFactory(filter: ApiKeyFilter(index: index, digests: keyDigests)),
                LimitsFilterFactory(filter: LimitsFilter(limits: self, index: index))]
    }

    /// The API key filter alone, for a node whose throttles and quotas are switched off
    /// (`--limits off`): a key is a protection, not a limit, so a method with `apiKeyRequired`
    /// is never served without one.
    package func apiKeyFilterFactories(for snapshot: CompiledSnapshot) -> [any FilterFactory] {
        [ApiKeyFilterFactory(filter: ApiKeyFilter(index: LimitsIndex(snapshot), digests: keyDigests))]
    }

    /// The node's per-snapshot feature factories (`DataPlaneNode.Configuration.filterFactories`):
    /// with `limitsOn`, adopt the snapshot (`apply`) and add keys, throttles and quotas; without,
    /// the key check alone. The built-in protections (`DefaultChain`) are added either way.
    package func chainFeatures(limitsOn: Bool) -> @Sendable (CompiledSnapshot) -> [any FilterFactory] {
        if limitsOn {
            return { [self] compiled in
                apply(compiled)
                return filterFactories(for: compiled)
            }
        }
        return { [self] compiled in apiKeyFilterFactories(for: compiled) }
    }
}
