/// Every quota counter this replica knows, each with its delta buffer, keyed by
/// (plan, key, period, period start).
///
/// Local mutations and remote merges both join their delta into the counter's buffer, so changes
/// learnt from one peer are forwarded to others (transitive delta propagation) until everyone has
/// them; a merge that teaches nothing buffers nothing, which stops the spread. Counters expire
/// `retentionSeconds` after their period ends, and remote state for an expired counter is dropped
/// instead of resurrecting it. Not thread-safe; `LimitsEngine` guards it.
package struct QuotaCounterStore: Sendable {
    /// One counter with its unshipped delta.
    private struct Entry: Sendable {
        var counter = QuotaCounter()
        var pending = QuotaCounter()
        /// Monotonic time this replica last admitted a request against the counter.
        var lastLocalUseNanos: UInt64?
    }

    /// How long after its period ends a counter is kept (default two days, for GetUsage).
    package let retentionSeconds: Int64
    private var entries: [QuotaCounterKey: Entry] = [:]
    private var dirty: Set<QuotaCounterKey> = []

    package init(retentionSeconds: Int64 = 2 * QuotaPeriod.daySeconds) {
        self.retentionSeconds = max(0, retentionSeconds)
    }

    package var count: Int { entries.count }
    package var keys: [QuotaCounterKey] { entries.keys.sorted() }

    /// The counter for `key` (empty when unknown).
    package func counter(_ key: QuotaCounterKey) -> QuotaCounter { entries[key]?.counter ?? QuotaCounter() }

    package func contains(_ key: QuotaCounterKey) -> Bool { entries[key] != nil }

    /// Whether `key`'s period ended more than the retention ago at `epochSeconds`.
    package func isExpired(_ key: QuotaCounterKey, epochSeconds: Int64) -> Bool {
        key.periodEnd + retentionSeconds <= epochSeconds
    }

    /// Applies a local mutation; its returned delta (if any) is buffered for shipping.
    @discardableResult
    package mutating func update(_ key: QuotaCounterKey,
                                 _ mutate: (inout QuotaCounter) -> QuotaCounter?) -> QuotaCounter? {
        var entry = entries[key] ?? Entry()
        let delta = mutate(&entry.counter)
        if let delta, !delta.isEmpty {
            entry.pending.merge(delta)
            dirty.insert(key)
        }
        entries[key] = entry
        return delta
    }

    /// Notes that this replica admitted a request on `key` at `now` (monotonic ns).
    package mutating func noteLocalUse(_ key: QuotaCounterKey, now: UInt64) {
        entries[key]?.lastLocalUseNanos = now
    }

    /// When this replica last admitted a request on `key`.
    package func lastLocalUse(_ key: QuotaCounterKey) -> UInt64? { entries[key]?.lastLocalUseNanos }

    /// Joins remote state; returns whether anything grew. Expired counters are ignored.
    @discardableResult
    package mutating func merge(_ key: QuotaCounterKey, _ remote: QuotaCounter, epochSeconds: Int64) -> Bool {
        guard !isExpired(key, epochSeconds: epochSeconds), !remote.isEmpty else { return false }
        var entry = entries[key] ?? Entry()
        let delta = entry.counter.merge(remote)
        entries[key] = entry
        guard !delta.isEmpty else { return false }
        entries[key]?.pending.merge(delta)
        dirty.insert(key)
        return true
    }

    /// Removes and returns every buffered delta, sorted by key.
    package mutating func takeDeltas() -> [QuotaCounterSlice] {
        let keys = dirty.sorted()
        dirty.removeAll(keepingCapacity: true)
        return keys.compactMap { key in
            guard let pending = entries[key]?.pending, !pending.isEmpty else { return nil }
            entries[key]?.pending = QuotaCounter()
            return QuotaCounterSlice(key: key, counter: pending)
        }
    }

    /// Up to `limit` full counters in key order after `cursor` (wrapping to the start), and the
    /// cursor to continue from. Used for paged anti-entropy.
    package func fullStatePage(after cursor: QuotaCounterKey?, limit: Int) -> (slices: [QuotaCounterSlice], next: QuotaCounterKey?) {
        let ordered = keys
        guard !ordered.isEmpty, limit > 0 else { return ([], nil) }
        var start = 0
        if let cursor, let index = ordered.firstIndex(where: { $0 > cursor }) { start = index }
        let page = ordered[start..<(start + min(limit, ordered.count - start))]
        let slices = page.map { QuotaCounterSlice(key: $0, counter: entries[$0]!.counter) }
        return (slices, page.last)
    }

    /// Drops counters expired at `epochSeconds`; returns how many were dropped.
    @discardableResult
    package mutating func expire(epochSeconds: Int64) -> Int {
        let before = entries.count
        entries = entries.filter { !isExpired($0.key, epochSeconds: epochSeconds) }
        dirty = dirty.filter { entries[$0] != nil }
        return before - entries.count
    }
}
