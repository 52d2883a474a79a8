import Shared

/// What a filter's request hook decided.
package enum PhaseOutcome: Sendable {
    /// Continue with the next filter (then the integration).
    case proceed
    /// Stop and answer with this response (it still gets the response hooks and the method-response decoration).
    case respond(HTTPResponse)
    /// Stop and answer with the gateway error's response.
    case fail(GatewayError)
    /// Park the request: the chain hands the suspension its continuation and returns; the
    /// filter calls it exactly once, later, **on the request's event loop** (`Invocation.eventLoop`)
    /// with the outcome to go on with (`.proceed` runs the next filter). Only a filter that got an
    /// event loop may suspend; it must bound both how long it parks and how many it parks.
    case suspend(PhaseSuspension)
    /// Continue with the next filter after `update` wrote what the filter learned into the
    /// invocation: how a **resumed** filter records its result (an authorizer's principal and
    /// context), since the chain, not the filter, holds a parked request's invocation. Returned
    /// from `onRequest` directly it is the same as writing to the invocation and `.proceed`.
    case proceedUpdating(@Sendable (inout Invocation) -> Void)
    /// Stop with the gateway error's response after `update` wrote what the filter learned (a
    /// resumed authorizer's status and latency for the access log); otherwise as `.fail`.
    case failUpdating(GatewayError, @Sendable (inout Invocation) -> Void)
}

/// How a suspended filter is resumed: `park` is called once, synchronously, by the chain with
/// the continuation (`resume`); whoever holds `resume` must call it exactly once, on the request's
/// event loop, and never from inside `park`'s call.
package struct PhaseSuspension: Sendable {
    package let park: @Sendable (_ resume: @escaping @Sendable (PhaseOutcome) -> Void) -> Void

    package init(park: @escaping @Sendable (_ resume: @escaping @Sendable (PhaseOutcome) -> Void) -> Void) {
        self.park = park
    }
}
