import Shared

/// Records the gateway's span of every finished request of a stage with `tracingEnabled` (X-Ray
/// active tracing on AWS): a completion hook that builds the `TraceSpan` on the completing thread
/// and hands it to the node's `TraceExporter` (off the loops, bounded). Requests whose trace says
/// `Sampled=0` (or `traceparent` flags 00) are not recorded, as X-Ray honours the caller's decision.
struct TracingFilter: RequestFilter {
    let name = "tracing"
    var hooks: FilterHooks { .completion }
    let exporter: TraceExporter

    func onCompletion(_ record: CompletionRecord, invocation: Invocation) {
        let span = TraceSpan(invocation, record)
        guard span.context.sampled else { return }
        exporter.submit(span)
    }
}
