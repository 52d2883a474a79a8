import Testing
@testable import Shared

@Suite struct HeapTrimmerTests {
    final class Counter: @unchecked Sendable {
        // Safe: the tests call `tick()` from one thread only.
        var count = 0
    }

    @Test func trimsOnceAfterLargeFreesAndNotOtherwise() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        let counter = Counter()
        let trimmer = HeapTrimmer(budget: budget, threshold: 16 << 20) { counter.count += 1 }
        #expect(!trimmer.tick())
        #expect(budget.tryReserve(100 << 20))
        #expect(!trimmer.tick(), "nothing freed yet")
        budget.release(90 << 20)
        #expect(trimmer.tick())
        #expect(!trimmer.tick(), "at most once per drop")
        budget.release(1 << 20)
        #expect(!trimmer.tick(), "small frees are not worth a heap walk")
        #expect(counter.count == 1)
    }
}
