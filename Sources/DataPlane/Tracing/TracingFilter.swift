import Shared

/// Records the gateway's span of every finished request of a stage with `tracingEnabled` (X-Ray
/// active tracing on AWS), with child spans for its authorizer and integration steps: a
/// completion hook that builds the `TraceSpan`s on the completing thread
/// and hands it to the node's `TraceExporter` (off the loops, bounded). Requests whose trace says
/// `Sampled=0` (or `traceparent` flags 00) are not recorded, as X-Ray honours the caller's decision.
struct TracingFilter: RequestFilter {
    let name = "tracing"
    var hooks: FilterHooks { .completion }
    let exporter: TraceExporter

    func onCompletion(_ record: CompletionRecord, invocation: Invocation) {
        let spans = TraceSpan.spans(invocation, record)
        guard spans[0].context.sampled else { return }
        for span in spans { exporter.submit(span) }
    }
}
