import Testing
@testable import Shared

@Suite struct ThrottleRegistryTests {
    private let method = LimiterKey.method(apiId: "a1", stage: "prod", resourcePath: "/pets", method: "GET")
    private let stage = LimiterKey.stage(apiId: "a1", stage: "prod")

    @Test func aRequestMustPassEveryBucketAndTheFirstEmptyOneIsReported() {
        let registry = ThrottleRegistry()
        let chain = [ThrottleCheck(key: method, limit: ThrottleLimit(rate: 0, burst: 5)),
                     ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 2)),
                     ThrottleCheck(key: .account, limit: .accountDefault)]
        #expect(registry.check(chain, now: 0) == .admitted)
        #expect(registry.check(chain, now: 0) == .admitted)
        #expect(registry.check(chain, now: 0) == .throttled(stage))
    }

    @Test func aRejectionConsumesNoTokenAtOtherLevels() {
        let registry = ThrottleRegistry()
        let tight = [ThrottleCheck(key: method, limit: ThrottleLimit(rate: 0, burst: 0)),
                     ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 3))]
        for _ in 0..<10 { #expect(registry.check(tight, now: 0) == .throttled(method)) }
        // No bucket (nil) means a full one: the rejection stopped before the stage level.
        #expect(registry.tokens(for: stage, now: 0) ?? 3 == 3)
        // Rejected after taking from an earlier level: that token is given back.
        let stageFirst = [tight[1], tight[0]]
        for _ in 0..<10 { #expect(registry.check(stageFirst, now: 0) == .throttled(method)) }
        #expect(registry.tokens(for: stage, now: 0) == 3)
    }

    @Test func stateIsKeyedByIdsSoAConfigChangeKeepsTokens() {
        let registry = ThrottleRegistry()
        let before = [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 4))]
        for _ in 0..<3 { _ = registry.check(before, now: 0) }
        // A redeploy raises the burst: the bucket keeps its one token instead of refilling to 50.
        let after = [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 50))]
        #expect(registry.check(after, now: 0) == .admitted)
        #expect(registry.check(after, now: 0) == .throttled(stage))
    }

    @Test func giveBackReturnsATokenCappedAtTheBurst() {
        let registry = ThrottleRegistry()
        let chain = [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 1))]
        #expect(registry.check(chain, now: 0) == .admitted)
        registry.giveBack([stage])
        registry.giveBack([stage])
        #expect(registry.tokens(for: stage, now: 0) == 1)
    }

    @Test func sweepForgetsOnlyFullBuckets() {
        let registry = ThrottleRegistry()
        _ = registry.check([ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 1, burst: 10))], now: 0)
        _ = registry.check([ThrottleCheck(key: .account, limit: ThrottleLimit(rate: 1_000, burst: 10))], now: 0)
        #expect(registry.sweep(now: 100_000_000) == 1) // account refilled in 1 ms, stage needs 1 s
        #expect(registry.tokens(for: .account, now: 0) == nil)
        #expect(registry.tokens(for: stage, now: 100_000_000) != nil)
    }

    @Test func concurrentChecksNeverAdmitMoreThanTheBurst() async {
        let registry = ThrottleRegistry()
        let chain = [ThrottleCheck(key: stage, limit: ThrottleLimit(rate: 0, burst: 500))]
        let admitted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).filter { _ in registry.check(chain, now: 0) == .admitted }.count }
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
