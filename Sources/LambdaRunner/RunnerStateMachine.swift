/// The runner's logic: invocations pending → in flight → answered or timed out, and each function's
/// process starting → ready → stopping → restarted. Pure: events go in with the injected instant,
/// actions come out for `LambdaRunner` (the I/O shell) to perform. Not thread-safe; the shell
/// keeps it behind a mutex.
///
/// One process per function serves one invocation at a time; more wait in a FIFO queue of
/// `limits.maxQueued`. Every invocation ends in exactly one `answerInvoke`: its response, its
/// error, a timeout, the crash of its process, or a refusal.
package struct RunnerStateMachine {
    /// An opaque handle the shell uses to find a waiting HTTP exchange (an Invoke call or a `/next`).
    package typealias Token = UInt64

    package enum Action: Sendable, Equatable {
        case answerInvoke(Token, InvokeAnswer)
        case deliver(Token, NextInvocation)
        case answerRuntime(Token, RuntimeAnswer)
        /// Start function `function`'s command as process `generation`.
        case spawn(function: Int, generation: UInt64)
        /// Kill process `generation` of `function` (its exit comes back as `processExited`).
        case kill(function: Int, generation: UInt64)
        /// Call `timerFired` at or after this monotonic instant.
        case wake(atNanos: UInt64)
    }

    enum ProcessPhase: Equatable {
        case down
        case waitingToStart(atNanos: UInt64)
        /// Spawned, no `/next` yet (Lambda's init phase).
        case starting(generation: UInt64, sinceNanos: UInt64)
        case ready(generation: UInt64)
        /// Killed by us; waiting for its exit.
        case stopping(generation: UInt64)
    }

    struct Pending: Equatable {
        var requestId: String
        var token: Token
        var payload: [UInt8]
        var invokedArn: String
        var traceId: String
        var clientContext: String?
    }

    struct InFlight: Equatable {
        var pending: Pending
        var deadlineNanos: UInt64
    }

    struct FunctionState: Equatable {
        var name: String
        var phase: ProcessPhase = .down
        var generation: UInt64 = 0
        var queue: [Pending] = []
        var inFlight: InFlight?
        var poll: Token?
        /// Consecutive crashes since the last good response: the restart backoff.
        var failures = 0
        var answered: [String] = []
        var statistics = FunctionStatistics()
    }

    package let region: String
    package let account: String
    package let limits: RunnerLimits
    private(set) var functions: [FunctionState]
    private(set) var stopping = false

    package init(functions: [String], region: String, account: String, limits: RunnerLimits) {
        self.functions = functions.map { FunctionState(name: $0) }
        self.region = region
        self.account = account
        self.limits = limits
    }

    package var functionNames: [String] { functions.map(\.name) }

    package func statistics(_ function: Int) -> FunctionStatistics { functions[function].statistics }

    /// The full unqualified ARN of function `index`.
    package func arn(_ index: Int) -> String { "arn:aws:lambda:\(region):\(account):function:\(functions[index].name)" }

    // MARK: - Lifecycle

    /// Starts every function's process.
    package mutating func start(now: RunnerInstant) -> [Action] {
        var actions: [Action] = []
        for index in functions.indices { spawn(index, now: now, into: &actions) }
        return actions
    }

    /// Stops: every waiting invocation is answered 503, every process killed.
    package mutating func shutdown() -> [Action] {
        stopping = true
        var actions: [Action] = []
        for index in functions.indices {
            if let inFlight = functions[index].inFlight {
                actions.append(.answerInvoke(inFlight.pending.token, .refused(.shuttingDown)))
                functions[index].inFlight = nil
            }
            for pending in functions[index].queue { actions.append(.answerInvoke(pending.token, .refused(.shuttingDown))) }
            functions[index].queue = []
            functions[index].poll = nil
            switch functions[index].phase {
            case .starting(let generation, _), .ready(let generation):
                actions.append(.kill(function: index, generation: generation))
                functions[index].phase = .stopping(generation: generation)
            case .down, .waitingToStart:
                functions[index].phase = .down
            case .stopping:
                break
            }
        }
        return actions
    }

    // MARK: - Invoke API

    /// An Invoke call for the decoded `{function}` segment `target`.
    package mutating func invoke(target: String, payload: [UInt8], requestId: String, traceId: String,
                                 clientContext: String?, token: Token, now: RunnerInstant) -> [Action] {
        let reference: FunctionReference
        do {
            reference = try FunctionReference.parse(target)
        } catch {
            return [.answerInvoke(token, .refused(.malformedName(target)))]
        }
        guard let index = functions.firstIndex(where: { reference.names($0.name, region: region, account: account) }) else {
            return [.answerInvoke(token, .refused(.notFound(arn: reference.arn(region: region, account: account))))]
        }
        guard !stopping else { return [.answerInvoke(token, .refused(.shuttingDown))] }
        guard payload.count <= limits.maxRequestBytes else {
            return [.answerInvoke(token, .refused(.requestTooLarge(limit: limits.maxRequestBytes)))]
        }
        guard functions[index].queue.count < limits.maxQueued else {
            functions[index].statistics.throttles += 1
            return [.answerInvoke(token, .refused(.queueFull))]
        }
        // Lambda reports the ARN as invoked: with the qualifier when one was given.
        var invokedArn = arn(index)
        if let qualifier = reference.qualifier { invokedArn += ":" + qualifier }
        functions[index].queue.append(Pending(requestId: requestId, token: token, payload: payload, invokedArn: invokedArn,
                                              traceId: traceId, clientContext: clientContext))
        var actions: [Action] = []
        dispatch(index, now: now, into: &actions)
        return actions
    }

    // MARK: - Runtime API

    /// `GET /runtime/invocation/next` from function `index`'s process.
    package mutating func next(function index: Int, token: Token, now: RunnerInstant) -> [Action] {
        var actions: [Action] = []
        switch functions[index].phase {
        case .starting(let generation, _):
            functions[index].phase = .ready(generation: generation)
        case .ready:
            break
        case .down, .waitingToStart, .stopping:
            return [.answerRuntime(token, .invalidState("the runtime is not running"))]
        }
        if let inFlight = functions[index].inFlight {
            return [.answerRuntime(token, .invalidState("invocation \(inFlight.pending.requestId) is in flight; answer it first"))]
        }
        if let old = functions[index].poll {
            // A second long-poll replaces the first (whose connection is most likely gone).
            actions.append(.answerRuntime(old, .invalidState("replaced by a newer /next")))
        }
        functions[index].poll = token
        dispatch(index, now: now, into: &actions)
        return actions
    }

    /// `POST /runtime/invocation/{id}/response`.
    package mutating func response(function index: Int, requestId: String, body: [UInt8], token: Token,
                                   now: RunnerInstant) -> [Action] {
        answer(index, requestId: requestId, body: body, isError: false, token: token, now: now)
    }

    /// `POST /runtime/invocation/{id}/error`: the document becomes the function error.
    package mutating func error(function index: Int, requestId: String, body: [UInt8], token: Token,
                                now: RunnerInstant) -> [Action] {
        answer(index, requestId: requestId, body: body, isError: true, token: token, now: now)
    }

    /// `POST /runtime/init/error`: the first waiting invocation fails with the document; the
    /// process is killed and restarted after the backoff.
    package mutating func initError(function index: Int, body: [UInt8], token: Token, now: RunnerInstant) -> [Action] {
        guard case .starting(let generation, _) = functions[index].phase else {
            return [.answerRuntime(token, .invalidState("init already finished"))]
        }
        var actions: [Action] = [.answerRuntime(token, .accepted)]
        functions[index].failures += 1
        if !functions[index].queue.isEmpty {
            let pending = functions[index].queue.removeFirst()
            functions[index].statistics.errors += 1
            remember(index, pending.requestId)
            let document = body.count <= limits.maxResponseBytes ? body : RunnerErrorDocument.responseTooLarge(limits.maxResponseBytes)
            actions.append(.answerInvoke(pending.token, .functionError(requestId: pending.requestId, body: document)))
        }
        functions[index].phase = .stopping(generation: generation)
        actions.append(.kill(function: index, generation: generation))
        return actions
    }

    private mutating func answer(_ index: Int, requestId: String, body: [UInt8], isError: Bool, token: Token,
                                 now: RunnerInstant) -> [Action] {
        guard let inFlight = functions[index].inFlight, inFlight.pending.requestId == requestId else {
            if functions[index].answered.contains(requestId) {
                return [.answerRuntime(token, .invalidState("invocation \(requestId) is already answered"))]
            }
            return [.answerRuntime(token, .invalidRequestId)]
        }
        functions[index].inFlight = nil
        remember(index, requestId)
        var actions: [Action] = []
        if body.count > limits.maxResponseBytes {
            functions[index].statistics.errors += 1
            actions.append(.answerRuntime(token, .tooLarge(limit: limits.maxResponseBytes)))
            actions.append(.answerInvoke(inFlight.pending.token, .functionError(
                requestId: requestId, body: RunnerErrorDocument.responseTooLarge(limits.maxResponseBytes))))
        } else if isError {
            functions[index].statistics.errors += 1
            actions.append(.answerRuntime(token, .accepted))
            actions.append(.answerInvoke(inFlight.pending.token, .functionError(requestId: requestId, body: body)))
        } else {
            functions[index].failures = 0
            actions.append(.answerRuntime(token, .accepted))
            actions.append(.answerInvoke(inFlight.pending.token, .result(requestId: requestId, body: body)))
        }
        dispatch(index, now: now, into: &actions)
        return actions
    }

    // MARK: - Processes and time

    /// Process `generation` of `function` ended (or could not be started); `status` describes how
    /// (`exit status 1`, `signal: killed`).
    package mutating func processExited(function index: Int, generation: UInt64, status: String, now: RunnerInstant) -> [Action] {
        guard generation == functions[index].generation else { return [] }
        var actions: [Action] = []
        let crashed: Bool
        switch functions[index].phase {
        case .starting:
            crashed = true
            // The invocation that waited for this init fails with the exit, as Lambda's cold start does.
            if !functions[index].queue.isEmpty {
                let pending = functions[index].queue.removeFirst()
                failWithExit(index, pending, status: status, into: &actions)
            }
        case .ready:
            crashed = true
            if let inFlight = functions[index].inFlight {
                functions[index].inFlight = nil
                failWithExit(index, inFlight.pending, status: status, into: &actions)
            }
        case .stopping:
            crashed = false
        case .down, .waitingToStart:
            return []
        }
        if crashed { functions[index].failures += 1 }
        functions[index].poll = nil
        guard !stopping else {
            functions[index].phase = .down
            return actions
        }
        functions[index].statistics.restarts += 1
        let delay = limits.backoff(failures: functions[index].failures)
        if delay == 0 {
            spawn(index, now: now, into: &actions)
        } else {
            let at = now.monotonicNanos &+ delay
            functions[index].phase = .waitingToStart(atNanos: at)
            actions.append(.wake(atNanos: at))
        }
        return actions
    }

    /// A `wake` instant came: timeouts, init timeouts and delayed restarts.
    package mutating func timerFired(now: RunnerInstant) -> [Action] {
        var actions: [Action] = []
        for index in functions.indices {
            if let inFlight = functions[index].inFlight, inFlight.deadlineNanos <= now.monotonicNanos {
                functions[index].inFlight = nil
                functions[index].statistics.errors += 1
                functions[index].statistics.timeouts += 1
                remember(index, inFlight.pending.requestId)
                actions.append(.answerInvoke(inFlight.pending.token, .functionError(
                    requestId: inFlight.pending.requestId,
                    body: RunnerErrorDocument.timedOut(requestId: inFlight.pending.requestId, timeoutNanos: limits.timeoutNanos))))
                stopProcess(index, into: &actions)
            }
            switch functions[index].phase {
            case .starting(_, let since) where now.monotonicNanos &- since >= limits.initTimeoutNanos:
                functions[index].failures += 1
                if !functions[index].queue.isEmpty {
                    let pending = functions[index].queue.removeFirst()
                    functions[index].statistics.errors += 1
                    remember(index, pending.requestId)
                    actions.append(.answerInvoke(pending.token, .functionError(
                        requestId: pending.requestId,
                        body: RunnerErrorDocument.initTimedOut(requestId: pending.requestId, timeoutNanos: limits.initTimeoutNanos))))
                }
                stopProcess(index, into: &actions)
            case .waitingToStart(let at) where at <= now.monotonicNanos && !stopping:
                spawn(index, now: now, into: &actions)
            default:
                break
            }
        }
        return actions
    }

    // MARK: - Helpers

    private mutating func spawn(_ index: Int, now: RunnerInstant, into actions: inout [Action]) {
        functions[index].generation += 1
        let generation = functions[index].generation
        functions[index].phase = .starting(generation: generation, sinceNanos: now.monotonicNanos)
        actions.append(.spawn(function: index, generation: generation))
        actions.append(.wake(atNanos: now.monotonicNanos &+ limits.initTimeoutNanos))
    }

    private mutating func stopProcess(_ index: Int, into actions: inout [Action]) {
        functions[index].poll = nil
        switch functions[index].phase {
        case .starting(let generation, _), .ready(let generation):
            functions[index].phase = .stopping(generation: generation)
            actions.append(.kill(function: index, generation: generation))
        case .down, .waitingToStart, .stopping:
            break
        }
    }

    /// Hands the head of the queue to a waiting `/next`, if both exist.
    private mutating func dispatch(_ index: Int, now: RunnerInstant, into actions: inout [Action]) {
        guard functions[index].inFlight == nil, let poll = functions[index].poll, !functions[index].queue.isEmpty else { return }
        let pending = functions[index].queue.removeFirst()
        functions[index].poll = nil
        let deadline = now.monotonicNanos &+ limits.timeoutNanos
        functions[index].inFlight = InFlight(pending: pending, deadlineNanos: deadline)
        functions[index].statistics.invocations += 1
        actions.append(.deliver(poll, NextInvocation(
            requestId: pending.requestId, deadlineWallMillis: now.wallMillis + Int64(limits.timeoutNanos / 1_000_000),
            invokedFunctionArn: pending.invokedArn, traceId: pending.traceId, clientContext: pending.clientContext,
            payload: pending.payload)))
        actions.append(.wake(atNanos: deadline))
    }

    private mutating func failWithExit(_ index: Int, _ pending: Pending, status: String, into actions: inout [Action]) {
        functions[index].statistics.errors += 1
        remember(index, pending.requestId)
        actions.append(.answerInvoke(pending.token, .functionError(
            requestId: pending.requestId, body: RunnerErrorDocument.exited(requestId: pending.requestId, status: status))))
    }

    private mutating func remember(_ index: Int, _ requestId: String) {
        functions[index].answered.append(requestId)
        if functions[index].answered.count > limits.rememberedAnswers { functions[index].answered.removeFirst() }
    }
}
