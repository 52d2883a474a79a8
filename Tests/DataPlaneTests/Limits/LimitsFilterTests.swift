import Testing
@testable import DataPlane
@testable import Shared

@Suite struct LimitsFilterTests {
    typealias L = LimitsFixtures
    static let tooMany = #"{"message":"Too Many Requests"}"#

    static func expectThrottled(_ response: HTTPResponse) {
        #expect(response.status == 429)
        #expect(String(decoding: response.body, as: UTF8.self) == tooMany)
        #expect(response.headers["x-amzn-ErrorType"] == "TooManyRequestsException")
    }

    static func expectQuotaExceeded(_ response: HTTPResponse) {
        #expect(response.status == 429)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"Limit Exceeded"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "LimitExceededException")
    }

    @Test func theAccountBucketThrottlesEveryMethod() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(account: ThrottleSettings(burstLimit: 3, rateLimit: 1))
        #expect(L.statuses(2, "GET", "/open", limits: limits, snapshot: snapshot) == [200, 200])
        #expect(L.send("GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot).status == 200)
        Self.expectThrottled(L.send("GET", "/open", limits: limits, snapshot: snapshot))
        Self.expectThrottled(L.send("POST", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot))
    }

    @Test func theStageDefaultGivesEachMethodItsOwnBucket() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(methodSettings: ["*/*": L.setting(rate: 1, burst: 2)])
        #expect(L.statuses(3, "GET", "/open", limits: limits, snapshot: snapshot) == [200, 200, 429])
        #expect(L.statuses(3, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 200, 429])
    }

    @Test func aMethodSettingReplacesTheStageDefault() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(methodSettings: ["*/*": L.setting(rate: 1, burst: 5), "open/GET": L.setting(rate: 1, burst: 1)])
        #expect(L.statuses(2, "GET", "/open", limits: limits, snapshot: snapshot) == [200, 429])
        #expect(L.statuses(5, "POST", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 200, 200, 200, 200])
    }

    @Test func aStageSetToZeroRejectsEverything() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(methodSettings: ["*/*": L.setting(rate: 0, burst: 0)])
        Self.expectThrottled(L.send("GET", "/open", limits: limits, snapshot: snapshot))
        Self.expectThrottled(L.send("GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot))
    }

    @Test func thePlanThrottleAppliesPerKeyAcrossMethods() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(planThrottle: ThrottleSettings(burstLimit: 2, rateLimit: 1))
        #expect(L.send("GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot).status == 200)
        #expect(L.send("POST", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot).status == 200)
        Self.expectThrottled(L.send("GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot))
        // Requests without a key on keyless methods are not metered by the plan.
        #expect(L.statuses(3, "GET", "/open", limits: limits, snapshot: snapshot) == [200, 200, 200])
    }

    @Test func thePlansPerMethodThrottleReplacesThePlanThrottleForThatMethod() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(planThrottle: ThrottleSettings(burstLimit: 4, rateLimit: 1),
                                      planMethodThrottles: ["/keyed/GET": ThrottleSettings(burstLimit: 1, rateLimit: 1)])
        #expect(L.statuses(2, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 429])
        #expect(L.statuses(5, "POST", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 200, 200, 200, 429])
    }

    @Test func theTightestLevelDecidesAndTokensComeBack() throws {
        let clock = L.ManualClock()
        let limits = try L.node(clock)
        let snapshot = try L.snapshot(methodSettings: ["keyed/GET": L.setting(rate: 1, burst: 3)],
                                      planThrottle: ThrottleSettings(burstLimit: 1, rateLimit: 1))
        #expect(L.statuses(2, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 429])
        clock.advance(.seconds(1))
        #expect(L.statuses(2, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 429])
    }

    @Test(arguments: [false, true])
    func theQuotaAnswersLimitExceeded(strict: Bool) throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(quota: QuotaSettings(limit: 3, period: "DAY"), planTags: strict ? nil : [QuotaRule.modeTag: "fast"],
                                      mintAuthority: limits.replicaID)
        limits.apply(snapshot)
        #expect(L.statuses(3, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 200, 200])
        Self.expectQuotaExceeded(L.send("POST", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot))
        let key = QuotaCounterKey(planId: "plan1", keyId: "k-good", period: .day, periodStart: 1_708_905_600)
        #expect(limits.engine.counter(key).value == 3)
    }

    @Test func offAnEventLoopAStrictQuotaShortOfRightsAnswersTooManyRequests() throws {
        let limits = try NodeLimits(configuration: .init(nodeID: NodeID("node-1"), clusterSecret: "secret",
                                                         gossipBind: SocketAddress(ipLiteral: "127.0.0.1", port: 0)),
                                    clock: L.ManualClock().clock)
        defer { limits.shutdown() }
        // The authority is another replica that has granted nothing yet, and without a loop the
        // request cannot wait (QuotaWaitRoomTests): retryable 429 Too Many Requests.
        let snapshot = try L.snapshot(quota: QuotaSettings(limit: 3, period: "DAY"), mintAuthority: ReplicaID(0xC0FFEE))
        limits.apply(snapshot)
        Self.expectThrottled(L.send("GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot))
        #expect(limits.runtime.strictQuotas)
        let nobodyWaits = limits.engine.quota.withLock { $0.waiting.isEmpty }
        #expect(nobodyWaits)
    }

    @Test func aNodeWithoutGossipCountsStrictQuotasAloneInsteadOfRefusingThem() throws {
        // It could never receive rights from the authority: before, every keyed request got 429.
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(quota: QuotaSettings(limit: 2, period: "DAY"), mintAuthority: ReplicaID(0xC0FFEE))
        limits.apply(snapshot)
        #expect(!limits.runtime.strictQuotas)
        #expect(L.statuses(3, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 200, 429])
    }

    @Test func withoutAnAuthorityQuotasFallBackToFastMode() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(quota: QuotaSettings(limit: 2, period: "DAY"))
        limits.apply(snapshot)
        #expect(!limits.runtime.strictQuotas)
        #expect(L.statuses(3, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot) == [200, 200, 429])
    }

    @Test func aRedeployOrRollbackKeepsBucketsAndCounters() throws {
        let limits = try L.node(L.ManualClock())
        let first = try L.snapshot(revision: 7, deploymentId: "dep-new", methodSettings: ["*/*": L.setting(rate: 1, burst: 2)],
                                   quota: QuotaSettings(limit: 2, period: "DAY"), mintAuthority: limits.replicaID)
        limits.apply(first)
        #expect(L.statuses(2, "GET", "/open", limits: limits, snapshot: first) == [200, 200])
        #expect(L.statuses(2, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: first) == [200, 200])
        // Rolled back: an older deployment under a newer revision, limits unchanged.
        let rolledBack = try L.snapshot(revision: 8, deploymentId: "dep-old", methodSettings: ["*/*": L.setting(rate: 1, burst: 2)],
                                        quota: QuotaSettings(limit: 2, period: "DAY"), mintAuthority: limits.replicaID)
        limits.apply(rolledBack)
        Self.expectThrottled(L.send("GET", "/open", limits: limits, snapshot: rolledBack))
        Self.expectQuotaExceeded(L.send("POST", "/keyed", key: L.goodKey, limits: limits, snapshot: rolledBack))
        // A raised limit keeps the tokens held: no fresh burst either.
        let raised = try L.snapshot(revision: 9, deploymentId: "dep-old", methodSettings: ["*/*": L.setting(rate: 1, burst: 10)],
                                    quota: QuotaSettings(limit: 2, period: "DAY"), mintAuthority: limits.replicaID)
        Self.expectThrottled(L.send("GET", "/open", limits: limits, snapshot: raised))
    }
}
