import Shared

/// Writes one access log line per finished request of a stage with `accessLogSettings`: the
/// chain's completion hook, fed by the `CompletionRecord` (docs/request-lifecycle.md, "The chain").
///
/// Immutable and shared by the stage's routes and every loop. `onCompletion` renders the line on
/// the thread that completed the request and hands it to the node's `AccessLogWriter`, which never
/// blocks it (a full buffer drops the line and counts it).
struct AccessLogFilter: RequestFilter, UnroutedCompletionHook {
    let name = "accessLog"
    var hooks: FilterHooks { .completion }
    let program: AccessLogProgram
    let destination: AccessLogDestination
    let writer: AccessLogWriter

    func onCompletion(_ record: CompletionRecord, invocation: Invocation) {
        writer.submit(program.render(invocation, record), to: destination)
    }

    func onCompletion(_ record: CompletionRecord, unrouted: UnroutedRequest) {
        writer.submit(program.render(unrouted, record), to: destination)
    }
}
