import Shared

/// The compiled chain of every route of one snapshot, built once when the snapshot is applied
/// (off the event loops) and kept in that snapshot's `ServingConfiguration`.
///
/// The factories come in phase order (`DefaultChain.factories(features:configuration:)`: the
/// built-in, never skippable ones and the node's features); each is asked per route. A request
/// finds its chain by its route's identity: one dictionary hit on a pointer.
package struct RouteChains: Sendable {
    private let byRoute: [ObjectIdentifier: RouteChain]

    /// No routes (the node before its first snapshot).
    package static let empty = RouteChains(byRoute: [:])

    private init(byRoute: [ObjectIdentifier: RouteChain]) {
        self.byRoute = byRoute
    }

    /// Chains for every route of `snapshot`: the filters `factories` (in order) make for it, and
    /// its integration from `integrations`.
    package init(snapshot: CompiledSnapshot, factories: [any FilterFactory], integrations: IntegrationCatalog) {
        var byRoute: [ObjectIdentifier: RouteChain] = [:]
        for api in snapshot.apis.values {
            for stage in api.stages.values.flatMap(\.withCanary) {
                for route in stage.routes {
                    let filters = factories.compactMap { $0.makeFilter(for: route, on: stage) }
                    byRoute[ObjectIdentifier(route)] = RouteChain(filters: filters, integration: integrations.step(for: route))
                }
            }
        }
        self.byRoute = byRoute
    }

    /// The chain of `route` (nil for a route of another snapshot: never for the one that routed it).
    package func chain(for route: CompiledRoute) -> RouteChain? {
        byRoute[ObjectIdentifier(route)]
    }
}
