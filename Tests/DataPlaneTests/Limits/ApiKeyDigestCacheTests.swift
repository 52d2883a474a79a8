import Testing
@testable import DataPlane
@testable import Shared

@Suite struct ApiKeyDigestCacheTests {
    private func digest(_ value: String) -> LimitsIndex.KeyDigest {
        LimitsIndex.KeyDigest(Digest.sha256(value.utf8))!
    }

    @Test func returnsTheDigestOfACachedValue() {
        let cache = ApiKeyDigestCache()
        cache.insert("key-one", hash: "key-one".hashValue, digest: digest("key-one"))
        #expect(cache.digest(of: "key-one", hash: "key-one".hashValue) == digest("key-one"))
        #expect(cache.digest(of: "key-two", hash: "key-two".hashValue) == nil)
    }

    @Test func aValueWhoseHashCollidesWithACachedOneIsNotMistakenForIt() {
        let cache = ApiKeyDigestCache()
        cache.insert("key-one", hash: 42, digest: digest("key-one"))
        #expect(cache.digest(of: "key-onf", hash: 42) == nil)
        #expect(cache.digest(of: "key-one", hash: 42) == digest("key-one"))
    }

    @Test func startsOverWhenFull() {
        let cache = ApiKeyDigestCache(capacity: 3)
        for index in 0..<3 { cache.insert("k\(index)", hash: index, digest: digest("k\(index)")) }
        #expect(cache.count == 3)
        cache.insert("k1", hash: 1, digest: digest("k1"))  // replacing an entry does not count as growth
        #expect(cache.count == 3)
        cache.insert("k3", hash: 3, digest: digest("k3"))
        #expect(cache.count == 1)
        #expect(cache.digest(of: "k3", hash: 3) == digest("k3"))
    }
}
