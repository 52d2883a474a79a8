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
        /// Whether the key is in `dirty` (spares the set's hashing on every request).
        var queued = false
        /// The replica (this one) whose uses counted here since the last `takeDeltas`: its delta is
        /// its current count, read once at shipping time instead of raised in `pending` per request.
        var usesToShip: ReplicaID?

        mutating func recordUse(by replica: ReplicaID, now: UInt64) {
            _ = counter.bumpUse(by: replica)
            usesToShip = replica
            lastLocalUseNanos = now
        }

        /// Folds the uses counted since the last shipment into `pending`.
        mutating func foldUses() {
            guard let replica = usesToShip else { return }
            pending.raiseUse(of: replica, to: counter.used.count(of: replica))
            usesToShip = nil
        }

        /// Marks the entry queued; true when it was not (the caller adds the key to `dirty`).
        mutating func enqueue() -> Bool {
            defer { queued = true }
            return !queued
        }
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

    /// `body` over every counter, in no order, without sorting or copying the keys: for scrapes,
    /// which walk the store under the quota lock while requests wait on it.
    package func forEachCounter(_ body: (QuotaCounter) -> Void) {
        for entry in entries.values { body(entry.counter) }
    }

    /// The counter for `key` (empty when unknown).
    package func counter(_ key: QuotaCounterKey) -> QuotaCounter { entries[key]?.counter ?? QuotaCounter() }

    package func contains(_ key: QuotaCounterKey) -> Bool { entries[key] != nil }

    /// `key`'s effective limit (from the period's `base` limit) and usage, read without keeping a
    /// copy of the counter alive (a live copy would make the next in-place update copy its maps).
    package func limitAndUsed(_ key: QuotaCounterKey, base: Int) -> (limit: Int, used: UInt64) {
        guard let entry = entries[key] else { return (QuotaCounter().effectiveLimit(base: base), 0) }
        return (entry.counter.effectiveLimit(base: base), entry.counter.value)
    }

    /// Whether `key`'s period ended more than the retention ago at `epochSeconds`.
    package func isExpired(_ key: QuotaCounterKey, epochSeconds: Int64) -> Bool {
        key.periodEnd + retentionSeconds <= epochSeconds
    }

    /// Applies a local mutation; its returned delta (if any) is buffered for shipping.
    @discardableResult
    package mutating func update(_ key: QuotaCounterKey,
                                 _ mutate: (inout QuotaCounter) -> QuotaCounter?) -> QuotaCounter? {
        // Mutated in place: copying the entry out would copy its maps on every request.
        let delta = mutate(&entries[key, default: Entry()].counter)
        if let delta, !delta.isEmpty {
            entries[key, default: Entry()].pending.merge(delta)
            if entries[key, default: Entry()].enqueue() { dirty.insert(key) }
        }
        return delta
    }

    /// Counts one request admitted by `replica` (this one) on `key` at `now` (monotonic ns), without
    /// escrow: `update(key) { $0.recordUse(by:) }` plus `noteLocalUse`, in one lookup and without
    /// building a delta (the hot path of fast mode and of per-day reporting counters).
    package mutating func recordUse(_ key: QuotaCounterKey, by replica: ReplicaID, now: UInt64) {
        let newlyQueued = Self.record(&entries[key, default: Entry()], by: replica, now: now)
        if newlyQueued { dirty.insert(key) }
    }

    /// Fast-mode admission in one lookup: when `key`'s usage is below its effective limit (from
    /// the period's `base`), counts the request as `recordUse` does and returns how many requests
    /// are left after it; nil when the quota is used up (nothing counted).
    package mutating func admitWithoutEscrow(_ key: QuotaCounterKey, base: Int, by replica: ReplicaID, now: UInt64) -> UInt64? {
        let outcome = Self.admit(&entries[key, default: Entry()], base: base, by: replica, now: now)
        if outcome.newlyQueued { dirty.insert(key) }
        return outcome.left
    }

    private static func record(_ entry: inout Entry, by replica: ReplicaID, now: UInt64) -> Bool {
        entry.recordUse(by: replica, now: now)
        return entry.enqueue()
    }

    private static func admit(_ entry: inout Entry, base: Int, by replica: ReplicaID, now: UInt64) -> (left: UInt64?, newlyQueued: Bool) {
        let used = entry.counter.value, limit = UInt64(entry.counter.effectiveLimit(base: base))
        guard used < limit else { return (nil, false) }
        return (limit - used - 1, record(&entry, by: replica, now: now))
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
        let delta = entries[key, default: Entry()].counter.merge(remote)
        guard !delta.isEmpty else { return false }
        entries[key]?.pending.merge(delta)
        if entries[key, default: Entry()].enqueue() { dirty.insert(key) }
        return true
    }

    /// Removes and returns every buffered delta, sorted by key.
    package mutating func takeDeltas() -> [QuotaCounterSlice] {
        let keys = dirty.sorted()
        dirty.removeAll(keepingCapacity: true)
        return keys.compactMap { key in
            entries[key]?.queued = false
            entries[key]?.foldUses()
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
