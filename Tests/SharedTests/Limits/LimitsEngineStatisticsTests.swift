import Testing
@testable import Shared

/// `LimitsEngine.quotaStatistics`: the escrow figures a node's scrape shows (`tollgate_quota_*`).
@Suite struct LimitsEngineStatisticsTests {
    private let monday: Int64 = 1_708_905_600
    private let me = ReplicaID(1), authority = ReplicaID(9)

    private func at(_ seconds: Int64) -> LimitsInstant {
        LimitsInstant(monotonicNanos: UInt64(seconds - monday) * 1_000_000_000 + 1, epochSeconds: seconds)
    }

    private func charge(_ key: String, limit: Int, strict: Bool) -> QuotaCharge {
        QuotaCharge(planId: "p", keyId: key, rule: QuotaRule(policy: QuotaPolicy(limit: limit, period: .day), strict: strict))
    }

    @Test func countsRightsHeldOnStrictCountersOnlyAndTheRequestsWaitingForMore() {
        let node = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("n"), replicaID: me, mintAuthority: authority))
        #expect(node.quotaStatistics(authority: authority) == .init())
        // A strict counter with no rights here: one request parks and rights are asked for.
        let short = charge("short", limit: 100, strict: true)
        #expect(node.check(LimitRequest(throttles: [], quota: short), now: at(monday), canWait: true) == .pending(short.counterKey(at: monday)))
        // A strict counter the authority gave this replica 4 rights on, 1 of them spent: 3 held.
        var granted = QuotaCounter()
        _ = granted.mint(upTo: 10, authority: authority)
        _ = granted.transfer(4, from: authority, to: me, authority: authority)
        _ = granted.consumeRight(by: me, authority: authority)
        let held = charge("held", limit: 10, strict: true)
        node.importState([QuotaCounterSlice(key: held.counterKey(at: monday), counter: granted)], now: at(monday))
        // A fast-mode counter with uses and no transfers adds nothing (its formula would read −used).
        let fast = charge("fast", limit: 10, strict: false)
        for _ in 0..<2 { #expect(node.check(LimitRequest(throttles: [], quota: fast), now: at(monday)) == .admit) }

        var expected = LimitsEngine.QuotaStatistics()
        expected.counters = 3
        expected.rightsHeld = 3
        expected.countersAwaitingRights = 1
        expected.parkedRequests = 1
        #expect(node.quotaStatistics(authority: authority) == expected)
        // Before the authority is known no rights can be computed; the other figures stand.
        expected.rightsHeld = 0
        #expect(node.quotaStatistics(authority: nil) == expected)
        // The parked request gives up: no waiter left.
        node.release(LimitRequest(throttles: [], quota: short), parkedOn: short.counterKey(at: monday))
        #expect(node.quotaStatistics(authority: authority).parkedRequests == 0)
    }
}
