import Testing
@testable import Shared

@Suite struct DemandSplitterTests {
    private let second: UInt64 = 1_000_000_000
    private let nodes = [NodeID("a"), NodeID("b"), NodeID("c")]

    @Test func randomSplitsSumToAtMostOneAndBurstsToAtMostTheBurst() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let count = Int.random(in: 1...6, using: &rng)
            let demands: [(NodeID, Double?)] = (0..<count).map { index in
                let unknown = Bool.random(using: &rng) && index > 0
                return (NodeID("n\(index)"), unknown ? nil : Double.random(in: 0...500, using: &rng))
            }
            let shares = DemandSplitter.split(demands)
            let sum = shares.reduce(0) { $0 + $1.share }
            #expect(sum <= 1 + 1e-9)
            #expect(sum >= 1 - 1e-9)
            #expect(shares.allSatisfy { $0.share >= 0 })
            let burst = Int.random(in: 0...1_000, using: &rng)
            let units = DemandSplitter.apportion(burst, among: shares)
            #expect(units.values.reduce(0, +) == burst)
            #expect(units.values.allSatisfy { $0 >= 0 })
        }
    }

    @Test func aPeerReportOlderThanTheKeyCountsAsUnknownForIt() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: nodes)
        let limit = ThrottleLimit(rate: 90, burst: 90)
        // b and c reported before the key was first used here: they may be starting on it too.
        splitter.receive(from: nodes[1], entries: [], now: 1 * second)
        splitter.receive(from: nodes[2], entries: [], now: 1 * second)
        let activated = 1 * second + second / 10
        let first = splitter.nodeLimit(fingerprint: 9, configured: limit, ownDemand: 5, now: activated, activeSince: activated)
        #expect(first.burst == 30 && abs(first.rate - 30) < 1e-9)
        // Reports sent after that which still leave the key out mean they have no demand for it.
        splitter.receive(from: nodes[1], entries: [], now: activated + second / 20)
        splitter.receive(from: nodes[2], entries: [], now: activated + second / 20)
        let alone = splitter.nodeLimit(fingerprint: 9, configured: limit, ownDemand: 5, now: activated + second / 10, activeSince: activated)
        #expect(alone == limit)
    }

    @Test func aPeerSilentLongerThanDeadAfterIsLeftOutWhileOthersAreHeard() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: nodes, deadAfterNanos: 5 * second)
        let limit = ThrottleLimit(rate: 90, burst: 90)
        let entry = [DemandEntry(fingerprint: 9, rate: 30)]
        splitter.receive(from: nodes[1], entries: entry, now: second)
        splitter.receive(from: nodes[2], entries: entry, now: second)
        // c falls silent at 1 s; b keeps reporting. Until 6 s c is unknown and reserved a third.
        for tick in 2...6 { splitter.receive(from: nodes[1], entries: entry, now: UInt64(tick) * second) }
        let reserved = splitter.nodeLimit(fingerprint: 9, configured: limit, ownDemand: 30, now: 6 * second)
        #expect(reserved.burst == 30 && abs(reserved.rate - 30) < 1e-9)
        #expect(!splitter.isPresumedDead(nodes[2], now: 6 * second))
        // After 5 s of silence c is presumed dead: a and b split the whole limit by demand.
        splitter.receive(from: nodes[1], entries: entry, now: 6 * second + second / 2)
        let live = splitter.nodeLimit(fingerprint: 9, configured: limit, ownDemand: 30, now: 6 * second + second / 2)
        #expect(splitter.isPresumedDead(nodes[2], now: 6 * second + second / 2))
        #expect(live.burst == 45 && abs(live.rate - 45) < 1e-9)
        #expect(splitter.shares(fingerprint: 9, ownDemand: 30, now: 6 * second + second / 2).map(\.node) == [nodes[0], nodes[1]])
        // When c reports again it is a member like any other.
        splitter.receive(from: nodes[2], entries: entry, now: 7 * second)
        splitter.receive(from: nodes[1], entries: entry, now: 7 * second)
        #expect(splitter.shares(fingerprint: 9, ownDemand: 30, now: 7 * second).count == 3)
    }

    @Test func aPeerThatNeverReportedIsReservedForDeadAfterSinceItJoined() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: [nodes[0], nodes[1]], deadAfterNanos: 5 * second)
        splitter.receive(from: nodes[1], entries: [], now: 10 * second)
        splitter.setMembers(nodes)  // c joins; its silence counts from the next clock reading (11 s)
        splitter.receive(from: nodes[1], entries: [], now: 11 * second)
        #expect(!splitter.isPresumedDead(nodes[2], now: 15 * second))
        #expect(splitter.isPresumedDead(nodes[2], now: 16 * second + 1))
    }

    @Test func anIsolatedNodePresumesNobodyDeadAndKeepsItsLastShare() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: nodes, deadAfterNanos: 5 * second)
        let limit = ThrottleLimit(rate: 90, burst: 90)
        splitter.receive(from: nodes[1], entries: [DemandEntry(fingerprint: 9, rate: 30)], now: second)
        splitter.receive(from: nodes[2], entries: [DemandEntry(fingerprint: 9, rate: 30)], now: second)
        let before = splitter.nodeLimit(fingerprint: 9, configured: limit, ownDemand: 30, now: second)
        // Nothing heard for a minute: every peer is silent, but so is everyone, so nobody's share is taken.
        let later = splitter.nodeLimit(fingerprint: 9, configured: limit, ownDemand: 300, now: 61 * second)
        #expect(later == before)
        #expect(splitter.shares(fingerprint: 9, ownDemand: 30, now: 61 * second).count == 3)
    }

    @Test func sharesFollowDemand() {
        let shares = DemandSplitter.split([(nodes[0], 210), (nodes[1], 60), (nodes[2], 30)])
        #expect(abs(shares[0].share - 0.7) < 1e-12)
        #expect(abs(shares[1].share - 0.2) < 1e-12)
        #expect(abs(shares[2].share - 0.1) < 1e-12)
        #expect(DemandSplitter.apportion(100, among: shares) == [nodes[0]: 70, nodes[1]: 20, nodes[2]: 10])
    }

    @Test func unknownDemandFallsBackToAnEqualSplit() {
        let shares = DemandSplitter.split([(nodes[0], 50), (nodes[1], nil), (nodes[2], nil)])
        #expect(shares.allSatisfy { abs($0.share - 1.0 / 3) < 1e-12 })
        let allZero = DemandSplitter.split([(nodes[0], 0), (nodes[1], 0), (nodes[2], nil)])
        #expect(allZero.allSatisfy { abs($0.share - 1.0 / 3) < 1e-12 })
    }

    @Test func apportionBreaksTiesByNodeId() {
        let third = 1.0 / 3
        let units = DemandSplitter.apportion(100, among: [(nodes[2], third), (nodes[0], third), (nodes[1], third)])
        #expect(units == [nodes[0]: 34, nodes[1]: 33, nodes[2]: 33])
    }

    @Test func nodesWithOneConsistentViewSplitTheLimitExactly() {
        let limit = ThrottleLimit(rate: 100, burst: 100)
        let demand: [NodeID: Double] = [nodes[0]: 120, nodes[1]: 45, nodes[2]: 35]
        var total = (rate: 0.0, burst: 0)
        for node in nodes {
            var splitter = DemandSplitter(selfNode: node, members: nodes)
            for peer in nodes where peer != node {
                splitter.receive(from: peer, entries: [DemandEntry(fingerprint: 9, rate: demand[peer]!)], now: second)
            }
            let own = splitter.nodeLimit(fingerprint: 9, configured: limit, ownDemand: demand[node]!, now: second)
            total.rate += own.rate
            total.burst += own.burst
        }
        #expect(abs(total.rate - 100) < 1e-9)
        #expect(total.burst == 100)
    }

    @Test func aPeerThatReportedButNotThisKeyHasZeroDemand() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: nodes)
        splitter.receive(from: nodes[1], entries: [DemandEntry(fingerprint: 1, rate: 50)], now: second)
        splitter.receive(from: nodes[2], entries: [DemandEntry(fingerprint: 1, rate: 50)], now: second)
        let own = splitter.nodeLimit(fingerprint: 2, configured: ThrottleLimit(rate: 90, burst: 9), ownDemand: 10, now: second)
        #expect(own == ThrottleLimit(rate: 90, burst: 9))
    }

    @Test func anIsolatedNodeKeepsItsLastShareNeverTheWholeLimit() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: nodes, staleAfterNanos: second)
        let limit = ThrottleLimit(rate: 100, burst: 100)
        // Startup: nobody heard yet, equal split.
        let initial = splitter.nodeLimit(fingerprint: 5, configured: limit, ownDemand: 70, now: 0)
        #expect(abs(initial.rate - 100.0 / 3) < 1e-9)
        splitter.receive(from: nodes[1], entries: [DemandEntry(fingerprint: 5, rate: 20)], now: second)
        splitter.receive(from: nodes[2], entries: [DemandEntry(fingerprint: 5, rate: 10)], now: second)
        let shared = splitter.nodeLimit(fingerprint: 5, configured: limit, ownDemand: 70, now: second)
        #expect(abs(shared.rate - 70) < 1e-9 && shared.burst == 70)
        // Partitioned: reports go stale, demand surges, the node still enforces its 70 %.
        let isolated = splitter.nodeLimit(fingerprint: 5, configured: limit, ownDemand: 10_000, now: 10 * second)
        #expect(abs(isolated.rate - 70) < 1e-9 && isolated.burst == 70)
    }

    @Test func sharesStopGrowingOnceReportsAge() {
        // A key in use for long (no warm-up floor), so only the freeze rule shapes the share.
        var splitter = DemandSplitter(selfNode: nodes[0], members: nodes, staleAfterNanos: second, freezeAfterNanos: second / 4,
                                      warmupNanos: 0)
        let limit = ThrottleLimit(rate: 100, burst: 100)
        splitter.receive(from: nodes[1], entries: [DemandEntry(fingerprint: 5, rate: 50)], now: 0)
        splitter.receive(from: nodes[2], entries: [DemandEntry(fingerprint: 5, rate: 40)], now: 0)
        #expect(splitter.nodeLimit(fingerprint: 5, configured: limit, ownDemand: 10, now: second / 10).rate == 10)
        // 400 ms later, own demand is up tenfold; the reports are past the freeze age: no growth.
        #expect(splitter.nodeLimit(fingerprint: 5, configured: limit, ownDemand: 100, now: second * 4 / 10).rate == 10)
        // Shrinking is still allowed.
        #expect(splitter.nodeLimit(fingerprint: 5, configured: limit, ownDemand: 0, now: second / 2).rate == 0)
    }

    @Test func aYoungKeyTakesAtLeastAnEqualShareUntilItsWarmupEnds() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: nodes, warmupNanos: second / 2)
        let limit = ThrottleLimit(rate: 300, burst: 300)
        // The peers' figures are far up their ramp, this node's first report was tiny.
        splitter.receive(from: nodes[1], entries: [DemandEntry(fingerprint: 7, rate: 150)], now: second)
        splitter.receive(from: nodes[2], entries: [DemandEntry(fingerprint: 7, rate: 150)], now: second)
        let young = splitter.nodeLimit(fingerprint: 7, configured: limit, ownDemand: 1, now: second + second / 10, activeSince: second)
        #expect(abs(young.rate - 100) < 1e-9 && young.burst == 100)
        // After the warm-up the demand split applies again (1 / 301 of the limit).
        let warm = splitter.nodeLimit(fingerprint: 7, configured: limit, ownDemand: 1, now: second + second * 6 / 10, activeSince: second)
        #expect(warm.rate < 1.1 && warm.burst <= 1)
    }

    @Test func aSingleNodeEnforcesTheWholeLimit() {
        var splitter = DemandSplitter(selfNode: nodes[0])
        let limit = ThrottleLimit(rate: 12.5, burst: 7)
        #expect(splitter.nodeLimit(fingerprint: 1, configured: limit, ownDemand: 0, now: 0) == limit)
    }

    @Test func reportsFromNonMembersAreIgnored() {
        var splitter = DemandSplitter(selfNode: nodes[0], members: [nodes[0], nodes[1]])
        splitter.receive(from: NodeID("stranger"), entries: [DemandEntry(fingerprint: 3, rate: 1_000)], now: 0)
        splitter.receive(from: nodes[1], entries: [DemandEntry(fingerprint: 3, rate: 10)], now: 0)
        let shares = splitter.shares(fingerprint: 3, ownDemand: 30, now: 0)
        #expect(shares.map(\.node) == [nodes[0], nodes[1]])
        #expect(abs(shares[0].share - 0.75) < 1e-12)
    }
}
