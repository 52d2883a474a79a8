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

    private struct Entry {
        var key: String
        var response: HTTPResponse
        var bytes: Int
        var expires: UInt64
        var newer: Int
        var older: Int
    }

    private struct Storage {
        var index: [String: Int] = [:]
        var entries: [Entry] = []
        /// Slots of removed entries, reused before the array grows.
        var free: [Int] = []
        var bytes = 0
        var newest = -1
        var oldest = -1
    }

    private let storage = Mutex(Storage())
    package let capacityBytes: Int
    private let clock: @Sendable () -> UInt64
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    package init(capacityBytes: Int, clock: @escaping @Sendable () -> UInt64) {
        precondition(capacityBytes > 0, "a stage cache holds at least one byte")
        self.capacityBytes = capacityBytes
        self.clock = clock
    }

    /// The response stored under `key` if it has not expired (marked most recently used); counts a hit or a miss.
    package func response(for key: String) -> HTTPResponse? {
        let now = clock()
        let found = storage.withLock { storage -> HTTPResponse? in
            guard let slot = storage.index[key] else { return nil }
            guard storage.entries[slot].expires > now else {
                Self.remove(slot, in: &storage)
                return nil
            }
            Self.touch(slot, in: &storage)
            return storage.entries[slot].response
        }
        if found == nil { missCount.add(1, ordering: .relaxed) } else { hitCount.add(1, ordering: .relaxed) }
        return found
    }

    /// Stores `response` under `key` for `ttlSeconds` (> 0), evicting least recently used entries
    /// until it fits; does nothing for an entry over `maximumEntryBytes` or the whole capacity.
    package func store(_ response: HTTPResponse, for key: String, ttlSeconds: Int) {
        let bytes = Self.cost(of: response, key: key)
        guard ttlSeconds > 0, bytes <= Self.maximumEntryBytes, bytes <= capacityBytes else { return }
        let expires = clock() &+ UInt64(ttlSeconds) &* 1_000_000_000
        storage.withLock { storage in
            if let slot = storage.index[key] { Self.remove(slot, in: &storage) }
            while storage.bytes + bytes > capacityBytes, storage.oldest >= 0 {
                Self.remove(storage.oldest, in: &storage)
            }
            let entry = Entry(key: key, response: response, bytes: bytes, expires: expires, newer: -1, older: -1)
            let slot: Int
            if let reused = storage.free.popLast() {
                slot = reused
                storage.entries[slot] = entry
            } else {
                slot = storage.entries.count
                storage.entries.append(entry)
            }
            storage.index[key] = slot
            storage.bytes += bytes
            Self.linkNewest(slot, in: &storage)
        }
    }

    /// Drops the entry under `key`, if any (an authorised `Cache-Control: max-age=0`).
    package func invalidate(_ key: String) {
        storage.withLock { storage in
            if let slot = storage.index[key] { Self.remove(slot, in: &storage) }
        }
    }

    /// Entries held (expired ones not yet looked up included).
    package var count: Int { storage.withLock { $0.index.count } }
    /// Bytes held, by `cost(of:key:)`.
    package var bytes: Int { storage.withLock { $0.bytes } }
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

    // MARK: - The recency list

    private static func remove(_ slot: Int, in storage: inout Storage) {
        unlink(slot, in: &storage)
        storage.index[storage.entries[slot].key] = nil
        storage.bytes -= storage.entries[slot].bytes
        storage.entries[slot].response = HTTPResponse(status: 0)
        storage.entries[slot].key = ""
        storage.free.append(slot)
    }

    private static func touch(_ slot: Int, in storage: inout Storage) {
        guard storage.newest != slot else { return }
        unlink(slot, in: &storage)
        linkNewest(slot, in: &storage)
    }

    private static func unlink(_ slot: Int, in storage: inout Storage) {
        let (newer, older) = (storage.entries[slot].newer, storage.entries[slot].older)
        if newer >= 0 { storage.entries[newer].older = older } else { storage.newest = older }
        if older >= 0 { storage.entries[older].newer = newer } else { storage.oldest = newer }
        storage.entries[slot].newer = -1
        storage.entries[slot].older = -1
    }

    private static func linkNewest(_ slot: Int, in storage: inout Storage) {
        storage.entries[slot].older = storage.newest
        storage.entries[slot].newer = -1
        if storage.newest >= 0 { storage.entries[storage.newest].newer = slot }
        storage.newest = slot
        if storage.oldest < 0 { storage.oldest = slot }
    }
}
