import Shared

/// Makes one kind of filter for each route of a snapshot (Envoy's filter factory).
///
/// Called by `RouteChains` once per route whenever a snapshot is applied, on the snapshot-apply
/// queue (never on an event loop): parse, compile and index here, never per request. Returns nil
/// for a route that does not need the filter (no key filter without `apiKeyRequired`), so a route
/// carries only what it uses. A feature that needs per-snapshot state (an index over the
/// snapshot's keys) builds it once and hands it to the factories it returns for that snapshot
/// (`NodeLimits.filterFactories(for:)`).
package protocol FilterFactory: Sendable {
    /// The slot of AWS's phase order the filter runs in.
    var phase: ChainPhase { get }
    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)?
}
