import Shared

/// Puts an `ExecutionLogFilter` on every route whose stage method setting (`pets/GET`, else
/// `*/*`) has `loggingLevel` `INFO` or `ERROR`, and on no other route (an accepted logging level
/// is honoured). Slot `methodResponse`, like access logs. Without a writer (tests and benchmarks
/// that build no node) no route gets the filter.
struct ExecutionLogFilterFactory: FilterFactory {
    let phase = ChainPhase.methodResponse
    let writer: AccessLogWriter?

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let writer, let program = ExecutionLogProgram(setting: route.methodSetting) else { return nil }
        return ExecutionLogFilter(program: program, destination: Self.destination(stage), writer: writer)
    }

    /// AWS's execution log group of a stage; a canary's requests go to `…/{stage}/Canary`, as on AWS.
    static func destination(_ stage: CompiledStage) -> AccessLogDestination {
        .logGroup(name: "API-Gateway-Execution-Logs_\(stage.restApiId)/\(stage.stageName)" + (stage.isCanary ? "/Canary" : ""))
    }
}
