import Testing
@testable import Shared

@Suite struct QuotaCounterTests {
    private let authority = ReplicaID(100)

    /// A random state reached by legal operations of replicas 1…4 and the authority.
    private func randomCounter(_ rng: inout SeededGenerator) -> QuotaCounter {
        var counter = QuotaCounter()
        counter.mint(upTo: UInt64.random(in: 0...50, using: &rng), authority: authority)
        let replicas = [authority] + (1...4).map { ReplicaID($0) }
        for _ in 0..<Int.random(in: 0...15, using: &rng) {
            let replica = replicas.randomElement(using: &rng)!
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: _ = counter.consumeRight(by: replica, authority: authority)
            case 1: _ = counter.transfer(UInt64.random(in: 1...9, using: &rng), from: replica,
                                         to: replicas.randomElement(using: &rng)!, authority: authority)
            case 2: counter.recordUse(by: replica)
            default: _ = counter.adjust(UsageAdjustment(version: UInt64.random(in: 0...5, using: &rng),
                                                        amount: Int64.random(in: -5...5, using: &rng)))
            }
        }
        return counter
    }

    private func merged(_ a: QuotaCounter, _ b: QuotaCounter) -> QuotaCounter {
        var result = a
        result.merge(b)
        return result
    }

    @Test func mergeIsCommutativeAssociativeAndIdempotent() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<3_000 {
            let a = randomCounter(&rng), b = randomCounter(&rng), c = randomCounter(&rng)
            #expect(merged(a, b) == merged(b, a))
            #expect(merged(merged(a, b), c) == merged(a, merged(b, c)))
            #expect(merged(a, a) == a)
            #expect(merged(a, b).value >= max(a.value, b.value))
        }
    }

    @Test func mergeReturnsADeltaThatReproducesTheGrowth() {
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<1_000 {
            let base = randomCounter(&rng), other = randomCounter(&rng)
            var target = base
            let delta = target.merge(other)
            #expect(merged(base, delta) == target)
        }
    }

    @Test func rightsFollowTheBoundedCounterFormula() {
        var counter = QuotaCounter()
        let a = authority, n1 = ReplicaID(1), n2 = ReplicaID(2)
        #expect(counter.mint(upTo: 10, authority: a) != nil)
        #expect(counter.mint(upTo: 10, authority: a) == nil) // idempotent
        #expect(counter.transfer(6, from: a, to: n1, authority: a) != nil)
        #expect(counter.transfer(5, from: a, to: n2, authority: a) == nil) // only 4 left
        #expect(counter.transfer(3, from: n1, to: n2, authority: a) != nil)
        #expect(counter.consumeRight(by: n2, authority: a) != nil)
        #expect(counter.rights(of: a, authority: a) == 4)
        #expect(counter.rights(of: n1, authority: a) == 3)
        #expect(counter.rights(of: n2, authority: a) == 2)
        #expect(counter.value == 1)
        // A non-authority replica's diagonal is not minting.
        #expect(counter.mint(upTo: 1_000, authority: n1) != nil)
        #expect(counter.rights(of: n1, authority: a) == 3)
    }

    @Test func transfersAreRefusedWithoutRightsOrToSelf() {
        var counter = QuotaCounter()
        #expect(counter.transfer(1, from: ReplicaID(1), to: ReplicaID(2), authority: authority) == nil)
        counter.mint(upTo: 5, authority: authority)
        #expect(counter.transfer(1, from: authority, to: authority, authority: authority) == nil)
        #expect(counter.transfer(0, from: authority, to: ReplicaID(2), authority: authority) == nil)
        #expect(counter.consumeRight(by: ReplicaID(2), authority: authority) == nil)
    }

    @Test func adjustmentsAreLastWriterWins() {
        var counter = QuotaCounter()
        #expect(counter.adjust(UsageAdjustment(version: 5, amount: 100)) != nil)
        #expect(counter.adjust(UsageAdjustment(version: 4, amount: 900)) == nil)
        #expect(counter.effectiveLimit(base: 1_000) == 1_100)
        #expect(counter.adjust(UsageAdjustment(version: 6, amount: -2_000)) != nil)
        #expect(counter.effectiveLimit(base: 1_000) == 0)
    }
}
