import Testing
@testable import Shared

@Suite struct LimitsEngineTests {
    private let second: UInt64 = 1_000_000_000
    /// Monday 2024-02-26T00:00Z; the WEEK (Sunday-based) period began 2024-02-25.
    private let monday: Int64 = 1_708_905_600
    private let subject = QuotaSubject(planId: "p", keyId: "k")

    /// A single node that is its own mint authority: strict mode needs no gossip.
    private func standalone() -> LimitsEngine {
        LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("solo"), replicaID: ReplicaID(1), mintAuthority: ReplicaID(1)))
    }

    private func at(_ seconds: Int64, nanos: UInt64 = 0) -> LimitsInstant {
        LimitsInstant(monotonicNanos: UInt64(seconds - monday) * second + nanos, epochSeconds: seconds)
    }

    private func quota(_ limit: Int, _ period: QuotaPeriod = .day, offset: Int = 0, anchor: Int64? = nil, strict: Bool = true) -> QuotaCharge {
        QuotaCharge(planId: subject.planId, keyId: subject.keyId,
                    rule: QuotaRule(policy: QuotaPolicy(limit: limit, period: period, offset: offset, anchorEpochSeconds: anchor), strict: strict))
    }

    @Test(arguments: [true, false])
    func aStandaloneNodeAdmitsExactlyTheQuota(strict: Bool) {
        let engine = standalone()
        let charge = quota(5, strict: strict)
        let decisions = (0..<8).map { engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday + Int64($0))) }
        #expect(decisions.prefix(5).allSatisfy { $0 == .admit })
        #expect(decisions.suffix(3).allSatisfy { $0 == .quotaExceeded(charge.counterKey(at: monday)) })
    }

    @Test func aThrottledRequestIsNotCountedAndAQuotaRejectionReturnsItsTokens() {
        let engine = standalone()
        let bucket = ThrottleCheck(key: .stage(apiId: "a", stage: "s"), limit: ThrottleLimit(rate: 0, burst: 3))
        let charge = quota(2)
        let request = LimitRequest(throttles: [bucket], quota: charge)
        #expect(engine.check(request, now: at(monday)) == .admit)
        #expect(engine.check(request, now: at(monday)) == .admit)
        // Quota exhausted: refused, but the bucket keeps its last token.
        #expect(engine.check(request, now: at(monday)) == .quotaExceeded(charge.counterKey(at: monday)))
        #expect(engine.check(request, now: at(monday)) == .quotaExceeded(charge.counterKey(at: monday)))
        #expect(engine.check(LimitRequest(throttles: [bucket]), now: at(monday)) == .admit)
        // Bucket empty: throttled, and the quota count does not move.
        #expect(engine.check(request, now: at(monday)) == .throttled(.bucket(bucket.key)))
        #expect(engine.counter(charge.counterKey(at: monday)).value == 2)
    }

    @Test func countersRollOverAtThePeriodBoundary() {
        let engine = standalone()
        let charge = quota(1)
        #expect(engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday + 86_399)) == .admit)
        #expect(engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday + 86_399)) != .admit)
        #expect(engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday + 86_400)) == .admit)
    }

    @Test func theOffsetShrinksOnlyTheFirstPeriod() {
        let engine = standalone()
        let charge = quota(3, offset: 2, anchor: monday + 3_600)
        let first = (0..<3).filter { _ in engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday + 7_200)) == .admit }
        let second = (0..<5).filter { _ in engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday + 90_000)) == .admit }
        #expect(first.count == 1)
        #expect(second.count == 3)
    }

    @Test func usageReportsEachDayAndTheRemainingQuotaOfItsPeriod() {
        let engine = standalone()
        let charge = quota(100, .week)
        for (day, count) in [(0, 10), (1, 25), (2, 5)] {
            for _ in 0..<count { _ = engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday + Int64(day) * 86_400 + 60)) }
        }
        let usage = engine.usage(of: subject, rule: charge.rule, fromDay: monday - 86_400, toDay: monday + 3 * 86_400)
        #expect(usage.map(\.used) == [0, 10, 25, 5, 0])
        #expect(usage.map(\.remaining) == [100, 90, 65, 60, 60])
        #expect(usage.first?.dayStart == monday - 86_400)
        // The next week starts over.
        let nextWeek = monday + 6 * 86_400
        #expect(engine.usage(of: subject, rule: charge.rule, fromDay: nextWeek, toDay: nextWeek).first?.remaining == 100)
    }

    @Test func updateUsageRaisesAndCutsTheRemainingQuota() {
        let engine = standalone()
        let charge = quota(3)
        let request = LimitRequest(throttles: [], quota: charge)
        for _ in 0..<3 { _ = engine.check(request, now: at(monday)) }
        #expect(engine.check(request, now: at(monday)) != .admit)
        #expect(engine.setRemaining(2, of: subject, rule: charge.rule, version: 1, now: at(monday)))
        #expect(engine.check(request, now: at(monday)) == .admit)
        #expect(engine.check(request, now: at(monday)) == .admit)
        #expect(engine.check(request, now: at(monday)) != .admit)
        #expect(engine.usage(of: subject, rule: charge.rule, fromDay: monday, toDay: monday).first?.remaining == 0)
        #expect(engine.setRemaining(0, of: subject, rule: charge.rule, version: 2, now: at(monday)))
        #expect(!engine.setRemaining(50, of: subject, rule: charge.rule, version: 1, now: at(monday))) // stale version
        #expect(engine.check(request, now: at(monday)) != .admit)
    }

    @Test func fastCountersNearTheirLimitShipTheirDeltasAtOnce() throws {
        let engine = standalone()
        let charge = quota(100, strict: false)
        for _ in 0..<90 { _ = engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday)) }
        #expect(engine.takeUrgentOutgoing(now: at(monday)).isEmpty)  // 10 % left: waits for the tick
        _ = engine.makeOutgoing(now: at(monday))
        for _ in 0..<6 { _ = engine.check(LimitRequest(throttles: [], quota: charge), now: at(monday)) }
        let urgent = engine.takeUrgentOutgoing(now: at(monday))    // 4 % left: now, to everyone
        #expect(urgent.count == 1 && urgent.first?.destination == .allPeers)
        guard case .delta(let slices) = try LimitsGossipCodec.decode(try #require(urgent.first).payload).message else {
            Issue.record("not a delta")
            return
        }
        #expect(slices.first?.counter.value == 96)
        #expect(engine.takeUrgentOutgoing(now: at(monday)).isEmpty)
    }

    @Test func aStrictCounterShortOfRightsAsksAtOnce() throws {
        let node = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("n"), replicaID: ReplicaID(1),
                                                                        mintAuthority: ReplicaID(9)))
        let charge = quota(100)
        #expect(node.check(LimitRequest(throttles: [], quota: charge), now: at(monday)) == .throttled(.quotaRightsPending(charge.counterKey(at: monday))))
        let urgent = node.takeUrgentOutgoing(now: at(monday))
        #expect(urgent.count == 1)
        guard case .rightsRequest(let requests) = try LimitsGossipCodec.decode(try #require(urgent.first).payload).message else {
            Issue.record("not a rights request")
            return
        }
        #expect(requests.map(\.key) == [charge.counterKey(at: monday)])
        // Asked once: the next tick does not repeat it before the retry gap.
        #expect(node.takeUrgentOutgoing(now: at(monday)).isEmpty)
    }

    /// A node that (re)starts with no state after the quota was used up asks the authority for
    /// rights; the authority cannot grant and answers with the count, so the node's waiting
    /// request learns "Limit Exceeded" at once (before: no answer, and it waited out its bound to
    /// get 429 Too Many Requests).
    @Test func anAuthorityThatCannotGrantAnswersWithTheCount() throws {
        let authority = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("cp"), replicaID: ReplicaID(9),
                                                                             mintAuthority: ReplicaID(9), isObserver: true))
        let charge = quota(2)
        let key = charge.counterKey(at: monday)
        authority.updateQuotaRules([subject: charge.rule])
        // Both rights went to replica 5 (a node since restarted), which spent them.
        var spent = QuotaCounter()
        _ = spent.mint(upTo: 2, authority: ReplicaID(9))
        _ = spent.transfer(2, from: ReplicaID(9), to: ReplicaID(5), authority: ReplicaID(9))
        _ = spent.consumeRight(by: ReplicaID(5), authority: ReplicaID(9))
        _ = spent.consumeRight(by: ReplicaID(5), authority: ReplicaID(9))
        authority.importState([QuotaCounterSlice(key: key, counter: spent)], now: at(monday))
        let node = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("n"), replicaID: ReplicaID(1),
                                                                        mintAuthority: ReplicaID(9)))
        let request = LimitRequest(throttles: [], quota: charge)
        #expect(node.check(request, now: at(monday), canWait: true) == .pending(key))
        var answers: [LimitsOutgoing] = []
        for ask in node.takeUrgentOutgoing(now: at(monday)) {
            answers += try authority.receive(ask.payload, from: NodeID("n"), now: at(monday))
        }
        #expect(answers.count == 1)
        for answer in answers { try node.receive(answer.payload, from: NodeID("cp"), now: at(monday)) }
        #expect(node.retryQuota(request, parkedOn: key, now: at(monday)) == .quotaExceeded(key))
    }

    @Test func anObserverSendsOnlyAnEmptyDemandReportAsItsHeartbeat() throws {
        let observer = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("cp"), replicaID: ReplicaID(9),
                                                                            mintAuthority: ReplicaID(9), isObserver: true))
        let node = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("n"), replicaID: ReplicaID(1),
                                                                        mintAuthority: ReplicaID(9)))
        let heartbeat = observer.makeOutgoing(now: at(monday))
        #expect(heartbeat.count == 1 && heartbeat.first?.destination == .allPeers)
        #expect(try LimitsGossipCodec.decode(try #require(heartbeat.first).payload).message == .demand([]))
        let outgoing = node.makeOutgoing(now: at(monday))
        #expect(outgoing.count == 1 && outgoing.first?.destination == .allPeers)
    }

    @Test func malformedPayloadsThrowAndChangeNothing() {
        let engine = standalone()
        #expect(throws: LimitsCodecError.truncated) { try engine.receive([1, 1, 0], from: NodeID("x"), now: at(monday)) }
        #expect(engine.exportState().isEmpty)
    }

    @Test func aDonorGrantsRightsOnlyFromWhatItHolds() throws {
        let authority = standalone()
        let charge = quota(10)
        authority.updateQuotaRules([subject: charge.rule])
        let key = charge.counterKey(at: monday)
        let ask = { (want: UInt64) in
            LimitsGossipCodec.encode(.rightsRequest([RightsRequest(key: key, want: want)]), sender: ReplicaID(2))[0]
        }
        let replies = try authority.receive(ask(6), from: NodeID("n2"), now: at(monday))
        #expect(replies.map(\.destination) == [.node(NodeID("n2"))])
        _ = try authority.receive(ask(6), from: NodeID("n2"), now: at(monday)) // only 4 left: grants 4
        #expect(authority.counter(key).transfers[ReplicaID(1), ReplicaID(2)] == 10)
        // Nothing left to grant: the authority answers with the counter as it knows it, no transfer.
        let exhausted = try authority.receive(ask(6), from: NodeID("n2"), now: at(monday))
        #expect(exhausted.count == 1)
        #expect(authority.counter(key).transfers[ReplicaID(1), ReplicaID(2)] == 10)
        #expect(authority.check(LimitRequest(throttles: [], quota: charge), now: at(monday)) == .throttled(.quotaRightsPending(key)))
    }
}

@Suite struct LimitsEngineConcurrencyTests {
    @Test func concurrentChecksFromManyThreadsNeverExceedTheQuotaOrTheBurst() async {
        let engine = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("solo"), replicaID: ReplicaID(1),
                                                                          mintAuthority: ReplicaID(1)))
        let charge = QuotaCharge(planId: "p", keyId: "k", rule: QuotaRule(policy: QuotaPolicy(limit: 300, period: .day)))
        let bucket = ThrottleCheck(key: .account, limit: ThrottleLimit(rate: 0, burst: 400))
        let now = LimitsInstant(monotonicNanos: 0, epochSeconds: 1_709_164_800)
        let results = await withTaskGroup(of: (admit: Int, quota: Int).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var admit = 0, quota = 0
                    for _ in 0..<100 {
                        switch engine.check(LimitRequest(throttles: [bucket], quota: charge), now: now) {
                        case .admit: admit += 1
                        case .quotaExceeded: quota += 1
                        case .throttled, .pending: break
                        }
                    }
                    return (admit, quota)
                }
            }
            return await group.reduce(into: (admit: 0, quota: 0)) { $0.admit += $1.admit; $0.quota += $1.quota }
        }
        #expect(results.admit == 300)
        #expect(results.quota == 500)
    }
}

@Suite struct LimitsEngineRightsRequestTests {
    @Test func rightsRequestsBackOffWhileNobodyGrants() throws {
        // The authority (replica 9) never answers: the node keeps asking, ever more slowly.
        let engine = LimitsEngine(configuration: LimitsEngineConfiguration(nodeID: NodeID("n"), replicaID: ReplicaID(1),
                                                                          mintAuthority: ReplicaID(9), members: [NodeID("m")]))
        let charge = QuotaCharge(planId: "p", keyId: "k", rule: QuotaRule(policy: QuotaPolicy(limit: 100, period: .day)))
        let start = LimitsInstant(monotonicNanos: 0, epochSeconds: 1_709_164_800)
        #expect(engine.check(LimitRequest(throttles: [], quota: charge), now: start)
                == .throttled(.quotaRightsPending(charge.counterKey(at: start.epochSeconds))))
        var asks: [UInt64] = []
        for tick in 0..<100 as Range<UInt64> { // 10 s of 100 ms ticks
            let now = LimitsInstant(monotonicNanos: tick * 100_000_000, epochSeconds: start.epochSeconds + Int64(tick / 10))
            for item in engine.makeOutgoing(now: now) {
                if case .rightsRequest(let requests) = try LimitsGossipCodec.decode(item.payload).message {
                    #expect(requests.map(\.want) == [25]) // a chunk: ceil(100 / (2 × 2 members))
                    asks.append(now.monotonicNanos / 100_000_000)
                }
            }
        }
        // Gaps of 100, 200, 400 … 3,200 ms.
        #expect(asks == [0, 1, 3, 7, 15, 31, 63])
    }
}
