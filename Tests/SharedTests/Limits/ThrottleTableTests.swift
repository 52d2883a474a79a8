import Testing
@testable import Shared

@Suite struct ThrottleTableTests {
    private let method = LimiterKey.method(apiId: "a1", stage: "prod", resourcePath: "/pets", method: "GET")
    private let stage = LimiterKey.stage(apiId: "a1", stage: "prod")
    private let plan = LimiterKey.usagePlanKey(planId: "p1", keyId: "k1")
    private let second: UInt64 = 1_000_000_000

    /// A lone node's table: it enforces every configured limit whole.
    private func table() -> ThrottleTable {
        ThrottleTable(splitter: DemandSplitter(selfNode: NodeID("n1")))
    }

    @Test func aRequestMustPassEveryBucketAndTheFirstEmptyOneIsReported() {
        var table = table()
        let request = LimitRequest(throttles: [ThrottleCheck(key: method, limit: ThrottleLimit(rate: 0, burst: 5)),
                                               ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 2)),
                                               ThrottleCheck(key: .account, limit: .accountDefault)])
        #expect(table.admit(request, now: 0) == .admitted)
        #expect(table.admit(request, now: 0) == .admitted)
        #expect(table.admit(request, now: 0) == .throttled(stage))
    }

    @Test func thePlanLevelIsCheckedFirst() {
        var table = table()
        let request = LimitRequest(planThrottle: ThrottleCheck(key: plan, limit: ThrottleLimit(rate: 0, burst: 1)),
                                   throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 1))])
        #expect(table.admit(request, now: 0) == .admitted)
        // Both are empty now; the plan level is reported.
        #expect(table.admit(request, now: 0) == .throttled(plan))
    }

    @Test func aRejectionConsumesNoTokenAtOtherLevels() {
        var table = table()
        let tight = [ThrottleCheck(key: method, limit: ThrottleLimit(rate: 0, burst: 0)),
                     ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 3))]
        for _ in 0..<10 { #expect(table.admit(LimitRequest(throttles: tight), now: 0) == .throttled(method)) }
        // No bucket (nil) means a full one: the rejection took nothing at the stage level.
        #expect(table.tokens(for: stage, now: 0) ?? 3 == 3)
        // Rejected after taking from an earlier level: that token is given back.
        for _ in 0..<10 { #expect(table.admit(LimitRequest(throttles: [tight[1], tight[0]]), now: 0) == .throttled(method)) }
        #expect(table.tokens(for: stage, now: 0) == 3)
        // The same through the plan level.
        let planFirst = LimitRequest(planThrottle: ThrottleCheck(key: plan, limit: ThrottleLimit(rate: 0, burst: 2)), throttles: tight)
        for _ in 0..<10 { #expect(table.admit(planFirst, now: 0) == .throttled(method)) }
        #expect(table.tokens(for: plan, now: 0) == 2)
    }

    @Test func aRejectionStillCountsAsDemandAtEveryLevel() {
        var table = table()
        let request = LimitRequest(throttles: [ThrottleCheck(key: method, limit: ThrottleLimit(rate: 0, burst: 0)),
                                               ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 3))])
        for index in 0..<100 { _ = table.admit(request, now: UInt64(index) * second / 100) }
        #expect(table.demandRate(method, now: second) > 50)
        #expect(table.demandRate(stage, now: second) == table.demandRate(method, now: second))
    }

    @Test func stateIsKeyedByIdsSoAConfigChangeKeepsTokens() {
        var table = table()
        let before = LimitRequest(throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 4))])
        for _ in 0..<3 { _ = table.admit(before, now: 0) }
        // A redeploy raises the burst: the bucket keeps its one token instead of refilling to 50.
        let after = LimitRequest(throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 50))])
        #expect(table.admit(after, now: 0) == .admitted)
        #expect(table.admit(after, now: 0) == .throttled(stage))
    }

    @Test func giveBackReturnsATokenCappedAtTheBurst() {
        var table = table()
        let request = LimitRequest(throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 1))])
        #expect(table.admit(request, now: 0) == .admitted)
        table.giveBack(request)
        table.giveBack(request)
        #expect(table.tokens(for: stage, now: 0) == 1)
    }

    @Test func sweepForgetsOnlyFullBuckets() {
        var table = table()
        _ = table.admit(LimitRequest(throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 1, burst: 10))]), now: 0)
        _ = table.admit(LimitRequest(throttles: [ThrottleCheck(key: .account, limit: ThrottleLimit(rate: 1_000, burst: 10))]), now: 0)
        #expect(table.sweep(now: 100_000_000) == 1) // account refilled in 1 ms, stage needs 1 s
        #expect(table.tokens(for: .account, now: 0) == nil)
        #expect(table.tokens(for: stage, now: 100_000_000) != nil)
    }

    @Test func demandConvergesToTheOfferedRateAndIsReportedSorted() {
        var table = table()
        let checks = [ThrottleCheck(key: method, limit: .accountDefault), ThrottleCheck(key: .account, limit: .accountDefault)]
        for index in 0..<500 { _ = table.admit(LimitRequest(throttles: checks), now: UInt64(index) * second / 100) } // 100/s for 5 s
        #expect(abs(table.demandRate(method, now: 5 * second) - 100) < 5)
        let report = table.reportDemand(now: 5 * second)
        #expect(report.map(\.fingerprint) == [method.fingerprint, LimiterKey.account.fingerprint].sorted())
        #expect(report.allSatisfy { abs($0.rate - 100) < 5 })
    }

    @Test func idleDemandIsForgottenAndTheNextRequestStartsANewRun() {
        var table = table()
        let request = LimitRequest(throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 1_000, burst: 1_000))])
        for index in 0..<100 { _ = table.admit(request, now: UInt64(index) * second / 100) }
        #expect(table.activeSince(stage) == 0)
        #expect(table.demandRate(stage, now: 3 * second) < table.demandRate(stage, now: 2 * second))
        #expect(table.reportDemand(now: 60 * second).isEmpty)
        #expect(table.activeSince(stage) == nil)
        _ = table.admit(request, now: 61 * second)
        #expect(table.activeSince(stage) == 61 * second)
    }

    @Test func aNodeEnforcesItsShareOfTheConfiguredLimit() {
        // Two members, the peer never heard from: it is reserved half, so this node holds half the burst.
        var table = ThrottleTable(splitter: DemandSplitter(selfNode: NodeID("n1"), members: [NodeID("n1"), NodeID("n2")]))
        let request = LimitRequest(throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 10))])
        let admitted = (0..<20).filter { _ in table.admit(request, now: 0) == .admitted }.count
        #expect(admitted == 5)
        // Alone again: the share grows to the whole limit, keeping the deficit (5 of 10 taken).
        table.setMembers([NodeID("n1")])
        let more = (0..<20).filter { _ in table.admit(request, now: 0) == .admitted }.count
        #expect(more == 5)
    }

    @Test func concurrentChecksThroughTheEngineNeverAdmitMoreThanTheBurst() async {
        let engine = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("n1"), replicaID: ReplicaID(1),
                                                                           mintAuthority: ReplicaID(1), members: [NodeID("n1")]))
        let request = LimitRequest(throttles: [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 500))])
        let now = LimitsInstant(monotonicNanos: 0, epochSeconds: 0)
        let admitted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).filter { _ in engine.check(request, now: now) == .admit }.count }
            }
            return await group.reduce(0, +)
        }
        #expect(admitted == 500)
    }

    @Test func fingerprintsAreStableAndDistinguishFieldBoundaries() {
        // Pinned: nodes of different builds must agree (FNV-1a 64 over length-prefixed fields).
        #expect(LimiterKey.account.fingerprint == 0xaf63_bc4c_8601_b62c)
        #expect(LimiterKey.stage(apiId: "a", stage: "s").fingerprint == 0x99a0_12ea_6de9_5f97)
        #expect(LimiterKey.stage(apiId: "ab", stage: "c").fingerprint != LimiterKey.stage(apiId: "a", stage: "bc").fingerprint)
        #expect(LimiterKey.usagePlanKey(planId: "p", keyId: "k").fingerprint
                != LimiterKey.stage(apiId: "p", stage: "k").fingerprint)
    }
}
