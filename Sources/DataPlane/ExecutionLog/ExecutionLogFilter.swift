import Shared

/// Writes the execution log lines of each finished request of a method whose `loggingLevel` is
/// `INFO` or `ERROR`: a completion hook (docs/request-lifecycle.md, "The chain") that renders on
/// the completing thread and hands the bytes to the node's `AccessLogWriter` (off the loops,
/// bounded: a full buffer drops and counts, never blocks a request), to the log group AWS uses,
/// `API-Gateway-Execution-Logs_{restApiId}/{stage}`.
struct ExecutionLogFilter: RequestFilter {
    let name = "executionLog"
    var hooks: FilterHooks { .completion }
    let program: ExecutionLogProgram
    let destination: AccessLogDestination
    let writer: AccessLogWriter

    func onCompletion(_ record: CompletionRecord, invocation: Invocation) {
        guard let lines = program.render(invocation, record) else { return }
        writer.submit(lines, to: destination)
    }
}
