/// Values by key, each with its own deadline and cost, least recently used first out: the
/// storage of the node's bounded caches (`StageCacheStore`, bounded in bytes; `AuthorizerCache`,
/// bounded in entries, every entry costing one).
///
/// A value type without locking: its owner keeps it behind its own lock. Entries live in one
/// array linked into a recency list by index (no node objects); removed slots are reused before
/// the array grows, so after warm-up a store allocates only the key and value it keeps. Times are
/// monotonic nanoseconds the caller passes in.
struct ExpiringLRU<Value> {
    private struct Entry {
        var key: String
        var value: Value?
        var cost: Int
        var expires: UInt64
        var newer: Int
        var older: Int
    }

    /// The most the entries may cost together.
    let capacity: Int
    private var index: [String: Int] = [:]
    private var entries: [Entry] = []
    /// Slots of removed entries, reused before the array grows.
    private var free: [Int] = []
    /// Most and least recently used entry (-1 when empty).
    private var newest = -1
    private var oldest = -1
    /// What the entries held cost together (never above `capacity`).
    private(set) var cost = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one entry")
        self.capacity = capacity
    }

    /// Entries held (expired ones not yet looked up included).
    var count: Int { index.count }

    /// The value under `key` if it has not expired at `now`, marked most recently used; an
    /// expired entry is removed.
    mutating func value(for key: String, now: UInt64) -> Value? {
        guard let slot = index[key] else { return nil }
        guard entries[slot].expires > now else {
            remove(slot)
            return nil
        }
        touch(slot)
        return entries[slot].value
    }

    /// Stores `value` under `key` until `expires`, replacing what the key held and evicting the
    /// least recently used entries until `cost` fits; does nothing when `cost` alone is over the capacity.
    mutating func store(_ value: Value, for key: String, cost: Int, expires: UInt64) {
        guard cost <= capacity else { return }
        if let slot = index[key] { remove(slot) }
        while self.cost + cost > capacity, oldest >= 0 { remove(oldest) }
        let entry = Entry(key: key, value: value, cost: cost, expires: expires, newer: -1, older: -1)
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            entries[slot] = entry
        } else {
            slot = entries.count
            entries.append(entry)
        }
        index[key] = slot
        self.cost += cost
        linkNewest(slot)
    }

    /// Drops the entry under `key`, if any.
    mutating func remove(_ key: String) {
        if let slot = index[key] { remove(slot) }
    }

    // MARK: - The recency list

    private mutating func remove(_ slot: Int) {
        unlink(slot)
        index[entries[slot].key] = nil
        cost -= entries[slot].cost
        entries[slot].value = nil
        entries[slot].key = ""
        free.append(slot)
    }

    private mutating func touch(_ slot: Int) {
        guard newest != slot else { return }
        unlink(slot)
        linkNewest(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (entries[slot].newer, entries[slot].older)
        if newer >= 0 { entries[newer].older = older } else { newest = older }
        if older >= 0 { entries[older].newer = newer } else { oldest = newer }
        entries[slot].newer = -1
        entries[slot].older = -1
    }

    private mutating func linkNewest(_ slot: Int) {
        entries[slot].older = newest
        entries[slot].newer = -1
        if newest >= 0 { entries[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
