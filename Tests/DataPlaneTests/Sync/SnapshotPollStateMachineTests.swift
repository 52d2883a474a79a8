import Testing
@testable import DataPlane
@testable import Shared

@Suite struct SnapshotPollStateMachineTests {
    static let timing = SnapshotPollStateMachine.Timing(wait: .seconds(30), minimumSpacing: .milliseconds(50), spacingJitter: 0.5,
                                                        backoffBase: .milliseconds(100), backoffCap: .seconds(2))
    static let second: UInt64 = 1_000_000_000

    static func machine(serving: Int64? = nil, gossip: String? = nil) -> SnapshotPollStateMachine {
        SnapshotPollStateMachine(timing: timing, nodeId: "node-a", gossipAddress: gossip, serving: serving)
    }

    @Test func firstPollStartsAtOnceAndAsksForEverything() {
        var machine = Self.machine()
        var random = SeededGenerator(seed: 1)
        #expect(machine.delayBeforeNextPoll(now: 5 * Self.second, using: &random) == .zero)
        let request = machine.pollStarting(now: 5 * Self.second)
        #expect(request == SnapshotPollRequest(after: nil, waitSeconds: 30, nodeId: "node-a", applied: nil, error: nil, gossipAddress: nil))
        #expect(request.target() == "/_tollgate/v1/snapshot?wait=30&node=node-a")
    }

    @Test func nodeServingFromItsDiskCacheAsksForNewerThanThat() {
        var machine = Self.machine(serving: 17)
        let request = machine.pollStarting(now: 0)
        #expect(request.after == 17)
        #expect(request.applied == 17)
    }

    @Test func quickAnswersArePacedByTheMinimumSpacingWithJitter() {
        for seed in UInt64(1)...50 {
            var machine = Self.machine()
            var random = SeededGenerator(seed: seed)
            _ = machine.pollStarting(now: 10 * Self.second)
            #expect(machine.received(.notModified) == .pollAgain)
            // The answer came 5 ms after the poll started: wait the rest of 50–75 ms.
            let delay = machine.delayBeforeNextPoll(now: 10 * Self.second + 5_000_000, using: &random)
            #expect(delay >= .milliseconds(45) && delay <= .milliseconds(70), "seed \(seed): \(delay)")
        }
    }

    @Test func pollHeldLongerThanTheSpacingStartsAgainAtOnce() {
        var machine = Self.machine()
        var random = SeededGenerator(seed: 7)
        _ = machine.pollStarting(now: 0)
        _ = machine.received(.notModified)
        #expect(machine.delayBeforeNextPoll(now: 30 * Self.second, using: &random) == .zero)
    }

    /// After n failures: min(2 s, 100 ms · 2ⁿ⁻¹), of which a random half.
    @Test(arguments: [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1600), (6, 2000), (12, 2000), (40, 2000)])
    func failuresBackOffExponentiallyWithEqualJitterUpToTheCap(failures: Int, fullMillis: Int) {
        var delays: [Duration] = []
        for seed in UInt64(1)...40 {
            var machine = Self.machine()
            var random = SeededGenerator(seed: seed)
            for _ in 0..<failures {
                _ = machine.pollStarting(now: 0)
                #expect(machine.received(.failed("connection refused")) == .pollAgain)
            }
            #expect(machine.consecutiveFailures == failures)
            delays.append(machine.delayBeforeNextPoll(now: 0, using: &random))
        }
        let full = Duration.milliseconds(fullMillis)
        #expect(delays.allSatisfy { $0 >= full / 2 && $0 <= full })
        #expect(Set(delays).count > 30, "jitter spreads the delays")
    }

    @Test func anAnswerResetsTheBackoff() {
        var machine = Self.machine()
        var random = SeededGenerator(seed: 3)
        for _ in 0..<5 { _ = machine.received(.failed("down")) }
        _ = machine.pollStarting(now: 0)
        _ = machine.received(.notModified)
        #expect(machine.consecutiveFailures == 0)
        #expect(machine.delayBeforeNextPoll(now: Self.second, using: &random) == .zero)
    }

    @Test func appliedRevisionIsReportedOnTheNextPoll() {
        var machine = Self.machine()
        _ = machine.pollStarting(now: 0)
        #expect(machine.received(.snapshot([1, 2], revision: 5)) == .apply([1, 2], revision: 5))
        machine.applied(revision: 5, epoch: nil)
        let next = machine.pollStarting(now: Self.second)
        #expect(next.after == 5)
        #expect(next.applied == 5)
        #expect(next.error == nil)
    }

    @Test func lowerRevisionFromARestoredControlPlaneIsAppliedAndBecomesTheBaseline() {
        var machine = Self.machine(serving: 90)
        _ = machine.pollStarting(now: 0)
        #expect(machine.received(.snapshot([7], revision: 12)) == .apply([7], revision: 12))
        machine.applied(revision: 12, epoch: nil)
        let next = machine.pollStarting(now: Self.second)
        #expect(next.after == 12)
        #expect(next.applied == 12)
    }

    @Test func rejectedSnapshotIsReportedAndNotAskedForAgain() {
        var machine = Self.machine(serving: 3)
        _ = machine.pollStarting(now: 0)
        _ = machine.received(.snapshot([0], revision: 4))
        machine.rejected(revision: 4, epoch: nil, reason: "compile error: bad")
        let next = machine.pollStarting(now: Self.second)
        #expect(next.after == 4, "the control plane parks the node until something newer than the bad revision")
        #expect(next.applied == 3, "the old snapshot keeps serving")
        #expect(next.error == "compile error: bad")
        #expect(next.target().hasSuffix("&applied=3&error=compile%20error%3A%20bad"))
        // The next good snapshot clears the error.
        _ = machine.received(.snapshot([1], revision: 5))
        machine.applied(revision: 5, epoch: nil)
        #expect(machine.pollStarting(now: 2 * Self.second).error == nil)
    }

    @Test func rejectionWithoutARevisionBacksOffInsteadOfRefetchingAtOnce() {
        var machine = Self.machine(serving: 3)
        var random = SeededGenerator(seed: 9)
        _ = machine.pollStarting(now: 0)
        _ = machine.received(.snapshot([0], revision: nil))
        machine.rejected(revision: nil, epoch: nil, reason: "malformed snapshot")
        #expect(machine.after == 3)
        #expect(machine.delayBeforeNextPoll(now: 0, using: &random) >= .milliseconds(50))
    }

    @Test func gossipAddressGoesOutOnEveryPoll() {
        var machine = Self.machine(gossip: "10.0.0.5:7946")
        #expect(machine.pollStarting(now: 0).target() == "/_tollgate/v1/snapshot?wait=30&node=node-a&gossip=10.0.0.5%3A7946")
        _ = machine.received(.notModified)
        #expect(machine.pollStarting(now: Self.second).gossipAddress == "10.0.0.5:7946")
    }

    @Test func targetKeepsTheBasePathAndEncodesTheNodeId() {
        let request = SnapshotPollRequest(after: 2, waitSeconds: 30, nodeId: "node a/1", applied: 2, error: nil, gossipAddress: nil)
        #expect(request.target(basePath: "/cp") == "/cp/_tollgate/v1/snapshot?after=2&epoch=&wait=30&node=node%20a%2F1&applied=2",
                "a revision without an epoch goes with an empty epoch=, which never matches the control plane's")
    }
}
