import Testing
@testable import DataPlane
@testable import Shared

/// The (epoch, revision) a node asks with, and snapshots refused for their size.
@Suite struct SnapshotPollStateMachineEpochTests {
    static let second: UInt64 = 1_000_000_000

    static func machine(serving: Int64? = nil, epoch: String? = nil, limit: Int? = nil) -> SnapshotPollStateMachine {
        SnapshotPollStateMachine(nodeId: "node-a", serving: serving, servingEpoch: epoch, maximumSnapshotBytes: limit)
    }

    @Test func aSnapshotLoadedFromTheDiskCacheIsAskedForWithItsEpoch() {
        var machine = Self.machine(serving: 17, epoch: "e-a")
        let request = machine.pollStarting(now: 0)
        #expect(request.after == 17 && request.epoch == "e-a")
        #expect(request.target() == "/_tollgate/v1/snapshot?after=17&epoch=e-a&wait=30&node=node-a&applied=17")
    }

    @Test func theEpochOfEachAppliedSnapshotGoesWithItsRevision() {
        var machine = Self.machine(serving: 17, epoch: "e-a")
        _ = machine.pollStarting(now: 0)
        #expect(machine.received(.snapshot([1], revision: 17, epoch: "e-b")) == .apply([1], revision: 17, epoch: "e-b"))
        machine.applied(revision: 17, epoch: "e-b")
        let next = machine.pollStarting(now: Self.second)
        #expect(next.after == 17 && next.epoch == "e-b")
    }

    @Test func everyPollStatesTheSnapshotLimit() {
        var machine = Self.machine(limit: 1_048_576)
        #expect(machine.pollStarting(now: 0).target() == "/_tollgate/v1/snapshot?wait=30&node=node-a&limit=1048576")
    }

    @Test func anOversizedSnapshotWithItsRevisionIsReportedAndNotAskedForAgain() {
        var machine = Self.machine(serving: 3, epoch: "e-a", limit: 100)
        var random = SeededGenerator(seed: 3)
        _ = machine.pollStarting(now: 0)
        #expect(machine.received(.refused("the snapshot (200 bytes) is over this node's limit", revision: 4, epoch: "e-a")) == .pollAgain)
        let next = machine.pollStarting(now: Self.second)
        #expect(next.after == 4 && next.epoch == "e-a", "parked until something newer than the oversized revision")
        #expect(next.applied == 3)
        #expect(next.error == "the snapshot (200 bytes) is over this node's limit")
        #expect(machine.consecutiveFailures == 0, "the control plane is reachable")
        #expect(machine.delayBeforeNextPoll(now: Self.second, using: &random) <= .milliseconds(75))
    }

    @Test func anOversizedSnapshotWithoutARevisionIsReportedAndBacksOff() {
        var machine = Self.machine(serving: 3, epoch: "e-a", limit: 100)
        var random = SeededGenerator(seed: 4)
        _ = machine.pollStarting(now: 0)
        _ = machine.received(.refused("the snapshot is over this node's limit", revision: nil, epoch: nil))
        #expect(machine.after == 3 && machine.epoch == "e-a")
        #expect(machine.lastError == "the snapshot is over this node's limit")
        #expect(machine.delayBeforeNextPoll(now: 0, using: &random) >= .milliseconds(50))
    }
}
