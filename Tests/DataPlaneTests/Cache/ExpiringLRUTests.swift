import Testing
@testable import DataPlane

@Suite struct ExpiringLRUTests {
    @Test func evictsTheLeastRecentlyUsedUntilTheCostFits() {
        var lru = ExpiringLRU<Int>(capacity: 3)
        lru.store(1, for: "a", cost: 1, expires: 100)
        lru.store(2, for: "b", cost: 1, expires: 100)
        lru.store(3, for: "c", cost: 1, expires: 100)
        #expect(lru.value(for: "a", now: 0) == 1)  // "b" is now the least recently used
        lru.store(4, for: "d", cost: 2, expires: 100)
        #expect(lru.value(for: "b", now: 0) == nil)
        #expect(lru.value(for: "c", now: 0) == nil)
        #expect(lru.value(for: "a", now: 0) == 1 && lru.value(for: "d", now: 0) == 4)
        #expect(lru.cost == 3 && lru.count == 2)
    }

    @Test func anEntryCostingMoreThanTheCapacityIsNotKeptAndEvictsNothing() {
        var lru = ExpiringLRU<Int>(capacity: 3)
        lru.store(1, for: "a", cost: 2, expires: 100)
        lru.store(2, for: "b", cost: 4, expires: 100)
        #expect(lru.value(for: "b", now: 0) == nil)
        #expect(lru.value(for: "a", now: 0) == 1)
    }

    @Test func replacingAKeyCountsItsCostOnce() {
        var lru = ExpiringLRU<Int>(capacity: 10)
        lru.store(1, for: "a", cost: 4, expires: 100)
        lru.store(2, for: "a", cost: 5, expires: 100)
        #expect(lru.count == 1 && lru.cost == 5)
        #expect(lru.value(for: "a", now: 0) == 2)
        lru.remove("a")
        #expect(lru.count == 0 && lru.cost == 0)
    }

    @Test func anExpiredEntryMissesAndIsRemoved() {
        var lru = ExpiringLRU<Int>(capacity: 10)
        lru.store(1, for: "a", cost: 3, expires: 50)
        #expect(lru.value(for: "a", now: 49) == 1)
        #expect(lru.value(for: "a", now: 50) == nil)
        #expect(lru.count == 0 && lru.cost == 0)
    }

    @Test func churnStaysWithinTheBoundAndKeepsTheNewest() {
        var lru = ExpiringLRU<Int>(capacity: 16)
        for n in 0..<1000 {
            lru.store(n, for: "k\(n % 37)", cost: 1 + n % 3, expires: 100)
            #expect(lru.cost <= 16)
        }
        #expect(lru.value(for: "k\(999 % 37)", now: 0) == 999)
    }
}
