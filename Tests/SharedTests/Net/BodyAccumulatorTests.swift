import Testing
@testable import Shared

@Suite struct BodyAccumulatorTests {
    @Test func growsFromWhatArrivedNotFromTheLimit() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        var body = BodyAccumulator(budget: budget, maxBytes: 10 * 1024 * 1024)
        let appended = body.append([1, 2, 3])
        #expect(appended)
        #expect(body.bytes == [1, 2, 3])
        #expect(body.bytes.capacity < 2 * BodyAccumulator.minimumCapacity)
        #expect(budget.usedBytes == body.reserved)
        #expect(body.reserved >= body.bytes.capacity - 64 && body.reserved <= 2 * BodyAccumulator.minimumCapacity)
    }

    @Test func growthStopsAtTheBodyLimit() {
        var body = BodyAccumulator(budget: nil, maxBytes: 100_000)
        for _ in 0..<100 {
            let appended = body.append([UInt8](repeating: 7, count: 1000)[...])
            #expect(appended)
        }
        #expect(body.bytes.count == 100_000)
        #expect(body.bytes.capacity < 120_000, "the last doubling is capped at the body limit")
    }

    @Test func aGrowthTheBudgetCannotAffordAppendsNothingAndKeepsTheBody() {
        let budget = BodyMemoryBudget(limit: 10_000)
        var body = BodyAccumulator(budget: budget, maxBytes: 1 << 20)
        let first = body.append([UInt8](repeating: 1, count: 3000)[...])
        #expect(first)
        let held = budget.usedBytes
        let second = body.append([UInt8](repeating: 2, count: 20_000)[...])
        #expect(!second)
        #expect(body.bytes.count == 3000)
        #expect(budget.usedBytes == held)
        body.release()
        body.release()
        #expect(budget.usedBytes == 0)
        #expect(body.bytes.isEmpty)
    }

    @Test func takeHandsTheReservationToTheCaller() {
        let budget = BodyMemoryBudget(limit: 1 << 20)
        var body = BodyAccumulator(budget: budget, maxBytes: 1 << 20)
        let appended = body.append([9, 9][...])
        #expect(appended)
        let taken = body.take()
        #expect(taken.bytes == [9, 9])
        #expect(taken.reserved == budget.usedBytes)
        body.release()
        #expect(budget.usedBytes == taken.reserved, "releasing the emptied accumulator gives back nothing")
        budget.release(taken.reserved)
    }
}
