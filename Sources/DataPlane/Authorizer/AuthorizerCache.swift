import Synchronization

/// A node's cache of authorizer results: bounded in entries (least recently used goes first),
/// each entry valid until its own deadline (`authorizerResultTtlInSeconds` after it was stored).
///
/// Shared by every event loop behind one `Mutex` (a lookup is a dictionary hit and two index
/// writes under the lock; nothing is allocated on a hit). Keys are built by `AuthorizerCacheKey`
/// (stage, flush generation, authorizer, identity values), so a flushed stage or a redeployed
/// authorizer simply misses and its old entries age out. Times are monotonic nanoseconds from the
/// injected clock.
package final class AuthorizerCache<Value: Sendable>: Sendable {
    /// Every entry costs one, so the capacity is a count of entries.
    private let storage: Mutex<ExpiringLRU<Value>>
    /// Most entries kept.
    package let capacity: Int
    private let clock: @Sendable () -> UInt64

    package init(capacity: Int = 4096, clock: @escaping @Sendable () -> UInt64) {
        precondition(capacity > 0, "an authorizer cache holds at least one entry")
        self.capacity = capacity
        storage = Mutex(ExpiringLRU(capacity: capacity))
        self.clock = clock
    }

    /// The value stored under `key` if it has not expired (and marks it most recently used; an
    /// expired entry is dropped).
    package func value(for key: String) -> Value? {
        let now = clock()
        return storage.withLock { $0.value(for: key, now: now) }
    }

    /// Keys longer than this are not cached (long identity values would make the cache's memory
    /// depend on what clients send; with `capacity`, the keys take at most `capacity × 4 KiB`).
    package static var maximumKeyBytes: Int { 4096 }

    /// Stores `value` under `key` for `ttlSeconds` (> 0), evicting the least recently used entry
    /// when full; does nothing for a key over `maximumKeyBytes`.
    package func store(_ value: Value, for key: String, ttlSeconds: Int) {
        guard key.utf8.count <= Self.maximumKeyBytes, ttlSeconds > 0 else { return }
        let expires = clock() &+ UInt64(ttlSeconds) &* 1_000_000_000
        storage.withLock { $0.store(value, for: key, cost: 1, expires: expires) }
    }

    /// Entries held, expired ones included (tests, the debug page).
    package var count: Int { storage.withLock { $0.count } }
}

/// The cache key of one authorization: the stage (API id, stage name, its flush generation), the
/// authorizer, and every identity-source value in order, each length-prefixed so no two lists of
/// values share a key.
package enum AuthorizerCacheKey {
    package static func make(restApiId: String, stage: String, generation: Int, authorizerId: String, values: [String]) -> String {
        make(prefix: prefix(restApiId: restApiId, stage: stage, generation: generation, authorizerId: authorizerId), values: values)
    }

    /// The part of the key that names the stage and the authorizer (a filter builds it once per route).
    package static func prefix(restApiId: String, stage: String, generation: Int, authorizerId: String) -> String {
        "\(restApiId.utf8.count):\(restApiId)\(stage.utf8.count):\(stage)\(generation):\(authorizerId.utf8.count):\(authorizerId)"
    }

    /// `prefix` followed by every value, length-prefixed.
    package static func make(prefix: String, values: [String]) -> String {
        var key = prefix
        key.reserveCapacity(prefix.utf8.count + values.reduce(0) { $0 + $1.utf8.count + 6 })
        for value in values {
            key += String(value.utf8.count)
            key += ":"
            key += value
        }
        return key
    }
}
