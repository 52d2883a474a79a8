import Dispatch
import Shared
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The local Lambda runner (`tollgate dev --function`, `tollgate lambda-runner`): the I/O shell
/// around `RunnerStateMachine`.
///
/// Serves the Invoke API on `configuration.host:port` and, per function, the Runtime API on its
/// own `127.0.0.1` port (a runtime finds it in `AWS_LAMBDA_RUNTIME_API`, which carries no path, so
/// the port names the function). Starts each function's command, restarts it when it exits, kills
/// it at a timeout. Thread-safe: every event takes the mutex, runs the machine and performs the
/// actions after releasing it.
package final class LambdaRunner: Sendable {
    package struct Configuration: Sendable {
        package var host = "127.0.0.1"
        package var port = 0
        package var functions: [FunctionSpec]
        package var region = "us-east-1"
        package var account = "000000000000"
        package var limits = RunnerLimits()
        /// Variables every function process inherits before the Lambda ones (dev's own environment).
        package var environment: [String: String] = [:]
        /// False: no processes are started (tests drive the Runtime API themselves).
        package var startProcesses = true
        /// One line per process event: started and exited at info, killed (timeout) at warn, cannot
        /// start at error (`tollgate lambda-runner`/`dev` pass their process log, component `runner`).
        package var log: ProcessLog = .discard
        /// The injected clock.
        package var clock: @Sendable () -> RunnerInstant = LambdaRunner.systemClock

        package init(functions: [FunctionSpec]) {
            self.functions = functions
        }
    }

    private struct State {
        var machine: RunnerStateMachine
        var nextToken: UInt64 = 1
        var exchanges: [UInt64: HTTPResponder] = [:]
        var processes: [Int: (generation: UInt64, process: ChildProcess)] = [:]
        var runtimePorts: [Int] = []

        mutating func register(_ responder: HTTPResponder) -> UInt64 {
            let token = nextToken
            nextToken += 1
            exchanges[token] = responder
            return token
        }
    }

    let configuration: Configuration
    private let group: EventLoopGroup
    private let state: Mutex<State>
    private let servers: Mutex<(invoke: HTTPServer?, runtimes: [HTTPServer])> = Mutex((nil, []))

    package init(configuration: Configuration) {
        self.configuration = configuration
        group = EventLoopGroup(threads: 1)
        state = Mutex(State(machine: RunnerStateMachine(functions: configuration.functions.map(\.name),
                                                        region: configuration.region, account: configuration.account,
                                                        limits: configuration.limits)))
    }

    /// Binds the Invoke API and every function's Runtime API, then starts the processes.
    /// Returns the Invoke API's port.
    package func start() throws -> Int {
        var runtimes: [HTTPServer] = []
        var ports: [Int] = []
        do {
            for index in configuration.functions.indices {
                let server = HTTPServer(configuration: Self.serverConfiguration(host: "127.0.0.1", port: 0), group: group,
                                        handler: RuntimeAPIHandler(runner: self, function: index))
                runtimes.append(server)
                ports.append(try server.start())
            }
            let invoke = HTTPServer(configuration: Self.serverConfiguration(host: configuration.host, port: configuration.port),
                                    group: group, handler: InvokeAPIHandler(runner: self))
            let port = try invoke.start()
            servers.withLock { $0 = (invoke, runtimes) }
            state.withLock { $0.runtimePorts = ports }
            let now = configuration.clock()
            perform(state.withLock { $0.machine.start(now: now) })
            return port
        } catch {
            servers.withLock { $0 = (nil, runtimes) }
            throw error
        }
    }

    /// The Runtime API port of function `index` (after `start`).
    package func runtimePort(_ index: Int) -> Int { state.withLock { $0.runtimePorts[index] } }

    package func statistics(_ index: Int) -> FunctionStatistics { state.withLock { $0.machine.statistics(index) } }

    /// The full ARN of function `index`.
    package func arn(_ index: Int) -> String { state.withLock { $0.machine.arn(index) } }

    /// Answers what waits, kills every process, closes the listeners.
    package func shutdown() async {
        perform(state.withLock { $0.machine.shutdown() })
        let (invoke, runtimes) = servers.withLock { $0 }
        await invoke?.shutdown(gracePeriod: .milliseconds(500))
        for server in runtimes { await server.shutdown(gracePeriod: .milliseconds(100)) }
        group.shutdown()
    }

    // MARK: - Events from the handlers

    func invoke(target: String, payload: [UInt8], requestId: String, traceId: String, clientContext: String?,
                responder: HTTPResponder) {
        let now = configuration.clock()
        perform(state.withLock { state in
            let token = state.register(responder)
            return state.machine.invoke(target: target, payload: payload, requestId: requestId, traceId: traceId,
                                        clientContext: clientContext, token: token, now: now)
        })
    }

    func runtimeCall(_ function: Int, _ call: RuntimeAPIHandler.Call, responder: HTTPResponder) {
        let now = configuration.clock()
        perform(state.withLock { state in
            let token = state.register(responder)
            switch call {
            case .next: return state.machine.next(function: function, token: token, now: now)
            case .response(let id, let body): return state.machine.response(function: function, requestId: id, body: body, token: token, now: now)
            case .error(let id, let body): return state.machine.error(function: function, requestId: id, body: body, token: token, now: now)
            case .initError(let body): return state.machine.initError(function: function, body: body, token: token, now: now)
            }
        })
    }

    func statisticsDocument() -> [UInt8] {
        state.withLock { state in
            var out: [UInt8] = Array(#"{"functions":["#.utf8)
            for (index, name) in state.machine.functionNames.enumerated() {
                let s = state.machine.statistics(index)
                if index > 0 { out.append(0x2C) }
                out.append(contentsOf: #"{"name":"#.utf8)
                JSONValue.writeEscaped(name, into: &out)
                out.append(contentsOf: #","arn":"#.utf8)
                JSONValue.writeEscaped(state.machine.arn(index), into: &out)
                out.append(contentsOf: (#","invocations":\#(s.invocations),"errors":\#(s.errors),"timeouts":\#(s.timeouts),"#
                                        + #""throttles":\#(s.throttles),"restarts":\#(s.restarts)}"#).utf8)
            }
            out.append(contentsOf: "]}".utf8)
            return out
        }
    }

    // MARK: - Actions

    private func perform(_ actions: [RunnerStateMachine.Action]) {
        for action in actions {
            switch action {
            case .answerInvoke(let token, let answer):
                take(token)?.respond(RunnerHTTPAnswers.invoke(answer))
            case .deliver(let token, let invocation):
                take(token)?.respond(RunnerHTTPAnswers.next(invocation))
            case .answerRuntime(let token, let answer):
                take(token)?.respond(RunnerHTTPAnswers.runtime(answer))
            case .spawn(let function, let generation):
                spawn(function, generation: generation)
            case .kill(let function, let generation):
                let process = state.withLock { $0.processes[function] }
                if let process, process.generation == generation {
                    configuration.log.warn("function \(configuration.functions[function].name): killing process \(process.process.pid)")
                    process.process.kill()
                }
            case .wake(let at):
                let delay = at &- min(at, configuration.clock().monotonicNanos)
                _ = group.loops[0].schedule(after: .nanoseconds(Int64(min(delay, UInt64(Int64.max))))) { [self] in
                    let now = configuration.clock()
                    perform(state.withLock { $0.machine.timerFired(now: now) })
                }
            }
        }
    }

    private func take(_ token: UInt64) -> HTTPResponder? {
        state.withLock { $0.exchanges.removeValue(forKey: token) }
    }

    private func spawn(_ index: Int, generation: UInt64) {
        guard configuration.startProcesses else { return }
        let spec = configuration.functions[index]
        var environment = configuration.environment
        let port = state.withLock { $0.runtimePorts[index] }
        for (name, value) in Self.lambdaEnvironment(spec, runtimePort: port, region: configuration.region,
                                                     timeoutNanos: configuration.limits.timeoutNanos) {
            environment[name] = value
        }
        do {
            let process = try ChildProcess.spawn(command: spec.command, environment: environment,
                                                 workingDirectory: spec.workingDirectory) { [self] status in
                configuration.log.info("function \(spec.name): process ended (\(status))")
                let now = configuration.clock()
                perform(state.withLock { state in
                    if state.processes[index]?.generation == generation { state.processes[index] = nil }
                    return state.machine.processExited(function: index, generation: generation, status: status, now: now)
                })
            }
            state.withLock { $0.processes[index] = (generation, process) }
            configuration.log.info("function \(spec.name): started process \(process.pid): \(spec.command)")
        } catch {
            configuration.log.error("function \(spec.name): cannot start: \(error)")
            let now = configuration.clock()
            perform(state.withLock {
                $0.machine.processExited(function: index, generation: generation, status: "\(error)", now: now)
            })
        }
    }

    /// The variables Lambda gives a runtime, for `spec` on `runtimePort`.
    package static func lambdaEnvironment(_ spec: FunctionSpec, runtimePort: Int, region: String,
                                          timeoutNanos: UInt64) -> [String: String] {
        var variables = [
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(runtimePort)",
            "AWS_LAMBDA_FUNCTION_NAME": spec.name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(spec.memorySize),
            "AWS_LAMBDA_FUNCTION_TIMEOUT": String(timeoutNanos / 1_000_000_000),
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(spec.name)",
            "AWS_LAMBDA_LOG_STREAM_NAME": "tollgate-dev",
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            "LAMBDA_TASK_ROOT": spec.workingDirectory,
        ]
        if let handler = spec.handler { variables["_HANDLER"] = handler }
        return variables
    }

    /// `CLOCK_MONOTONIC` and `CLOCK_REALTIME`.
    @Sendable package static func systemClock() -> RunnerInstant {
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        return RunnerInstant(monotonicNanos: Syscall.monotonicNanos(),
                             wallMillis: Int64(wall.tv_sec) * 1000 + Int64(wall.tv_nsec) / 1_000_000)
    }

    /// Runtime long-polls have no deadline; bodies may be up to the HTTP limit (the machine
    /// applies Lambda's smaller ones and answers them as Lambda does).
    private static func serverConfiguration(host: String, port: Int) -> HTTPServer.Configuration {
        HTTPServer.Configuration(host: host, port: port, idleTimeout: .seconds(900))
    }
}
