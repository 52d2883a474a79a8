import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Strict-quota requests without rights wait in the node's `QuotaWaitRoom`, on their own loop, for
/// a bounded time and in bounded numbers, instead of being refused Too Many Requests.
@Suite struct QuotaWaitRoomTests {
    typealias L = LimitsFixtures
    typealias F = PipelineFixtures
    static let authority = ReplicaID(0xC0FFEE)

    /// A gossiping node (strict quotas need a socket; it is never started) in a cluster whose mint
    /// authority is another replica, serving a snapshot with a strict quota of `limit`.
    static func node(_ clock: L.ManualClock, limit: Int = 3, wait: Duration = .seconds(60),
                     capacity: Int = 100) throws -> (NodeLimits, CompiledSnapshot) {
        var configuration = NodeLimits.Configuration(nodeID: NodeID("node-1"), clusterSecret: "secret",
                                                     gossipBind: SocketAddress(ipLiteral: "127.0.0.1", port: 0))
        configuration.quotaWait = wait
        configuration.maxWaitingRequests = capacity
        let limits = try NodeLimits(configuration: configuration, clock: clock.clock)
        let snapshot = try L.snapshot(quota: QuotaSettings(limit: limit, period: "DAY"), mintAuthority: authority)
        limits.apply(snapshot)
        return (limits, snapshot)
    }

    /// The control plane's observer engine, knowing the node's quota rules.
    static func observer(for limits: NodeLimits) -> LimitsEngine {
        let engine = LimitsEngine(configuration: LimitsEngineConfiguration(
            nodeID: NodeID("control-plane"), replicaID: authority, mintAuthority: authority, members: [NodeID("node-1")], isObserver: true))
        engine.updateQuotaRules(limits.engine.quota.withLock { $0.rules })
        return engine
    }

    /// Collects responses and whether each completed on the request's loop.
    final class Outcomes: Sendable {
        let value = Mutex<[(status: Int, body: String, onLoop: Bool)]>([])
        var all: [(status: Int, body: String, onLoop: Bool)] { value.withLock { $0 } }
    }

    /// Starts `count` keyed requests on `loop`; returns once the loop has run them (parked or answered).
    static func send(_ count: Int, limits: NodeLimits, snapshot: CompiledSnapshot, loop: EventLoop, into outcomes: Outcomes) async {
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker(),
                                       identifierSource: FixedIdentifiers(), clock: { F.now })
        let chains = pipeline.chains(for: snapshot, features: limits.filterFactories(for: snapshot))
        await withCheckedContinuation { (started: CheckedContinuation<Void, Never>) in
            loop.execute {
                for _ in 0..<count {
                    pipeline.handle(F.request("GET", "/prod/keyed", headers: [("x-api-key", L.goodKey)]), connection: F.connection,
                                    snapshot: snapshot, chains: chains, eventLoop: loop) { response in
                        outcomes.value.withLock {
                            $0.append((response.status, String(decoding: response.body, as: UTF8.self), loop.inEventLoop))
                        }
                    }
                }
                started.resume()
            }
        }
    }

    /// Waits (bounded) until `outcomes` holds `count` responses.
    static func awaitResponses(_ outcomes: Outcomes, count: Int) async throws {
        for _ in 0..<2_000 where outcomes.all.count < count { try await Task.sleep(for: .milliseconds(1)) }
    }

    @Test func aRequestWithoutRightsWaitsAndResumesOnItsLoopWhenTheyArrive() async throws {
        let clock = L.ManualClock()
        let (limits, snapshot) = try Self.node(clock)
        defer { limits.shutdown() }
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let outcomes = Outcomes()
        await Self.send(2, limits: limits, snapshot: snapshot, loop: group.next(), into: outcomes)
        #expect(outcomes.all.isEmpty, "no rights yet: both requests wait instead of a 429")
        #expect(limits.waitRoom.parkedCount == 2)
        // The node's rights request reaches the authority, whose grant comes back by gossip.
        let observer = Self.observer(for: limits)
        for request in limits.engine.takeUrgentOutgoing(now: clock.clock.now()) {
            for grant in try observer.receive(request.payload, from: NodeID("node-1"), now: clock.clock.now()) {
                try limits.engine.receive(grant.payload, from: NodeID("control-plane"), now: clock.clock.now())
            }
        }
        try await Self.awaitResponses(outcomes, count: 2)
        #expect(outcomes.all.map(\.status) == [200, 200])
        #expect(outcomes.all.allSatisfy { $0.onLoop })
        #expect(limits.waitRoom.parkedCount == 0)
    }

    @Test func aRequestWaitsAtMostTheBoundThenTooManyRequestsAndItsTokensComeBack() async throws {
        let clock = L.ManualClock()
        let (limits, snapshot) = try Self.node(clock, wait: .milliseconds(20))
        defer { limits.shutdown() }
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let outcomes = Outcomes()
        await Self.send(1, limits: limits, snapshot: snapshot, loop: group.next(), into: outcomes)
        try await Self.awaitResponses(outcomes, count: 1)
        #expect(outcomes.all.map(\.status) == [429])
        #expect(outcomes.all.first?.body == #"{"message":"Too Many Requests"}"#)
        #expect(outcomes.all.first?.onLoop == true)
        #expect(limits.waitRoom.parkedCount == 0)
        let nobodyWaits = limits.engine.quota.withLock { $0.waiting.isEmpty }
        #expect(nobodyWaits)
    }

    @Test func aFullRoomRefusesAtOnce() async throws {
        let clock = L.ManualClock()
        let (limits, snapshot) = try Self.node(clock, capacity: 1)
        defer { limits.shutdown() }
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let outcomes = Outcomes()
        await Self.send(2, limits: limits, snapshot: snapshot, loop: group.next(), into: outcomes)
        #expect(outcomes.all.map(\.status) == [429], "the second request finds the room full")
        #expect(limits.waitRoom.parkedCount == 1)
    }

    @Test func aQuotaUsedUpElsewhereWhileWaitingAnswersLimitExceeded() async throws {
        let clock = L.ManualClock()
        let (limits, snapshot) = try Self.node(clock, limit: 1)
        defer { limits.shutdown() }
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let outcomes = Outcomes()
        await Self.send(1, limits: limits, snapshot: snapshot, loop: group.next(), into: outcomes)
        #expect(outcomes.all.isEmpty)
        // Another replica spent the only right: its count arrives as a delta.
        let key = QuotaCounterKey(planId: "plan1", keyId: "k-good", period: .day, periodStart: 1_708_905_600)
        var counter = QuotaCounter()
        counter.recordUse(by: ReplicaID(42))
        let payloads = LimitsGossipCodec.encode(.delta([QuotaCounterSlice(key: key, counter: counter)]), sender: ReplicaID(42))
        for payload in payloads { try limits.engine.receive(payload, from: NodeID("node-2"), now: clock.clock.now()) }
        try await Self.awaitResponses(outcomes, count: 1)
        #expect(outcomes.all.map(\.body) == [#"{"message":"Limit Exceeded"}"#])
    }
}
