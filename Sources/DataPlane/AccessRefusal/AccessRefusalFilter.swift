import Shared

/// Refuses every request to a method whose protection (resource policy, IAM, authorizer) the data
/// plane does not enforce yet (`CompiledRoute.refusal`), in that protection's phase slot, before
/// the API key and throttle filters: never served open (docs/request-lifecycle.md).
///
/// Part of `DefaultChain.builtIn`; made only for routes with a refusal, so an open method carries none.
struct AccessRefusalFilter: RequestFilter {
    let refusal: AccessRefusal
    let configuration: PipelineConfiguration

    var name: String { "accessRefusal" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        .fail(refusal.gatewayError(method: invocation.request.method.rawValue, path: invocation.path[...],
                                   stage: invocation.stage, configuration: configuration))
    }
}

/// Makes an `AccessRefusalFilter` for each route with a refusal, in the slot of what it refuses.
struct AccessRefusalFilterFactory: FilterFactory {
    /// The node's region and account (the ARN in resource-policy denials).
    let configuration: PipelineConfiguration

    /// Resource policies come first in AWS's order; IAM and authorizers share the authorizer slot.
    /// One factory serves both: a route refuses for one reason (`AccessRefusal`), and the earlier
    /// slot is where the route's first refusal would stop the request anyway.
    var phase: ChainPhase { .resourcePolicy }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        route.refusal.map { AccessRefusalFilter(refusal: $0, configuration: configuration) }
    }
}
