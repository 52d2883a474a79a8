import Testing
@testable import Shared

/// Quota rules built from usage plans (`QuotaRule+UsagePlan`): the snapshot → compiler → rule path
/// nodes take, the store path the control plane takes, and what the engine admits with them.
@Suite struct QuotaRuleTests {
    private let second: UInt64 = 1_000_000_000
    /// Monday 2024-02-26T00:00Z.
    private let monday: Int64 = 1_708_905_600
    private let subject = QuotaSubject(planId: "plan01", keyId: "key1")

    private func at(_ seconds: Int64) -> LimitsInstant {
        LimitsInstant(monotonicNanos: UInt64(seconds - monday) * second, epochSeconds: seconds)
    }

    /// The rule a node compiles from a snapshot carrying `plan` (with `anchor`) for `key1`.
    private func nodeRule(_ plan: UsagePlan, anchor: Int64?, strict: Bool = true) throws -> QuotaRule {
        let snapshot = Snapshot(revision: 1, stages: [], apiKeys: [SnapshotApiKey(id: "key1", valueSHA256: "ab", enabled: true)],
                                usagePlans: [SnapshotUsagePlan(plan: plan, keyIds: ["key1"], strictQuota: strict,
                                                               quotaAnchorEpochSeconds: anchor)],
                                account: Account(), nodes: [])
        let decoded = try SnapshotCodec.decode(SnapshotCodec.encode(snapshot))
        return try #require(QuotaRule.all(in: SnapshotCompiler.compile(decoded))[subject])
    }

    private func plan(limit: Int = 10, offset: Int = 4, period: String = "DAY") -> UsagePlan {
        UsagePlan(id: subject.planId, name: "gold", quota: QuotaSettings(limit: limit, offset: offset, period: period))
    }

    /// How many of `attempts` requests at `instant` the engine admits.
    private func admitted(_ engine: LimitsEngine, _ rule: QuotaRule, attempts: Int, at instant: LimitsInstant) -> Int {
        let charge = QuotaCharge(planId: subject.planId, keyId: subject.keyId, rule: rule)
        return (0..<attempts).filter { _ in engine.check(LimitRequest(throttles: [], quota: charge), now: instant) == .admit }.count
    }

    @Test(arguments: [true, false])
    func anOffsetPlanAdmitsLimitLessOffsetOnItsFirstDayAndTheFullLimitAfter(strict: Bool) throws {
        // Limit 10, offset 4, DAY; the quota took effect Monday 10:00Z.
        let rule = try nodeRule(plan(), anchor: monday + 36_000, strict: strict)
        let engine = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("solo"), replicaID: ReplicaID(1),
                                                                          mintAuthority: ReplicaID(1)))
        #expect(admitted(engine, rule, attempts: 12, at: at(monday + 36_000)) == 6)
        #expect(admitted(engine, rule, attempts: 3, at: at(monday + 86_399)) == 0)
        #expect(admitted(engine, rule, attempts: 15, at: at(monday + 86_400)) == 10)
        #expect(admitted(engine, rule, attempts: 15, at: at(monday + 2 * 86_400 + 5)) == 10)
    }

    @Test func aPlanWithoutAnAnchorIgnoresItsOffset() throws {
        // A snapshot from before anchors were published (the field absent) keeps the old behaviour.
        let rule = try nodeRule(plan(), anchor: nil)
        #expect(rule.policy.anchorEpochSeconds == nil)
        let engine = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("solo"), replicaID: ReplicaID(1),
                                                                          mintAuthority: ReplicaID(1)))
        #expect(admitted(engine, rule, attempts: 12, at: at(monday + 36_000)) == 10)
    }

    @Test(arguments: [("DAY", 4), ("WEEK", 0), ("MONTH", 999)])
    func nodesAndTheControlPlaneBuildEqualRules(period: String, offset: Int) throws {
        let stored = plan(limit: 1_000, offset: offset, period: period)
        let anchor = monday + 123
        let fromStore = try #require(QuotaRule(stored, anchorEpochSeconds: anchor))
        #expect(try nodeRule(stored, anchor: anchor) == fromStore)
        #expect(fromStore.policy == QuotaPolicy(limit: 1_000, period: try #require(QuotaPeriod(awsName: period)),
                                                offset: offset, anchorEpochSeconds: anchor))
        // A different anchor is a different rule (the engine would treat it as a rule change).
        #expect(QuotaRule(stored, anchorEpochSeconds: anchor + 1) != fromStore)
    }

    @Test func aPlanWithoutQuotaHasNoRule() {
        #expect(QuotaRule(UsagePlan(id: "p", name: "p"), anchorEpochSeconds: monday) == nil)
    }
}
