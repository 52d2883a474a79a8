import Shared
import Synchronization

/// The SHA-256 of API key values that matched a key, so a request presenting a known key does not
/// hash it again (hashing is most of the API key check's cost).
///
/// Entries are found by the value's per-process seeded hash (`Hasher`), and the stored value is
/// then compared with the presented one in constant time: a lookup's timing does not reveal how
/// much of a guess matches a known key. Only values that matched a key of some snapshot are added,
/// so guesses cannot fill it; it holds at most `capacity` entries and starts over when full. A key
/// that is later deleted or disabled stays cached harmlessly: the cache maps values to digests,
/// and whether a digest is admitted is decided by the snapshot's `LimitsIndex` every time.
/// Thread-safe (one short lock section per lookup); shared by every snapshot's `ApiKeyFilter`.
final class ApiKeyDigestCache: Sendable {
    private struct Entry: Sendable {
        let value: String
        let digest: LimitsIndex.KeyDigest
    }

    let capacity: Int
    private let entries = Mutex<[Int: Entry]>([:])

    init(capacity: Int = 65_536) {
        self.capacity = max(1, capacity)
    }

    /// The digest of `value` if cached; `hash` is `value.hashValue`.
    func digest(of value: String, hash: Int) -> LimitsIndex.KeyDigest? {
        guard let entry = entries.withLock({ $0[hash] }), ConstantTime.equals(entry.value, value) else { return nil }
        return entry.digest
    }

    /// Remembers that `value` (whose `hashValue` is `hash`) hashes to `digest`.
    func insert(_ value: String, hash: Int, digest: LimitsIndex.KeyDigest) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[hash] == nil { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(value: value, digest: digest)
        }
    }

    /// Number of values cached.
    var count: Int { entries.withLock { $0.count } }
}
