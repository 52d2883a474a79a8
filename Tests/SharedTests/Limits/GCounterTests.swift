import Testing
@testable import Shared

@Suite struct GCounterTests {
    /// A random counter built by random replicas incrementing their own entries.
    private func randomCounter(_ rng: inout SeededGenerator) -> GCounter {
        var counter = GCounter()
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            counter.increment(ReplicaID(UInt64.random(in: 1...5, using: &rng)), by: UInt64.random(in: 1...9, using: &rng))
        }
        return counter
    }

    private func merged(_ a: GCounter, _ b: GCounter) -> GCounter {
        var result = a
        result.merge(b)
        return result
    }

    @Test func mergeIsCommutativeAssociativeAndIdempotent() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<3_000 {
            let a = randomCounter(&rng), b = randomCounter(&rng), c = randomCounter(&rng)
            #expect(merged(a, b) == merged(b, a))
            #expect(merged(merged(a, b), c) == merged(a, merged(b, c)))
            #expect(merged(a, a) == a)
            let ab = merged(a, b)
            #expect(ab.value >= a.value && ab.value >= b.value)
        }
    }

    @Test func deltasInAnyOrderWithDuplicatesRebuildTheState() {
        var rng = SeededGenerator(seed: 2)
        for _ in 0..<1_000 {
            var source = GCounter()
            var deltas: [GCounter] = []
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                let replica = ReplicaID(UInt64.random(in: 1...4, using: &rng))
                deltas.append(source.increment(replica, by: UInt64.random(in: 1...3, using: &rng)))
            }
            // Deliver every delta at least once, some twice, in random order.
            var delivery = deltas + deltas.filter { _ in Bool.random(using: &rng) }
            delivery.shuffle(using: &rng)
            var sink = GCounter()
            var previous: UInt64 = 0
            for delta in delivery {
                sink.merge(delta)
                #expect(sink.value >= previous) // monotone
                previous = sink.value
            }
            #expect(sink == source)
        }
    }

    @Test func incrementTouchesOnlyTheOwnEntryAndReturnsIt() {
        var counter = GCounter([ReplicaID(1): 4, ReplicaID(2): 7])
        let delta = counter.increment(ReplicaID(2), by: 3)
        #expect(delta == GCounter([ReplicaID(2): 10]))
        #expect(counter.value == 14)
        #expect(counter.count(of: ReplicaID(1)) == 4)
    }

    @Test func mergeReturnsOnlyWhatGrew() {
        var counter = GCounter([ReplicaID(1): 5, ReplicaID(2): 5])
        let delta = counter.merge(GCounter([ReplicaID(1): 3, ReplicaID(2): 8, ReplicaID(3): 1]))
        #expect(delta == GCounter([ReplicaID(2): 8, ReplicaID(3): 1]))
        #expect(counter.merge(GCounter([ReplicaID(2): 8])).isEmpty)
    }

    @Test func valueSaturatesInsteadOfOverflowing() {
        var counter = GCounter([ReplicaID(1): .max - 1, ReplicaID(2): 10])
        #expect(counter.value == .max)
        counter.increment(ReplicaID(1), by: 5)
        #expect(counter.count(of: ReplicaID(1)) == .max)
    }
}
