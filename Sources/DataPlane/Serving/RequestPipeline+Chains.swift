import Shared

extension RequestPipeline {
    /// The chains of every route of `snapshot`: the default chain (`DefaultChain`: the built-in
    /// filters and `features`, in phase order) ending in integrations over this pipeline's invoker.
    /// Off the event loops (nodes build them into each `ServingConfiguration`; tests call it directly).
    package func chains(for snapshot: CompiledSnapshot, features: [any FilterFactory] = []) -> RouteChains {
        RouteChains(snapshot: snapshot, factories: DefaultChain.factories(features: features, configuration: configuration,
                                                                                 snapshot: snapshot, invoker: invoker),
                    integrations: integrations)
    }
}
