import Testing
@testable import Shared

@Suite struct QuotaCounterStoreTests {
    private let key = QuotaCounterKey(planId: "p1", keyId: "k1", period: .day, periodStart: 0)
    private let me = ReplicaID(7), peer = ReplicaID(9)

    @Test func recordedUsesShipAsTheReplicasCountAtTakeTimeAndOnlyOnce() {
        var store = QuotaCounterStore()
        for _ in 0..<3 { store.recordUse(key, by: me, now: 1) }
        #expect(store.admitWithoutEscrow(key, base: 10, by: me, now: 2) == 6)
        let first = store.takeDeltas()
        #expect(first.map(\.key) == [key])
        #expect(first.first?.counter.used.count(of: me) == 4)
        #expect(store.takeDeltas().isEmpty)
        store.recordUse(key, by: me, now: 3)
        #expect(store.takeDeltas().first?.counter.used.count(of: me) == 5)
        #expect(store.lastLocalUse(key) == 3)
    }

    @Test func aMergeThatTeachesSomethingIsForwardedWithOwnUses() {
        var store = QuotaCounterStore()
        store.recordUse(key, by: me, now: 1)
        var remote = QuotaCounter()
        remote.recordUse(by: peer, count: 5)
        let taught = store.merge(key, remote, epochSeconds: 0), again = store.merge(key, remote, epochSeconds: 0)
        #expect(taught && !again)
        let delta = store.takeDeltas().first?.counter
        #expect(delta?.used.count(of: me) == 1)
        #expect(delta?.used.count(of: peer) == 5)
        #expect(store.counter(key).value == 6)
    }

    @Test func fastAdmissionStopsAtTheLimitWithoutCounting() {
        var store = QuotaCounterStore()
        #expect((0..<5).compactMap { _ in store.admitWithoutEscrow(key, base: 3, by: me, now: 1) } == [2, 1, 0])
        #expect(store.counter(key).value == 3)
    }

    @Test func maxMapNeverStoresAZero() {
        var map = MaxMap<ReplicaID>()
        map.raiseQuietly(me, to: 0)
        #expect(map.isEmpty)
        let incremented = map.increment(me)
        #expect(incremented == 1)
        map.raiseQuietly(me, to: 1)
        #expect(map[me] == 1 && map.count == 1)
    }
}
