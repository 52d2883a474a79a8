import Synchronization
import Testing
@testable import ControlPlane
@testable import Shared

@Suite struct QuotaLedgerTests {
    /// 2023-11-14T22:13:20Z, the admin harness's clock.
    static let now: Int64 = 1_700_000_000
    static let today: Int64 = 1_699_920_000
    let plan = "plan1", key = "key1"

    static func clock(_ seconds: Int64 = now) -> LimitsClock {
        LimitsClock(monotonicNanos: { 5_000_000_000 }, epochMillis: { seconds * 1000 })
    }

    func rule(_ limit: Int = 100, strict: Bool) -> QuotaRule { QuotaRule(policy: QuotaPolicy(limit: limit, period: .day), strict: strict) }

    /// A data-plane node's engine whose mint authority is `authority`.
    func node(_ replica: UInt64, authority: ReplicaID) -> LimitsEngine {
        LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("node-\(replica)"), replicaID: ReplicaID(replica),
                                                              mintAuthority: authority, members: [NodeID("node-\(replica)")]))
    }

    /// Delivers everything `from` has to send to `to` (and the replies back), as gossip would.
    func exchange(_ from: LimitsEngine, _ to: LimitsEngine, replies: (([LimitsOutgoing]) -> Void)? = nil) throws {
        let instant = Self.clock().now()
        for item in from.makeOutgoing(now: instant) {
            let answers = try to.receive(item.payload, from: from.configuration.nodeID, now: instant)
            replies?(answers)
            for answer in answers { try from.receive(answer.payload, from: to.configuration.nodeID, now: instant) }
        }
    }

    var dayKey: QuotaCounterKey { QuotaCounterKey(planId: plan, keyId: key, period: .day, periodStart: Self.today) }

    @Test func aRestartedLedgerKeepsItsAuthorityAndEveryPersistedCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let ledger = try QuotaLedger(store: store, gossipAddress: nil, clock: Self.clock())
        let node = node(1, authority: ledger.authority)
        let charge = QuotaCharge(planId: plan, keyId: key, rule: rule(strict: false))
        for _ in 0..<5 { _ = node.check(LimitRequest(throttles: [], quota: charge), now: Self.clock().now()) }
        try exchange(node, ledger.engine)
        #expect(ledger.engine.counter(dayKey).value == 5)
        try ledger.persist()

        let reopened = try QuotaLedger(store: try ConfigStore(directory: directory.path), gossipAddress: nil, clock: Self.clock())
        #expect(reopened.authority == ledger.authority)
        #expect(reopened.engine.counter(dayKey).value == 5)
    }

    @Test func grantsAreWrittenBeforeTheyLeave() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let ledger = try QuotaLedger(store: store, gossipAddress: nil, clock: Self.clock())
        ledger.engine.updateQuotaRules([QuotaSubject(planId: plan, keyId: key): rule(strict: true)])
        let node = node(7, authority: ledger.authority)
        let charge = QuotaCharge(planId: plan, keyId: key, rule: rule(strict: true))
        // No rights yet: refused (retryable) and a rights request is queued.
        #expect(node.check(LimitRequest(throttles: [], quota: charge), now: Self.clock().now()) != .admit)
        var granted: [LimitsOutgoing] = []
        try exchange(node, ledger.engine) { answers in
            ledger.beforeSend(answers)  // what the gossip service calls before sending
            granted += answers
        }
        #expect(!granted.isEmpty)
        let transferred = ledger.engine.counter(dayKey).transfers[ledger.authority, ReplicaID(7)]
        #expect(transferred > 0)
        // The control plane dies right after sending (no periodic write): the grant is on disk.
        let reopened = try QuotaLedger(store: try ConfigStore(directory: directory.path), gossipAddress: nil, clock: Self.clock())
        #expect(reopened.engine.counter(dayKey).transfers[ledger.authority, ReplicaID(7)] == transferred)
        #expect(reopened.engine.counter(dayKey).minted(by: ledger.authority) == 100)
    }

    @Test func theSnapshotAdvertisesTheObserverOnlyWhenItGossips() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let silent = try QuotaLedger(store: store, gossipAddress: nil, clock: Self.clock())
        #expect(try store.revision() == 0)
        #expect(try SnapshotBuilder.build(store, now: Self.now).gossip == nil)

        let gossiping = try QuotaLedger(store: store, gossipAddress: "127.0.0.1:7946", clock: Self.clock())
        #expect(gossiping.authority == silent.authority)
        #expect(try store.revision() == 1)
        let advertised = try #require(try SnapshotBuilder.build(store, now: Self.now).gossip)
        #expect(advertised == SnapshotGossip(nodeId: "control-plane", address: "127.0.0.1:7946", mintAuthority: silent.authority.description))
        // Same address again: nothing for nodes to learn, no new revision.
        _ = try QuotaLedger(store: store, gossipAddress: "127.0.0.1:7946", clock: Self.clock())
        #expect(try store.revision() == 1)
    }

    @Test func getUsageCountsWhatNodesReportedAndUpdateUsageResetsRemaining() throws {
        let h = try AdminHarness()
        let planId = h.call("POST", "/usageplans", ["name": "p", "quota": ["limit": 50, "period": "DAY"]]).string("id")!
        let keyId = h.call("POST", "/apikeys", ["name": "k", "enabled": true]).string("id")!
        h.call("POST", "/usageplans/\(planId)/keys", ["keyId": keyId, "keyType": "API_KEY"])
        let ledger = try #require(h.api.quota)
        try ledger.refreshRules()
        let node = node(3, authority: ledger.authority)
        let charge = QuotaCharge(planId: planId, keyId: keyId, rule: rule(50, strict: false))
        for _ in 0..<7 { _ = node.check(LimitRequest(throttles: [], quota: charge), now: Self.clock().now()) }
        try exchange(node, ledger.engine)

        let usage = h.call("GET", "/usageplans/\(planId)/usage?startDate=2023-11-13&endDate=2023-11-15&keyId=\(keyId)")
        #expect(usage.status == 200)
        #expect((usage["values"] as? [String: [[Int]]])?[keyId] == [[0, 50], [7, 43], [0, 50]])

        let updated = h.patch("/usageplans/\(planId)/keys/\(keyId)/usage", [("replace", "/remaining", "10")])
        #expect((updated["values"] as? [String: [[Int]]])?[keyId] == [[7, 10]])
        // The adjustment reaches nodes through gossip: the node may admit 10 more, not 43.
        try exchange(ledger.engine, node)
        let admitted = (0..<20).filter { _ in node.check(LimitRequest(throttles: [], quota: charge), now: Self.clock().now()) == .admit }
        #expect(admitted.count == 10)
    }

    @Test func aStrictNodeAndTheLedgerAgreeOnAnOffsetPlansInitialPeriod() throws {
        let h = try AdminHarness()
        let planId = h.call("POST", "/usageplans", ["name": "p", "quota": ["limit": 10, "offset": 4, "period": "DAY"]]).string("id")!
        let keyId = h.call("POST", "/apikeys", ["name": "k", "enabled": true]).string("id")!
        h.call("POST", "/usageplans/\(planId)/keys", ["keyId": keyId, "keyType": "API_KEY"])
        let ledger = try #require(h.api.quota)
        try ledger.refreshRules()
        // The node's rule comes from the published snapshot, as in production.
        let compiled = try SnapshotCompiler.compile(SnapshotBuilder.build(h.store, now: h.clock.now))
        let nodeRule = try #require(QuotaRule.all(in: compiled)[QuotaSubject(planId: planId, keyId: keyId)])
        #expect(nodeRule.policy.anchorEpochSeconds == h.clock.now && nodeRule.strict)
        let node = node(5, authority: ledger.authority)
        let charge = QuotaCharge(planId: planId, keyId: keyId, rule: nodeRule)
        var admitted = 0
        for _ in 0..<40 {  // rights arrive through exchanges; the authority mints only limit - offset
            if node.check(LimitRequest(throttles: [], quota: charge), now: Self.clock().now()) == .admit { admitted += 1 }
            try exchange(node, ledger.engine)
        }
        #expect(admitted == 6)
        let key = charge.counterKey(at: Self.now)
        #expect(ledger.engine.counter(key).minted(by: ledger.authority) == 6)
        let usage = h.call("GET", "/usageplans/\(planId)/usage?startDate=2023-11-14&endDate=2023-11-15&keyId=\(keyId)")
        #expect((usage["values"] as? [String: [[Int]]])?[keyId] == [[6, 0], [0, 10]])
    }

    @Test func storedHistoryOlderThanTheEngineKeepsAnswering() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let old = QuotaCounterKey(planId: plan, keyId: key, period: .day, periodStart: Self.today - 10 * 86_400)
        try store.write { tx in
            try tx.putQuotaCounters([QuotaCounterSlice(key: old, counter: QuotaCounter(used: GCounter([ReplicaID(9): 12])))], at: Self.now)
        }
        let ledger = try QuotaLedger(store: store, gossipAddress: nil, clock: Self.clock())
        #expect(ledger.engine.counter(old).isEmpty)  // expired for enforcement
        let usage = try store.read { tx in
            try ledger.usage(planId: plan, keyId: key, rule: rule(20, strict: true), fromDay: old.periodStart, toDay: old.periodStart, tx)
        }
        #expect(usage.map(\.used) == [12])
        #expect(usage.map(\.remaining) == [8])
    }

    @Test func updateUsageVersionsKeepRisingAcrossRestartsAndClockSteps() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let first = try QuotaLedger(store: store, gossipAddress: nil, clock: Self.clock())
        try store.write { tx in try first.setRemaining(5, planId: plan, keyId: key, rule: rule(strict: true), tx) }
        let version = first.engine.counter(dayKey).adjustment.version
        // Restarted with a clock one minute behind: the next adjustment must still win.
        let second = try QuotaLedger(store: try ConfigStore(directory: directory.path), gossipAddress: nil, clock: Self.clock(Self.now - 60))
        try store.write { tx in try second.setRemaining(9, planId: plan, keyId: key, rule: rule(strict: true), tx) }
        #expect(second.engine.counter(dayKey).adjustment.version > version)
        let remaining = try store.read { tx in
            try second.usage(planId: plan, keyId: key, rule: rule(strict: true), fromDay: Self.today, toDay: Self.today, tx)
        }
        #expect(remaining.first?.remaining == 9)
    }
}
