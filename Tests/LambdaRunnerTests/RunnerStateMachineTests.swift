@testable import LambdaRunner
import Testing

/// The runner's logic driven event by event with an injected clock: no sockets, no processes.
struct RunnerStateMachineTests {
    typealias Action = RunnerStateMachine.Action

    static func at(_ millis: UInt64) -> RunnerInstant {
        RunnerInstant(monotonicNanos: millis * 1_000_000, wallMillis: 1_700_000_000_000 + Int64(millis))
    }

    /// A machine for `hello` (and `other`) whose `hello` process is up and long-polling with token 100.
    static func ready(limits: RunnerLimits = RunnerLimits()) -> RunnerStateMachine {
        var machine = RunnerStateMachine(functions: ["hello", "other"], region: "us-east-1", account: "000000000000", limits: limits)
        _ = machine.start(now: at(0))
        _ = machine.next(function: 0, token: 100, now: at(1))
        return machine
    }

    static func invoke(_ machine: inout RunnerStateMachine, id: String, token: UInt64, now: RunnerInstant,
                       target: String = "hello", payload: [UInt8] = Array("{}".utf8)) -> [Action] {
        machine.invoke(target: target, payload: payload, requestId: id, traceId: "Root=1-a-b", clientContext: nil, token: token, now: now)
    }

    static func invokeAnswers(_ actions: [Action]) -> [(UInt64, InvokeAnswer)] {
        actions.compactMap { if case .answerInvoke(let token, let answer) = $0 { (token, answer) } else { nil } }
    }

    @Test func startSpawnsEveryFunctionAndArmsTheInitDeadline() {
        var machine = RunnerStateMachine(functions: ["hello", "other"], region: "us-east-1", account: "000000000000", limits: RunnerLimits())
        let actions = machine.start(now: Self.at(0))
        #expect(actions == [.spawn(function: 0, generation: 1), .wake(atNanos: 10_000_000_000),
                            .spawn(function: 1, generation: 1), .wake(atNanos: 10_000_000_000)])
    }

    @Test func deliversAnInvocationToTheWaitingPollWithLambdasHeadersData() {
        var machine = Self.ready()
        let actions = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        #expect(actions == [
            .deliver(100, NextInvocation(requestId: "r1", deadlineWallMillis: 1_700_000_000_050 + 3000,
                                         invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:hello",
                                         traceId: "Root=1-a-b", clientContext: nil, payload: Array("{}".utf8))),
            .wake(atNanos: 3_050_000_000),
        ])
        #expect(machine.statistics(0).invocations == 1)
    }

    @Test func theResponseAnswersTheInvocationWithTheSameRequestId() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        let actions = machine.response(function: 0, requestId: "r1", body: Array("42".utf8), token: 200, now: Self.at(60))
        #expect(actions == [.answerRuntime(200, .accepted), .answerInvoke(1, .result(requestId: "r1", body: Array("42".utf8)))])
    }

    @Test func aResponseForAnUnknownIdIs400AndForAnAnsweredOne403() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        #expect(machine.response(function: 0, requestId: "nope", body: [], token: 200, now: Self.at(55))
            == [.answerRuntime(200, .invalidRequestId)])
        _ = machine.response(function: 0, requestId: "r1", body: [], token: 201, now: Self.at(60))
        #expect(machine.response(function: 0, requestId: "r1", body: [], token: 202, now: Self.at(61))
            == [.answerRuntime(202, .invalidState("invocation r1 is already answered"))])
        #expect(machine.error(function: 0, requestId: "r1", body: [], token: 203, now: Self.at(62))
            == [.answerRuntime(203, .invalidState("invocation r1 is already answered"))])
    }

    @Test func anErrorBecomesAFunctionErrorWithTheRuntimesDocument() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        let document = Array(#"{"errorMessage":"boom","errorType":"ValueError"}"#.utf8)
        let actions = machine.error(function: 0, requestId: "r1", body: document, token: 200, now: Self.at(60))
        #expect(actions == [.answerRuntime(200, .accepted), .answerInvoke(1, .functionError(requestId: "r1", body: document))])
        #expect(machine.statistics(0).errors == 1)
    }

    @Test func invocationsQueueInOrderAndTheNextPollTakesTheOldest() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(10))
        #expect(Self.invoke(&machine, id: "r2", token: 2, now: Self.at(11)).isEmpty)
        #expect(Self.invoke(&machine, id: "r3", token: 3, now: Self.at(12)).isEmpty)
        _ = machine.response(function: 0, requestId: "r1", body: [], token: 200, now: Self.at(20))
        let next = machine.next(function: 0, token: 101, now: Self.at(21))
        guard case .deliver(101, let invocation) = next.first else { Issue.record("no delivery: \(next)"); return }
        #expect(invocation.requestId == "r2")
    }

    @Test func aFullQueueAnswers429() {
        var limits = RunnerLimits()
        limits.maxQueued = 2
        var machine = Self.ready(limits: limits)
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(10))  // in flight
        _ = Self.invoke(&machine, id: "r2", token: 2, now: Self.at(11))
        _ = Self.invoke(&machine, id: "r3", token: 3, now: Self.at(12))
        #expect(Self.invoke(&machine, id: "r4", token: 4, now: Self.at(13)) == [.answerInvoke(4, .refused(.queueFull))])
        #expect(machine.statistics(0).throttles == 1)
    }

    @Test func aTimeoutAnswersTaskTimedOutAndKillsAndRestartsTheProcess() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        #expect(Self.invokeAnswers(machine.timerFired(now: Self.at(3049))).isEmpty)
        let actions = machine.timerFired(now: Self.at(3050))
        let document = Array(#"{"errorMessage":"RequestId: r1 Error: Task timed out after 3.00 seconds","errorType":"Sandbox.Timedout"}"#.utf8)
        #expect(actions == [.answerInvoke(1, .functionError(requestId: "r1", body: document)), .kill(function: 0, generation: 1)])
        #expect(machine.statistics(0).timeouts == 1)
        // The late answer of the killed process is refused; its exit restarts it at once.
        #expect(machine.response(function: 0, requestId: "r1", body: [], token: 200, now: Self.at(3051))
            == [.answerRuntime(200, .invalidState("invocation r1 is already answered"))])
        #expect(machine.processExited(function: 0, generation: 1, status: "signal: 9", now: Self.at(3060))
            == [.spawn(function: 0, generation: 2), .wake(atNanos: 13_060_000_000)])
    }

    @Test func aCrashFailsTheInFlightInvocationAndRestartsWithABackoff() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        let exited = machine.processExited(function: 0, generation: 1, status: "exit status 1", now: Self.at(60))
        let document = Array(#"{"errorMessage":"RequestId: r1 Error: Runtime exited with error: exit status 1","errorType":"Runtime.ExitError"}"#.utf8)
        #expect(exited == [.answerInvoke(1, .functionError(requestId: "r1", body: document)), .wake(atNanos: 160_000_000)])
        #expect(machine.timerFired(now: Self.at(159)).isEmpty)
        #expect(machine.timerFired(now: Self.at(160)) == [.spawn(function: 0, generation: 2), .wake(atNanos: 10_160_000_000)])
        // A second crash in a row (during init, nothing waiting) doubles the delay.
        #expect(machine.processExited(function: 0, generation: 2, status: "exit status 1", now: Self.at(200))
            == [.wake(atNanos: 400_000_000)])
        // The exit of an old generation changes nothing.
        #expect(machine.processExited(function: 0, generation: 1, status: "exit status 1", now: Self.at(201)).isEmpty)
    }

    @Test func anInitErrorFailsTheWaitingInvocationWithItsDocument() {
        var machine = RunnerStateMachine(functions: ["hello"], region: "us-east-1", account: "000000000000", limits: RunnerLimits())
        _ = machine.start(now: Self.at(0))
        #expect(Self.invoke(&machine, id: "r1", token: 1, now: Self.at(5)).isEmpty)  // waits for init
        let document = Array(#"{"errorMessage":"no module","errorType":"Runtime.ImportModuleError"}"#.utf8)
        #expect(machine.initError(function: 0, body: document, token: 200, now: Self.at(10)) == [
            .answerRuntime(200, .accepted), .answerInvoke(1, .functionError(requestId: "r1", body: document)),
            .kill(function: 0, generation: 1),
        ])
    }

    @Test func aProcessThatNeverPollsIsKilledAtTheInitTimeout() {
        var machine = RunnerStateMachine(functions: ["hello"], region: "us-east-1", account: "000000000000", limits: RunnerLimits())
        _ = machine.start(now: Self.at(0))
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(5))
        let actions = machine.timerFired(now: Self.at(10_000))
        #expect(Self.invokeAnswers(actions).map(\.0) == [1])
        #expect(actions.last == .kill(function: 0, generation: 1))
    }

    @Test func anOversizeResponseIs413ToTheRuntimeAndAFunctionErrorToTheCaller() {
        var limits = RunnerLimits()
        limits.maxResponseBytes = 4
        var machine = Self.ready(limits: limits)
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        let actions = machine.response(function: 0, requestId: "r1", body: Array("12345".utf8), token: 200, now: Self.at(60))
        #expect(actions == [
            .answerRuntime(200, .tooLarge(limit: 4)),
            .answerInvoke(1, .functionError(requestId: "r1", body: Array(
                #"{"errorMessage":"Response payload size exceeded maximum allowed payload size (4 bytes).","errorType":"Function.ResponseSizeTooLarge"}"#.utf8))),
        ])
        #expect(machine.response(function: 0, requestId: "r1", body: [], token: 201, now: Self.at(61))
            == [.answerRuntime(201, .invalidState("invocation r1 is already answered"))])
    }

    @Test func refusesOversizeUnknownAndMalformedInvocations() {
        var limits = RunnerLimits()
        limits.maxRequestBytes = 2
        var machine = Self.ready(limits: limits)
        #expect(Self.invoke(&machine, id: "r1", token: 1, now: Self.at(1), payload: Array("123".utf8))
            == [.answerInvoke(1, .refused(.requestTooLarge(limit: 2)))])
        #expect(Self.invoke(&machine, id: "r2", token: 2, now: Self.at(1), target: "nobody")
            == [.answerInvoke(2, .refused(.notFound(arn: "arn:aws:lambda:us-east-1:000000000000:function:nobody")))])
        #expect(Self.invoke(&machine, id: "r3", token: 3, now: Self.at(1), target: "no body")
            == [.answerInvoke(3, .refused(.malformedName("no body")))])
    }

    @Test func aNextWhileAnInvocationIsInFlightIs403() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        #expect(machine.next(function: 0, token: 101, now: Self.at(51))
            == [.answerRuntime(101, .invalidState("invocation r1 is in flight; answer it first"))])
    }

    @Test func shutdownAnswersEverythingWaitingAndKillsTheProcesses() {
        var machine = Self.ready()
        _ = Self.invoke(&machine, id: "r1", token: 1, now: Self.at(50))
        _ = Self.invoke(&machine, id: "r2", token: 2, now: Self.at(51))
        let actions = machine.shutdown()
        #expect(actions == [.answerInvoke(1, .refused(.shuttingDown)), .answerInvoke(2, .refused(.shuttingDown)),
                            .kill(function: 0, generation: 1), .kill(function: 1, generation: 1)])
        #expect(machine.processExited(function: 0, generation: 1, status: "signal: 9", now: Self.at(60)).isEmpty)
    }
}
