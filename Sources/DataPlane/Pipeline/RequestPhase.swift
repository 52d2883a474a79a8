import Shared

/// The named phases of a request, in Amazon API Gateway's order (reference §2.2).
package enum PipelinePhase: String, Sendable, CaseIterable {
    /// Route, then the injected checks (API key, throttling, validation…).
    case methodRequest
    /// Parameter mapping, template choice, upstream request building.
    case integrationRequest
    /// The only I/O: `IntegrationInvoker` (none for MOCK).
    case integration
    /// Selection, response parameters/templates, header remapping.
    case integrationResponse
    /// Request ids, trace id, framing.
    case methodResponse
}

/// What a phase decided.
package enum PhaseOutcome: Sendable {
    /// Continue with the next phase.
    case proceed
    /// Stop and answer with this response (it still gets the method-response decoration).
    case respond(HTTPResponse)
    /// Stop and answer with the gateway error's response.
    case fail(GatewayError)
    /// Park the request: the pipeline hands the suspension its continuation and returns; the
    /// phase calls it exactly once, later, **on the request's event loop** (`Invocation.eventLoop`)
    /// with the outcome to go on with (`.proceed` runs the next phase). Only a phase that got an
    /// event loop may suspend; it must bound both how long it parks and how many it parks.
    case suspend(PhaseSuspension)
}

/// How a suspended phase is resumed: `park` is called once, synchronously, by the pipeline with
/// the continuation (`resume`); whoever holds `resume` must call it exactly once, on the request's
/// event loop, and never from inside `park`'s call.
package struct PhaseSuspension: Sendable {
    package let park: @Sendable (_ resume: @escaping @Sendable (PhaseOutcome) -> Void) -> Void

    package init(park: @escaping @Sendable (_ resume: @escaping @Sendable (PhaseOutcome) -> Void) -> Void) {
        self.park = park
    }
}

/// A pluggable method-request check (API key, throttling, request validation). Runs synchronously on
/// the loop handling the request, after routing; it may record facts in the invocation (the API key
/// it accepted). Must not block; a check that has to wait for something returns `.suspend`.
package protocol RequestPhase: Sendable {
    /// For logs and metrics (`apiKey`, `throttle`, …).
    var name: String { get }
    func process(_ invocation: inout Invocation) -> PhaseOutcome
}
