import Synchronization
import Testing
@testable import Shared

/// Gossip over real loopback UDP sockets. Threads are not started: each test calls `tick()` and
/// `drain()` itself, and loopback delivery is synchronous, so every step is deterministic.
@Suite struct GossipServiceTests {
    static let secret = "test-cluster-secret"
    let loopback = SocketAddress(ipLiteral: "127.0.0.1", port: 0)!
    let charge = QuotaCharge(planId: "plan", keyId: "key", rule: QuotaRule(policy: QuotaPolicy(limit: 100, period: .day), strict: false))

    func engine(_ node: String, replica: UInt64) -> LimitsEngine {
        LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID(node), replicaID: ReplicaID(replica),
                                                              mintAuthority: ReplicaID(999), members: [NodeID("a"), NodeID("b")]))
    }

    /// A monotonic clock the test moves by hand (wall time stays real: frames carry timestamps).
    final class ManualClock: Sendable {
        let nanos = Atomic<UInt64>(1_000_000_000)
        func advance(_ duration: Duration) { nanos.add(duration.nanoseconds, ordering: .relaxed) }
        var clock: LimitsClock {
            LimitsClock(monotonicNanos: { self.nanos.load(ordering: .relaxed) }, epochMillis: LimitsClock.system.epochMillis)
        }
    }
    let time = ManualClock()

    func service(_ node: String, engine: LimitsEngine, clock: LimitsClock? = nil) throws -> GossipService {
        try GossipService(configuration: .init(nodeID: NodeID(node), clusterSecret: Self.secret), bindAddress: loopback, engine: engine,
                          clock: clock ?? time.clock)
    }

    /// Two services that know each other.
    func pair(clock: LimitsClock? = nil) throws -> (GossipService, LimitsEngine, GossipService, LimitsEngine) {
        let engineA = engine("a", replica: 1), engineB = engine("b", replica: 2)
        let a = try service("a", engine: engineA, clock: clock), b = try service("b", engine: engineB, clock: clock)
        a.setPeers([NodeID("b"): b.localAddress])
        b.setPeers([NodeID("a"): a.localAddress])
        return (a, engineA, b, engineB)
    }

    func admit(_ engine: LimitsEngine, _ count: Int) {
        for _ in 0..<count { _ = engine.check(LimitRequest(throttles: [], quota: charge), now: LimitsClock.system.now()) }
    }

    var key: QuotaCounterKey { charge.counterKey(at: LimitsClock.system.now().epochSeconds) }

    @Test func deltasCrossARealSocketAndMerge() throws {
        let (a, engineA, b, engineB) = try pair()
        defer { a.shutdown(); b.shutdown() }
        admit(engineA, 7)
        a.tick()
        #expect(b.drain() >= 1)
        #expect(engineB.counter(key).value == 7)
        #expect(b.statistics.frames.accepted >= 1)
        #expect(b.statistics.frames.totalDropped == 0)
    }

    /// `tollgate_gossip_convergence_lag_seconds`: how long the quietest peer has gone unheard,
    /// counted from the service's start for a peer never heard, reset by an authentic datagram.
    @Test func theConvergenceLagIsTheLongestSilenceOfAKnownPeer() throws {
        let (a, engineA, b, _) = try pair()
        defer { a.shutdown(); b.shutdown() }
        #expect(b.statistics.longestPeerSilenceNanos == 0)
        time.advance(.seconds(7))
        #expect(b.statistics.longestPeerSilenceNanos == 7_000_000_000)
        admit(engineA, 1)
        a.tick()
        #expect(b.drain() >= 1)
        #expect(b.statistics.longestPeerSilenceNanos == 0)
        time.advance(.milliseconds(1500))
        #expect(b.statistics.longestPeerSilenceNanos == 1_500_000_000)
        // No peers: no figure.
        b.setPeers([:])
        #expect(b.statistics.longestPeerSilenceNanos == nil)
    }

    @Test func forgedAlteredAndReplayedDatagramsAreDroppedAndCounted() throws {
        let engineB = engine("b", replica: 2)
        let b = try service("b", engine: engineB)
        defer { b.shutdown() }
        let intruder = try UDPSocket(bindingTo: loopback)
        let payload = LimitsGossipCodec.encode(.delta([QuotaCounterSlice(key: key, counter: QuotaCounter(used: GCounter([ReplicaID(5): 3])))]),
                                               sender: ReplicaID(5))[0]
        // Forged: sealed under another cluster secret.
        var forger = GossipAuthenticator(localNodeID: "a", key: GossipKey(clusterSecret: "wrong"), clock: LimitsClock.system.epochMillis)
        try intruder.send(forger.seal(payload, to: "b"), to: b.localAddress)
        b.drain()
        #expect(b.statistics.frames.dropped(.badMAC) == 1)
        #expect(engineB.counter(key).value == 0)

        // Genuine, then altered in transit, then replayed verbatim.
        var peer = GossipAuthenticator(localNodeID: "a", key: GossipKey(clusterSecret: Self.secret), clock: LimitsClock.system.epochMillis)
        let genuine = peer.seal(payload, to: "b")
        var altered = genuine
        altered[altered.count - 40] ^= 0x01
        try intruder.send(altered, to: b.localAddress)
        try intruder.send(genuine, to: b.localAddress)
        try intruder.send(genuine, to: b.localAddress)
        b.drain()
        let statistics = b.statistics
        #expect(statistics.frames.dropped(.badMAC) == 2)
        #expect(statistics.frames.dropped(.replayed) == 1)
        #expect(statistics.frames.accepted == 1)
        #expect(engineB.counter(key).value == 3)

        // Sealed for another node: refused even with the right key.
        try intruder.send(peer.seal(payload, to: "c"), to: b.localAddress)
        b.drain()
        #expect(b.statistics.frames.dropped(.wrongRecipient) == 1)
    }

    @Test func aSwitchedOffNodeNeitherSendsNorListensAndCatchesUpWhenHealed() throws {
        let (a, engineA, b, engineB) = try pair()
        defer { a.shutdown(); b.shutdown() }
        // First contact and its sync exchange, until both sockets are quiet.
        a.tick()
        for _ in 0..<4 { b.drain(); a.drain() }
        b.setEnabled(false)
        admit(engineA, 4)
        admit(engineB, 2)
        a.tick()
        b.tick()
        #expect(b.drain() >= 1)
        #expect(a.drain() == 0)
        #expect(b.statistics.droppedWhileDisabled >= 1)
        #expect(engineB.counter(key).value == 2)
        #expect(engineA.counter(key).value == 4)

        // Healed after two silent seconds: b's buffered delta leaves, a hears b again and syncs.
        time.advance(.seconds(2))
        b.setEnabled(true)
        b.tick()
        for _ in 0..<4 { a.drain(); b.drain() }
        #expect(engineA.counter(key).value == 6)
        #expect(engineB.counter(key).value == 6)
    }

    @Test func aRestartedPeerIsSeededWithFullStateOnFirstContact() throws {
        let (a, engineA, b, _) = try pair()
        admit(engineA, 9)
        a.tick()
        b.drain()
        b.shutdown()
        // b comes back as a new process: fresh replica, empty state, same id; a keeps sending to it.
        let reborn = engine("b", replica: 3)
        let b2 = try service("b", engine: reborn)
        defer { a.shutdown(); b2.shutdown() }
        a.setPeers([NodeID("b"): b2.localAddress])
        b2.setPeers([NodeID("a"): a.localAddress])
        a.tick()        // a's demand report (a heartbeat) reaches b2: first contact
        b2.drain()      // b2 answers with its state and a sync request
        a.drain()       // a answers the sync request with its full state
        b2.drain()
        #expect(reborn.counter(key).value == 9)
        #expect(b2.statistics.syncs >= 1)
    }

    @Test func aRunningServiceExchangesStateOnItsOwnThread() async throws {
        let (a, engineA, b, engineB) = try pair(clock: .system)
        a.start()
        b.start()
        defer { a.shutdown(); b.shutdown() }
        admit(engineA, 5)
        admit(engineB, 6)
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, engineA.counter(key).value != 11 || engineB.counter(key).value != 11 {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(engineA.counter(key).value == 11)
        #expect(engineB.counter(key).value == 11)
    }

    @Test func anUrgentDeltaWakesTheThreadInsteadOfWaitingForTheTick() async throws {
        // Ticks 60 s apart, and a peer that never answers (a bare socket): after the first tick only
        // the engine's wake can make a send anything.
        var settings = GossipService.Configuration(nodeID: NodeID("a"), clusterSecret: Self.secret)
        settings.tickInterval = .seconds(60)
        let engineA = engine("a", replica: 1)
        let a = try GossipService(configuration: settings, bindAddress: loopback, engine: engineA, clock: .system)
        let peer = try UDPSocket(bindingTo: loopback)
        a.setPeers([NodeID("b"): peer.localAddress])
        a.start()
        defer { a.shutdown() }
        var opener = GossipAuthenticator(localNodeID: "b", key: GossipKey(clusterSecret: Self.secret), clock: LimitsClock.system.epochMillis)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        /// Reads datagrams for up to `timeout` (or until a delta carries `key` at `stopAt`); returns
        /// the usage counts of `key` they carried.
        func received(within timeout: Duration, stopAt: UInt64 = .max) throws -> [UInt64] {
            var counts: [UInt64] = []
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline, counts.max() != stopAt {
                guard try peer.waitReadable(timeout: .milliseconds(10)) else { continue }
                while let (count, _) = try peer.receive(into: &buffer) {
                    guard case .success(let datagram) = opener.open(buffer[..<count]),
                          case .delta(let slices) = try LimitsGossipCodec.decode(datagram.payload).message else { continue }
                    counts += slices.filter { $0.key == key }.map { $0.counter.value }
                }
            }
            return counts
        }
        _ = try received(within: .milliseconds(200))      // the first tick's heartbeat, if any
        admit(engineA, 90)                                 // 10 % left: not urgent, waits for the tick
        #expect(try received(within: .milliseconds(200)).isEmpty)
        admit(engineA, 6)                                  // 4 % left: urgent, sent at once
        #expect(try received(within: .seconds(5), stopAt: 96).max() == 96)
    }
}
