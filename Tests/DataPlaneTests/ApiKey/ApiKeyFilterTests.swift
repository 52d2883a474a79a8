import Testing
@testable import DataPlane
@testable import Shared

@Suite struct ApiKeyFilterTests {
    typealias L = LimitsFixtures

    static func expectForbidden(_ response: HTTPResponse) {
        #expect(response.status == 403)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"Forbidden"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "ForbiddenException")
    }

    @Test(arguments: [nil, "", "no-such-key-0123456789", L.disabledKey, L.orphanKey, L.otherStageKey])
    func refusesKeysThatAreMissingUnknownDisabledOrNotInAPlanForTheStage(key: String?) throws {
        let limits = try L.node(L.ManualClock())
        Self.expectForbidden(L.send("GET", "/keyed", key: key, limits: limits, snapshot: try L.snapshot()))
    }

    @Test func admitsAnEnabledKeyOfAPlanAttachedToTheStageAndRecordsIt() throws {
        let snapshot = try L.snapshot()
        #expect(L.send("GET", "/keyed", key: L.goodKey, limits: try L.node(L.ManualClock()), snapshot: snapshot).status == 200)
        var invocation = try PipelineFixtures.invocation(snapshot, PipelineFixtures.request("GET", "/prod/keyed", headers: [("X-API-Key", L.goodKey)]))
        #expect(ApiKeyFilter(snapshot: snapshot).onRequest(&invocation).isProceed)
        #expect(invocation.apiKey == Invocation.ApiKeyIdentity(value: L.goodKey, id: "k-good"))
    }

    @Test func methodsWithoutApiKeyRequiredIgnoreTheHeader() throws {
        let limits = try L.node(L.ManualClock())
        #expect(L.send("GET", "/open", limits: limits, snapshot: try L.snapshot()).status == 200)
        #expect(L.send("GET", "/open", key: "garbage", limits: limits, snapshot: try L.snapshot()).status == 200)
    }

    @Test func theOtherPlansStageAcceptsItsOwnKey() throws {
        let limits = try L.node(L.ManualClock())
        #expect(L.send("GET", "/keyed", key: L.otherStageKey, stage: "dev", limits: limits, snapshot: try L.snapshot()).status == 200)
        Self.expectForbidden(L.send("GET", "/keyed", key: L.goodKey, stage: "dev", limits: limits, snapshot: try L.snapshot()))
    }

    @Test func aKnownKeyIsHashedOnceAndGuessesAreNeverCached() throws {
        let snapshot = try L.snapshot()
        let phase = ApiKeyFilter(index: LimitsIndex(snapshot), digests: ApiKeyDigestCache())
        for key in [L.goodKey, L.goodKey, "no-such-key-0123456789", L.disabledKey] {
            var invocation = try PipelineFixtures.invocation(snapshot, PipelineFixtures.request("GET", "/prod/keyed", headers: [("x-api-key", key)]))
            #expect(phase.onRequest(&invocation).isProceed == (key == L.goodKey))
        }
        #expect(phase.digests.count == 1)
        // A cached digest still has to be admitted by the stage: on dev no plan holds the key.
        var dev = try PipelineFixtures.invocation(snapshot, PipelineFixtures.request("GET", "/dev/keyed", headers: [("x-api-key", L.goodKey)]))
        #expect(!phase.onRequest(&dev).isProceed)
    }

    @Test func theAcceptedGrantTravelsToTheLimitsFilter() throws {
        let snapshot = try L.snapshot()
        var invocation = try PipelineFixtures.invocation(snapshot, PipelineFixtures.request("GET", "/prod/keyed", headers: [("x-api-key", L.goodKey)]))
        #expect(ApiKeyFilter(snapshot: snapshot).onRequest(&invocation).isProceed)
        #expect(invocation.usagePlanGrant?.keyId == "k-good")
    }
}

extension PhaseOutcome {
    var isProceed: Bool {
        if case .proceed = self { return true }
        return false
    }
}
