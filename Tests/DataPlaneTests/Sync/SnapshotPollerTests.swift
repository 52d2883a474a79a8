import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// A source that answers from a script, records the polls, and parks once the script is used up.
private final class ScriptedSource: SnapshotSource {
    private let state: Mutex<(script: [SnapshotPollStateMachine.Answer], requests: [SnapshotPollRequest])>
    private let exhausted: AsyncStream<Void>.Continuation
    let exhaustedSignal: AsyncStream<Void>

    init(_ script: [SnapshotPollStateMachine.Answer]) {
        state = Mutex((script, []))
        (exhaustedSignal, exhausted) = AsyncStream.makeStream()
    }

    var requests: [SnapshotPollRequest] { state.withLock { $0.requests } }

    func poll(_ request: SnapshotPollRequest) async -> SnapshotPollStateMachine.Answer {
        let next = state.withLock { state -> SnapshotPollStateMachine.Answer? in
            state.requests.append(request)
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
        if let next { return next }
        exhausted.yield()
        // Like a held long-poll: wait until cancelled.
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
        return .failed("cancelled")
    }
}

/// Records delays instead of sleeping.
private final class SleepRecorder: Sendable {
    private let delays = Mutex<[Duration]>([])
    var all: [Duration] { delays.withLock { $0 } }
    var sleep: @Sendable (Duration) async throws -> Void { { [self] delay in delays.withLock { $0.append(delay) } } }
}

@Suite(.timeLimit(.minutes(1))) struct SnapshotPollerTests {
    /// Runs a poller over `script` until the script is used up, then cancels it.
    private static func run(_ script: [SnapshotPollStateMachine.Answer], serving: Int64? = nil,
                            outcome: @escaping @Sendable ([UInt8], Int64?) -> SnapshotApplier.Outcome)
        async -> (requests: [SnapshotPollRequest], delays: [Duration], logs: [String]) {
        let source = ScriptedSource(script)
        let sleeper = SleepRecorder()
        let logs = LogLines()
        let poller = SnapshotPoller(machine: SnapshotPollStateMachine(nodeId: "n1", serving: serving), source: source,
                                    apply: { body, revision, _ in outcome(body, revision) }, log: logs.processLog, clock: { 0 }, sleep: sleeper.sleep)
        let task = Task { await poller.run() }
        for await _ in source.exhaustedSignal { break }
        task.cancel()
        await task.value
        return (source.requests, sleeper.all, logs.all)
    }

    @Test func appliesEachNewBodyAndReportsItOnTheNextPoll() async {
        let result = await Self.run([.snapshot([1], revision: 10), .notModified, .snapshot([2], revision: 3)]) { body, revision in
            .applied(revision: revision!)
        }
        #expect(result.requests.map(\.after) == [nil, 10, 10, 3])
        #expect(result.requests.map(\.applied) == [nil, 10, 10, 3], "revision 3 < 10 is applied: the control plane went backwards")
    }

    @Test func rejectedBodyIsReportedWhileTheOldRevisionKeepsServing() async {
        let result = await Self.run([.snapshot([9], revision: 8)], serving: 7) { _, revision in
            .rejected(revision: revision, reason: "compile error: broken")
        }
        #expect(result.requests.count == 2)
        #expect(result.requests[1].after == 8)
        #expect(result.requests[1].applied == 7)
        #expect(result.requests[1].error == "compile error: broken")
    }

    @Test func failuresBackOffAndAreLoggedOncePerOutage() async {
        let result = await Self.run([.failed("refused"), .failed("refused"), .failed("refused"), .notModified]) { _, _ in
            .applied(revision: 0)
        }
        #expect(result.delays.count >= 3)
        let backoffs = Array(result.delays.prefix(3))
        #expect(backoffs[0] >= .milliseconds(50) && backoffs[0] <= .milliseconds(100))
        #expect(backoffs[1] >= .milliseconds(100) && backoffs[1] <= .milliseconds(200))
        #expect(backoffs[2] >= .milliseconds(200) && backoffs[2] <= .milliseconds(400))
        #expect(result.logs.filter { $0.contains("unreachable") }.count == 1)
        #expect(result.logs.contains("control plane reachable again"))
    }
}
