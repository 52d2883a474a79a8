import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// The byte-bounded LRU of one stage: the bound holds whatever is stored, least recently used
/// goes first, oversized entries are never kept, and deadlines follow the injected clock.
@Suite struct StageCacheStoreTests {
    final class Clock: Sendable {
        let nanos = Atomic<UInt64>(0)
        var now: UInt64 { nanos.load(ordering: .relaxed) }
    }

    static func response(_ bytes: Int) -> HTTPResponse { HTTPResponse(status: 200, body: Array(repeating: 0x61, count: bytes)) }

    @Test func theBoundInBytesIsNeverExceededAndTheLeastRecentlyUsedGoesFirst() {
        let clock = Clock()
        let one = StageCacheStore.cost(of: Self.response(1000), key: "k0")
        let store = StageCacheStore(capacityBytes: one * 3, clock: { clock.now })
        for index in 0..<3 { store.store(Self.response(1000), for: "k\(index)", ttlSeconds: 60) }
        #expect(store.count == 3)
        _ = store.response(for: "k0")  // k1 is now the least recently used
        store.store(Self.response(1000), for: "k3", ttlSeconds: 60)
        #expect(store.bytes <= store.capacityBytes)
        #expect(store.response(for: "k1") == nil)
        #expect(store.response(for: "k0") != nil && store.response(for: "k2") != nil && store.response(for: "k3") != nil)
    }

    @Test func aLargeEntryEvictsAsManyAsItNeeds() {
        let store = StageCacheStore(capacityBytes: 10_000, clock: { 0 })
        for index in 0..<8 { store.store(Self.response(1000), for: "k\(index)", ttlSeconds: 60) }
        store.store(Self.response(6000), for: "big", ttlSeconds: 60)
        #expect(store.bytes <= 10_000)
        #expect(store.response(for: "big") != nil)
        #expect(store.response(for: "k7") != nil && store.response(for: "k0") == nil)
    }

    @Test(arguments: [(1_048_576, false), (1_048_000, true), (20_000, false)])
    func entriesOverOneMiBOrTheWholeBoundAreNotKept(bytes: Int, kept: Bool) {
        let capacity = bytes == 20_000 ? 10_000 : 4 * 1_048_576
        let store = StageCacheStore(capacityBytes: capacity, clock: { 0 })
        store.store(Self.response(bytes), for: "k", ttlSeconds: 60)
        #expect((store.response(for: "k") != nil) == kept)
    }

    @Test func replacingAKeyCountsItsBytesOnce() {
        let store = StageCacheStore(capacityBytes: 100_000, clock: { 0 })
        store.store(Self.response(1000), for: "k", ttlSeconds: 60)
        store.store(Self.response(2000), for: "k", ttlSeconds: 60)
        #expect(store.count == 1)
        #expect(store.bytes == StageCacheStore.cost(of: Self.response(2000), key: "k"))
        store.invalidate("k")
        #expect(store.count == 0 && store.bytes == 0)
    }

    @Test func manyStoresUnderChurnStayWithinTheBound() {
        let store = StageCacheStore(capacityBytes: 50_000, clock: { 0 })
        for index in 0..<2000 {
            store.store(Self.response(index % 3000), for: "k\(index % 97)", ttlSeconds: 60)
            #expect(store.bytes <= 50_000)
        }
    }

    @Test func anExpiredEntryMissesAndIsDropped() {
        let clock = Clock()
        let store = StageCacheStore(capacityBytes: 10_000, clock: { clock.now })
        store.store(Self.response(10), for: "k", ttlSeconds: 2)
        clock.nanos.store(1_999_999_999, ordering: .relaxed)
        #expect(store.response(for: "k") != nil)
        clock.nanos.store(2_000_000_000, ordering: .relaxed)
        #expect(store.response(for: "k") == nil)
        #expect(store.count == 0)
        #expect(store.hits == 1 && store.misses == 1)
    }

    @Test(arguments: [("0.5", 32 * 1_048_576), ("1.6", 107_374_182), ("237", 237 * 64 * 1_048_576)])
    func clusterSizesMapTo64MiBPerGB(size: String, bytes: Int) {
        #expect(CompiledStageCache.capacityBytes(forSize: size) == bytes)
        #expect(CompiledStageCache.capacityBytes(forSize: "2") == nil)
    }
}
