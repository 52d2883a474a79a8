import Testing
@testable import Shared

@Suite struct BodyMemoryBudgetTests {
    @Test func reservesWithinTheLimitAndRefusesPastIt() {
        let budget = BodyMemoryBudget(limit: 1000)
        #expect(budget.tryReserve(600))
        #expect(!budget.tryReserve(401))
        #expect(budget.usedBytes == 600, "a refused reservation counts nothing")
        #expect(budget.tryReserve(400))
        #expect(!budget.tryReserve(1))
        budget.release(1000)
        #expect(budget.usedBytes == 0)
    }

    @Test func uncheckedReservationsGoPastTheLimitAndBlockNewBodies() {
        let budget = BodyMemoryBudget(limit: 1000)
        budget.reserveUnchecked(1500)
        #expect(budget.usedBytes == 1500)
        #expect(!budget.tryReserve(1))
        budget.release(1500)
        #expect(budget.tryReserve(1000))
    }

    @Test func reportsWhatWasFreedSinceThePeakOnce() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        #expect(budget.tryReserve(50_000_000))
        budget.release(45_000_000)
        #expect(budget.takeFreedSincePeak() == 45_000_000)
        #expect(budget.takeFreedSincePeak() == 0, "the peak restarts at the current figure")
        budget.release(5_000_000)
        #expect(budget.takeFreedSincePeak() == 5_000_000)
    }
}
