import Shared

/// One route's compiled chain: its filters in `ChainPhase` order, split by the hooks they
/// implement, and its terminal integration.
///
/// Immutable; built per snapshot by `RouteChains`, read by every loop. A route without filters
/// has three empty arrays and goes straight from routing to its integration.
package final class RouteChain: Sendable {
    /// Request hooks, in phase order.
    package let requestFilters: [any RequestFilter]
    /// Response hooks, in reverse phase order (the response travels back out).
    package let responseFilters: [any RequestFilter]
    /// Completion hooks, in phase order.
    package let completionFilters: [any RequestFilter]
    package let integration: any IntegrationStep
    /// Every filter's name, in phase order (tests, debugging).
    package let filterNames: [String]
    /// Whether anything looks at the response or the completion (then the chain keeps the
    /// invocation and, for completion, the clock readings until the end).
    let observesResponse: Bool

    package init(filters: [any RequestFilter], integration: any IntegrationStep) {
        requestFilters = filters.filter { $0.hooks.contains(.request) }
        responseFilters = filters.filter { $0.hooks.contains(.response) }.reversed()
        completionFilters = filters.filter { $0.hooks.contains(.completion) }
        self.integration = integration
        filterNames = filters.map(\.name)
        observesResponse = !responseFilters.isEmpty || !completionFilters.isEmpty
    }
}
