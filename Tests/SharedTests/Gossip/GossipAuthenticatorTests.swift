import Synchronization
import Testing
@testable import Shared

/// A clock the test moves by hand (Unix epoch milliseconds).
final class ManualClock: Sendable {
    private let value: Mutex<Int64>
    init(_ start: Int64) { value = Mutex(start) }
    var now: Int64 { value.withLock { $0 } }
    func advance(_ milliseconds: Int64) { value.withLock { $0 += milliseconds } }
}

@Suite struct GossipAuthenticatorTests {
    let clock = ManualClock(1_767_225_600_000)
    let key = GossipKey(clusterSecret: "cluster-secret")

    func node(_ id: String, key: GossipKey? = nil, window: Int = 64) -> GossipAuthenticator {
        var configuration = GossipAuthenticator.Configuration()
        configuration.replayWindowSize = window
        let clock = self.clock
        return GossipAuthenticator(localNodeID: id, key: key ?? self.key, configuration: configuration, clock: { clock.now })
    }

    @Test func sealedDatagramOpensAtThePeer() throws {
        var a = node("a"), b = node("b")
        let frame = a.seal(Array("hello".utf8), to: "b")
        let datagram = try b.open(frame).get()
        #expect(datagram.senderID == "a")
        #expect(datagram.recipientID == "b")
        #expect(datagram.payload == Array("hello".utf8))
        #expect(datagram.timestampMillis == clock.now)
        #expect(b.statistics.accepted == 1)
        #expect(a.statistics.sealed == 1)
    }

    @Test func sequencesIncreasePerSenderAndStartFromTheClock() throws {
        var a = node("a"), b = node("b")
        let first = try b.open(a.seal([1])).get().sequence
        let second = try b.open(a.seal([2])).get().sequence
        #expect(first == UInt64(clock.now) << 10)
        #expect(second == first + 1)
    }

    @Test func forgedDatagramIsDroppedAndCounted() {
        var mallory = node("a", key: GossipKey(clusterSecret: "not-the-secret")), b = node("b")
        #expect(b.open(mallory.seal([1])) == .failure(.badMAC))
        #expect(b.statistics.dropped(.badMAC) == 1)
        #expect(b.statistics.accepted == 0)
        #expect(b.trackedSenders == 0)
    }

    @Test func alteredDatagramIsDropped() {
        var a = node("a"), b = node("b")
        var frame = a.seal(Array("quota+1".utf8))
        frame[frame.count - 35] ^= 0x01   // inside the 7-byte payload, before the 32-byte MAC
        #expect(b.open(frame) == .failure(.badMAC))
    }

    @Test func truncatedDatagramIsDropped() {
        var a = node("a"), b = node("b")
        let frame = a.seal(Array("quota+1".utf8))
        #expect(b.open(frame.dropLast()) == .failure(.truncated))
        #expect(b.statistics.dropped(.truncated) == 1)
    }

    @Test func replayedDatagramIsDroppedAndCounted() throws {
        var a = node("a"), b = node("b")
        let frame = a.seal([1])
        _ = try b.open(frame).get()
        #expect(b.open(frame) == .failure(.replayed))
        clock.advance(1_000)
        #expect(b.open(frame) == .failure(.replayed))
        #expect(b.statistics.dropped(.replayed) == 2)
        #expect(b.statistics.accepted == 1)
    }

    @Test func outOfOrderWithinTheWindowIsAcceptedOnce() throws {
        var a = node("a"), b = node("b")
        let frames = (0..<5).map { a.seal([UInt8($0)]) }
        for index in [0, 4, 2, 1, 3] { _ = try b.open(frames[index]).get() }
        for frame in frames { #expect(b.open(frame) == .failure(.replayed)) }
        #expect(b.statistics.accepted == 5)
    }

    @Test func sequenceBelowTheWindowIsDropped() throws {
        var a = node("a"), b = node("b", window: 64)
        let old = a.seal([0])
        for _ in 0..<64 { _ = a.seal([1]) }
        _ = try b.open(a.seal([2])).get()
        #expect(b.open(old) == .failure(.outsideReplayWindow))
    }

    @Test func tooOldTimestampIsDroppedEvenIfNeverSeen() {
        var a = node("a"), b = node("b")
        let frame = a.seal([1])
        clock.advance(30_000)
        var c = node("c")
        #expect(c.open(frame).map(\.payload) == .success([1]))   // exactly at the skew bound
        clock.advance(1)
        #expect(b.open(frame) == .failure(.staleTimestamp))
        #expect(b.statistics.dropped(.staleTimestamp) == 1)
    }

    @Test func timestampTooFarInTheFutureIsDropped() {
        var b = node("b")
        clock.advance(30_001)
        var a = node("a")
        let frame = a.seal([1])
        clock.advance(-30_001)
        #expect(b.open(frame) == .failure(.futureTimestamp))
    }

    @Test func datagramForAnotherNodeIsDropped() {
        var a = node("a"), b = node("b")
        #expect(b.open(a.seal([1], to: "c")) == .failure(.wrongRecipient))
    }

    @Test func ownDatagramReflectedBackIsDropped() {
        var a = node("a")
        #expect(a.open(a.seal([1])) == .failure(.fromSelf))
    }

    @Test func restartedSenderIsStillAcceptedAndItsOldFramesAreNot() throws {
        var a = node("a"), b = node("b")
        var old: [[UInt8]] = []
        for _ in 0..<100 { old.append(a.seal([0])) }
        for frame in old { _ = try b.open(frame).get() }
        clock.advance(5)
        var restarted = node("a")   // same id, fresh state, 5 ms later
        #expect(b.open(restarted.seal([1])).map(\.payload) == .success([1]))
        // The restart moved the sequence 5 × 1024 ahead, so the old frames fall below the window.
        #expect(b.open(old[99]) == .failure(.outsideReplayWindow))
    }

    @Test func sendersAreTrackedSeparately() throws {
        var a = node("a"), c = node("c"), b = node("b")
        _ = try b.open(a.seal([1])).get()
        _ = try b.open(c.seal([1])).get()
        #expect(b.trackedSenders == 2)
    }

    @Test func countersAddUp() {
        var a = node("a"), b = node("b")
        let good = a.seal([1])
        _ = b.open(good)
        _ = b.open(good)
        _ = b.open([9, 9, 9])
        _ = b.open(Array(repeating: 1, count: 70_000))
        #expect(b.statistics.accepted == 1)
        #expect(b.statistics.dropped(.replayed) == 1)
        #expect(b.statistics.dropped(.unsupportedVersion) == 1)
        #expect(b.statistics.dropped(.oversized) == 1)
        #expect(b.statistics.totalDropped == 3)
    }
}
