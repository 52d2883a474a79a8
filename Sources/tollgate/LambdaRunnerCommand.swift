import Foundation
import LambdaRunner
import Shared

/// `tollgate lambda-runner --listen HOST:PORT --function NAME=COMMAND ... [--function-timeout S]
/// [--function-queue N] [--region R] [--account-id A]`: the local Lambda runner alone (the one
/// `tollgate dev --function` starts), for a node started with `--lambda-endpoint`.
///
/// Prints `listening on HOST:PORT` and one line per function (its ARN and Runtime API port) to
/// stdout, logs process events to stderr (node `lambda-runner`, component `runner`; `--log-level`,
/// `--log-format`), serves until SIGTERM/SIGINT, then kills the function processes.
enum LambdaRunnerCommand {
    /// The flags `tollgate dev` shares.
    static let runnerFlags: Set<String> = ["function", "function-timeout", "function-queue"]
    static let flags = runnerFlags.union(["listen", "region", "account-id"]).union(LogOptions.flags)

    /// The runner configuration of `--function` (repeatable), `--function-timeout` (whole seconds,
    /// 1–900, default 3 as Lambda's) and `--function-queue` (default 10); nil without `--function`.
    /// Commands run in the current directory with this process's environment; process events go
    /// to `log` (component `runner`).
    static func readRunner(_ options: CommandOptions, log: ProcessLog) throws(UsageError) -> LambdaRunner.Configuration? {
        let given = options.repeatedValues("function")
        guard !given.isEmpty else {
            if options.value("function-timeout") != nil || options.value("function-queue") != nil {
                throw UsageError("--function-timeout and --function-queue need at least one --function NAME=COMMAND")
            }
            return nil
        }
        let directory = FileManager.default.currentDirectoryPath
        var functions: [FunctionSpec] = []
        for text in given {
            let spec: FunctionSpec
            do throws(FunctionSpec.ParseError) {
                spec = try FunctionSpec.parse(text, workingDirectory: directory)
            } catch {
                throw UsageError(error.description)
            }
            guard !functions.contains(where: { $0.name == spec.name }) else { throw UsageError("--function \(spec.name) is given twice") }
            functions.append(spec)
        }
        var configuration = LambdaRunner.Configuration(functions: functions)
        if let text = options.value("function-timeout") {
            guard let seconds = UInt64(text), (1...900).contains(seconds) else {
                throw UsageError("--function-timeout must be whole seconds from 1 to 900 (Lambda's range)")
            }
            configuration.limits.timeoutNanos = seconds * 1_000_000_000
        }
        if let text = options.value("function-queue") {
            guard let count = Int(text), (0...1000).contains(count) else { throw UsageError("--function-queue must be 0...1000") }
            configuration.limits.maxQueued = count
        }
        configuration.environment = ProcessInfo.processInfo.environment
        configuration.log = log.with(component: "runner")
        return configuration
    }

    static func run(_ arguments: [String]) throws(UsageError) -> Never {
        let signals = SignalHandler()
        let options = try CommandOptions(arguments, known: flags)
        let (host, port) = try parseHostPort(options.value("listen") ?? "127.0.0.1:9001")
        let log = try LogOptions.processLog(options, node: "lambda-runner")
        guard var configuration = try readRunner(options, log: log) else {
            throw UsageError("give at least one --function NAME=COMMAND")
        }
        configuration.host = host
        configuration.port = port
        if let region = options.value("region") { configuration.region = region }
        if let account = options.value("account-id") {
            guard account.count == 12, account.allSatisfy(\.isNumber) else { throw UsageError("--account-id must be 12 digits") }
            configuration.account = account
        }
        let runner = LambdaRunner(configuration: configuration)
        ServiceRunner.run("lambda-runner", signals: signals) {
            let bound = try runner.start()
            return (["listening on \(hostForURL(host)):\(bound)"] + functionLines(runner, configuration),
                    { await runner.shutdown() })
        }
    }

    /// `function NAME  ARN  (runtime API 127.0.0.1:P): COMMAND`, one per function.
    static func functionLines(_ runner: LambdaRunner, _ configuration: LambdaRunner.Configuration) -> [String] {
        configuration.functions.indices.map { index in
            "function \(configuration.functions[index].name)  \(runner.arn(index))  (runtime API 127.0.0.1:\(runner.runtimePort(index))): "
                + configuration.functions[index].command
        }
    }
}
