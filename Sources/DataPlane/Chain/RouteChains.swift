import Shared

/// The compiled chain of every route of one snapshot, built once when the snapshot is applied
/// (off the event loops) and kept in that snapshot's `ServingConfiguration`.
///
/// The factories come in phase order (`DefaultChain.factories(features:configuration:)`: the
/// built-in, never skippable ones and the node's features); each is asked per route. A request
/// finds its chain by its route's identity: one dictionary hit on a pointer.
package struct RouteChains: Sendable {
    private let byRoute: [ObjectIdentifier: RouteChain]
    /// Hooks of each stage's requests that match no route (`StageCompletionFactory`), only for stages that have some.
    private let unroutedByStage: [ObjectIdentifier: [any UnroutedCompletionHook]]

    /// No routes (the node before its first snapshot).
    package static let empty = RouteChains(byRoute: [:], unroutedByStage: [:])

    private init(byRoute: [ObjectIdentifier: RouteChain], unroutedByStage: [ObjectIdentifier: [any UnroutedCompletionHook]]) {
        self.byRoute = byRoute
        self.unroutedByStage = unroutedByStage
    }

    /// Chains for every route of `snapshot`: the filters `factories` (in order) make for it, and
    /// its integration from `integrations`.
    package init(snapshot: CompiledSnapshot, factories: [any FilterFactory], integrations: IntegrationCatalog) {
        var byRoute: [ObjectIdentifier: RouteChain] = [:]
        var unroutedByStage: [ObjectIdentifier: [any UnroutedCompletionHook]] = [:]
        let stageFactories = factories.compactMap { $0 as? any StageCompletionFactory }
        for api in snapshot.apis.values {
            for stage in api.stages.values.flatMap(\.withCanary) {
                let hooks = stageFactories.compactMap { $0.makeUnroutedHook(on: stage) }
                if !hooks.isEmpty { unroutedByStage[ObjectIdentifier(stage)] = hooks }
                for route in stage.routes {
                    let filters = factories.compactMap { $0.makeFilter(for: route, on: stage) }
                    byRoute[ObjectIdentifier(route)] = RouteChain(filters: filters, integration: integrations.step(for: route))
                }
            }
        }
        // HTTP APIs: the shorter chain (`DefaultChain.httpApiFactories`), built the same way.
        let httpFactories = DefaultChain.httpApiFactories(from: factories, integrations: integrations)
        for api in snapshot.httpApis.values {
            for stage in api.allStages {
                for route in stage.routes {
                    let filters = httpFactories.compactMap { $0.makeFilter(for: route, on: stage) }
                    byRoute[ObjectIdentifier(route)] = RouteChain(filters: filters, integration: integrations.step(for: route))
                }
            }
        }
        self.byRoute = byRoute
        self.unroutedByStage = unroutedByStage
    }

    /// The hooks of `stage`'s requests that match no route; nil when it has none (the usual case).
    package func unroutedHooks(for stage: CompiledStage) -> [any UnroutedCompletionHook]? {
        unroutedByStage.isEmpty ? nil : unroutedByStage[ObjectIdentifier(stage)]
    }

    /// The chain of `route` (nil for a route of another snapshot: never for the one that routed it).
    package func chain(for route: CompiledRoute) -> RouteChain? {
        byRoute[ObjectIdentifier(route)]
    }
}
