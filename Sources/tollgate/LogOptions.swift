import Shared

/// `--log-level debug|info|warn|error` (default info) and `--log-format json|text|auto` (default
/// auto: text when standard error is a terminal, JSON lines otherwise), shared by the commands that
/// run services: `data-plane`, `control-plane`, `dev`, `lambda-runner`. A bad value is a usage
/// error. docs/operations.md, "Process logs".
enum LogOptions {
    static let flags: Set<String> = ["log-level", "log-format"]

    /// The process log `options` ask for, for the process named `node` (a node's `--node-id`,
    /// `control-plane`, `dev`, `lambda-runner`); writes to standard error.
    static func processLog(_ options: CommandOptions, node: String,
                           standardErrorIsTerminal: Bool = ProcessLog.standardErrorIsTerminal) throws(UsageError) -> ProcessLog {
        let levelText = options.value("log-level") ?? "info"
        guard let level = LogLevel(name: levelText) else {
            throw UsageError("--log-level must be debug, info, warn or error, got '\(levelText)'")
        }
        let formatText = options.value("log-format") ?? "auto"
        guard let format = LogFormat(flag: formatText, standardErrorIsTerminal: standardErrorIsTerminal) else {
            throw UsageError("--log-format must be json, text or auto, got '\(formatText)'")
        }
        return ProcessLog(node: node, minimumLevel: level, format: format)
    }
}

extension CommandOptions {
    /// Each of `warnings` (a secret on the command line, a secret file others can read) as a
    /// warn line of `log`, component `startup`: how the services report them.
    func logWarnings(_ log: ProcessLog) {
        for warning in warnings { log.with(component: "startup").warn(warning) }
    }
}
