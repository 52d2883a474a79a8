/// A grow-only map of monotone counters: each key's value only rises, and merge takes the per-key
/// maximum. The join of a semilattice, so merge is commutative, associative and idempotent, which
/// is what lets gossip lose, repeat and reorder messages freely.
///
/// Mutators and `merge` return the *delta* (a `MaxMap` holding only the entries that grew), ready
/// to be joined into a delta buffer and shipped. Missing keys read as 0.
package struct MaxMap<Key: Hashable & Sendable>: Sendable, Equatable {
    package private(set) var entries: [Key: UInt64] = [:]

    package init() {}

    package init(_ entries: [Key: UInt64]) {
        self.entries = entries.filter { $0.value > 0 }
    }

    package subscript(key: Key) -> UInt64 { entries[key] ?? 0 }

    package var isEmpty: Bool { entries.isEmpty }
    package var count: Int { entries.count }

    /// Raises `key` to at least `value`; returns the delta (empty when nothing grew).
    @discardableResult
    package mutating func raise(_ key: Key, to value: UInt64) -> MaxMap {
        guard value > self[key] else { return MaxMap() }
        entries[key] = value
        var delta = MaxMap()
        delta.entries[key] = value
        return delta
    }

    /// Raises `key` to at least `value` without building a delta (hot paths that track their own).
    /// One hash lookup: the entry is raised in place.
    package mutating func raiseQuietly(_ key: Key, to value: UInt64) {
        guard value > 0 else { return }  // a missing key already reads as 0; never store a 0
        Self.raise(&entries[key, default: 0], to: value)
    }

    /// Adds one to `key` (saturating) in place; returns the new value. One hash lookup.
    package mutating func increment(_ key: Key) -> UInt64 {
        Self.increment(&entries[key, default: 0])
    }

    private static func raise(_ entry: inout UInt64, to value: UInt64) {
        entry = max(entry, value)
    }

    private static func increment(_ entry: inout UInt64) -> UInt64 {
        entry = saturatingAdd(entry, 1)
        return entry
    }

    /// Joins `other` into this map; returns the entries that grew.
    @discardableResult
    package mutating func merge(_ other: MaxMap) -> MaxMap {
        var delta = MaxMap()
        for (key, value) in other.entries where value > self[key] {
            entries[key] = value
            delta.entries[key] = value
        }
        return delta
    }

    /// Sum of all values, saturating at `UInt64.max`.
    package var sum: UInt64 {
        entries.values.reduce(UInt64(0)) { Self.saturatingAdd($0, $1) }
    }

    static func saturatingAdd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : result
    }
}
