import Synchronization
import Testing
@testable import DataPlane

@Suite struct AuthorizerCacheTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        let nanos = Atomic<UInt64>(1_000)
        func advance(seconds: UInt64) { nanos.add(seconds * 1_000_000_000, ordering: .relaxed) }
        var read: @Sendable () -> UInt64 { { [self] in nanos.load(ordering: .relaxed) } }
    }

    final class Box: Sendable {
        let name: String
        init(_ name: String) { self.name = name }
    }

    @Test func entriesExpireAfterTheirTTL() {
        let clock = ManualClock()
        let cache = AuthorizerCache<Box>(capacity: 4, clock: clock.read)
        cache.store(Box("a"), for: "k", ttlSeconds: 300)
        clock.advance(seconds: 299)
        #expect(cache.value(for: "k")?.name == "a")
        clock.advance(seconds: 1)
        #expect(cache.value(for: "k") == nil, "at 300 s the entry is gone")
    }

    @Test func evictsTheLeastRecentlyUsedWhenFull() {
        let clock = ManualClock()
        let cache = AuthorizerCache<Box>(capacity: 2, clock: clock.read)
        cache.store(Box("a"), for: "a", ttlSeconds: 60)
        cache.store(Box("b"), for: "b", ttlSeconds: 60)
        _ = cache.value(for: "a")  // a is now the most recent
        cache.store(Box("c"), for: "c", ttlSeconds: 60)
        #expect(cache.count == 2)
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a")?.name == "a")
        #expect(cache.value(for: "c")?.name == "c")
    }

    @Test func boundedUnderManyKeys() {
        let cache = AuthorizerCache<Box>(capacity: 16, clock: ManualClock().read)
        for index in 0..<1_000 { cache.store(Box("\(index)"), for: "key-\(index)", ttlSeconds: 60) }
        #expect(cache.count == 16)
        #expect(cache.value(for: "key-999")?.name == "999")
        #expect(cache.value(for: "key-983") == nil)
    }

    @Test(arguments: [
        (["ab", "c"], ["a", "bc"]),
        (["a"], ["a", ""]),
        (["x,y"], ["x", "y"]),
    ])
    func keysOfDifferentIdentityValuesDiffer(_ first: [String], _ second: [String]) {
        let one = AuthorizerCacheKey.make(restApiId: "api", stage: "prod", generation: 0, authorizerId: "au1", values: first)
        let two = AuthorizerCacheKey.make(restApiId: "api", stage: "prod", generation: 0, authorizerId: "au1", values: second)
        #expect(one != two)
    }

    @Test func keysNameTheStageTheGenerationAndTheAuthorizer() {
        let base = AuthorizerCacheKey.make(restApiId: "api", stage: "prod", generation: 0, authorizerId: "au1", values: ["t"])
        #expect(base == AuthorizerCacheKey.make(restApiId: "api", stage: "prod", generation: 0, authorizerId: "au1", values: ["t"]))
        #expect(base != AuthorizerCacheKey.make(restApiId: "api", stage: "test", generation: 0, authorizerId: "au1", values: ["t"]))
        #expect(base != AuthorizerCacheKey.make(restApiId: "api", stage: "prod", generation: 1, authorizerId: "au1", values: ["t"]))
        #expect(base != AuthorizerCacheKey.make(restApiId: "api", stage: "prod", generation: 0, authorizerId: "au2", values: ["t"]))
    }
}

extension AuthorizerCacheTests {
    @Test func longKeysAreNotCached() {
        let cache = AuthorizerCache<Box>(capacity: 4, clock: ManualClock().read)
        let long = String(repeating: "k", count: AuthorizerCache<Box>.maximumKeyBytes + 1)
        cache.store(Box("long"), for: long, ttlSeconds: 60)
        #expect(cache.value(for: long) == nil)
        #expect(cache.count == 0)
    }
}
