import Shared

/// The compiled chain of every route of one snapshot, built once when the snapshot is applied
/// (off the event loops) and kept in that snapshot's `ServingConfiguration`.
///
/// The filters of a route are `DefaultChain.builtIn(_:)` (never skippable) followed by the features the
/// node plugs in, each asked per route and sorted by `ChainPhase` (stable). A request finds its
/// chain by its route's identity: one dictionary hit on a pointer.
package struct RouteChains: Sendable {
    private let byRoute: [ObjectIdentifier: RouteChain]

    /// No routes (the node before its first snapshot).
    package static let empty = RouteChains(byRoute: [:])

    private init(byRoute: [ObjectIdentifier: RouteChain]) {
        self.byRoute = byRoute
    }

    /// Chains for every route of `snapshot`: the built-in factories plus `features`, and each
    /// route's integration from `integrations`.
    package init(snapshot: CompiledSnapshot, features: [any FilterFactory], integrations: IntegrationCatalog) {
        let factories = DefaultChain.factories(features: features, configuration: integrations.configuration)
        var byRoute: [ObjectIdentifier: RouteChain] = [:]
        for api in snapshot.apis.values {
            for stage in api.stages.values {
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
