import Synchronization
import Shared

/// One stage's response cache on one node: least recently used first out, bounded in **bytes**
/// (`CompiledStageCache.capacityBytes`: bodies, header text and keys), each entry valid until its
/// own deadline (`caching/ttlInSeconds` after it was stored).
///
/// Shared by every event loop behind one `Mutex` (a hit is one dictionary lookup and two index
/// writes under the lock, and hands back the stored response: its body array is shared, not
/// copied). Times are monotonic nanoseconds from the injected clock. Hit and miss counts are
/// atomics read by the node's metrics.
package final class StageCacheStore: Sendable {
    /// AWS's largest cacheable response (reference §3 limits): larger ones are served, never stored.
    package static let maximumEntryBytes = 1_048_576
    /// What an entry costs beyond its key, header and body bytes (the slot, list links, array headers).
    static let entryOverheadBytes = 96

    private let storage: Mutex<ExpiringLRU<HTTPResponse>>
    package let capacityBytes: Int
    private let clock: @Sendable () -> UInt64
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    package init(capacityBytes: Int, clock: @escaping @Sendable () -> UInt64) {
        precondition(capacityBytes > 0, "a stage cache holds at least one byte")
        self.capacityBytes = capacityBytes
        storage = Mutex(ExpiringLRU(capacity: capacityBytes))
        self.clock = clock
    }

    /// The response stored under `key` if it has not expired (marked most recently used); counts a hit or a miss.
    package func response(for key: String) -> HTTPResponse? {
        let now = clock()
        let found = storage.withLock { $0.value(for: key, now: now) }
        if found == nil { missCount.add(1, ordering: .relaxed) } else { hitCount.add(1, ordering: .relaxed) }
        return found
    }

    /// Stores `response` under `key` for `ttlSeconds` (> 0), evicting least recently used entries
    /// until it fits; does nothing for an entry over `maximumEntryBytes` or the whole capacity.
    package func store(_ response: HTTPResponse, for key: String, ttlSeconds: Int) {
        let bytes = Self.cost(of: response, key: key)
        guard ttlSeconds > 0, bytes <= Self.maximumEntryBytes, bytes <= capacityBytes else { return }
        let expires = clock() &+ UInt64(ttlSeconds) &* 1_000_000_000
        storage.withLock { $0.store(response, for: key, cost: bytes, expires: expires) }
    }

    /// Drops the entry under `key`, if any (an authorised `Cache-Control: max-age=0`).
    package func invalidate(_ key: String) {
        storage.withLock { $0.remove(key) }
    }

    /// Entries held (expired ones not yet looked up included).
    package var count: Int { storage.withLock { $0.count } }
    /// Bytes held, by `cost(of:key:)`.
    package var bytes: Int { storage.withLock { $0.cost } }
    /// `CacheHitCount` since the store was made.
    package var hits: Int { hitCount.load(ordering: .relaxed) }
    /// `CacheMissCount` since the store was made.
    package var misses: Int { missCount.load(ordering: .relaxed) }

    /// What an entry counts against the bound.
    static func cost(of response: HTTPResponse, key: String) -> Int {
        var bytes = entryOverheadBytes + key.utf8.count + response.body.count
        for header in response.headers { bytes += header.name.utf8.count + header.value.utf8.count + 4 }
        return bytes
    }
}
