/// A delta-state grow-only counter (G-Counter) keyed by replica.
///
/// Each replica increments only its own entry; merge is the per-replica maximum; the value is the
/// sum. `increment` and `merge` return delta-states (a `GCounter` with just the entries that grew)
/// that the caller joins into a buffer and ships; a delta merges exactly like a full state, so
/// deltas and full states can be mixed, lost, repeated and reordered.
package struct GCounter: Sendable, Equatable {
    package private(set) var counts = MaxMap<ReplicaID>()

    package init() {}

    package init(_ counts: [ReplicaID: UInt64]) {
        self.counts = MaxMap(counts)
    }

    /// Sum of all replicas' counts (saturating).
    package var value: UInt64 { counts.sum }

    package func count(of replica: ReplicaID) -> UInt64 { counts[replica] }

    package var isEmpty: Bool { counts.isEmpty }

    /// Adds `amount` to `replica`'s own entry (call only as that replica); returns the delta.
    @discardableResult
    package mutating func increment(_ replica: ReplicaID, by amount: UInt64 = 1) -> GCounter {
        var delta = GCounter()
        delta.counts = counts.raise(replica, to: MaxMap<ReplicaID>.saturatingAdd(counts[replica], amount))
        return delta
    }

    /// Adds one to `replica`'s own entry without building a delta; returns the new count.
    package mutating func bump(_ replica: ReplicaID) -> UInt64 {
        counts.increment(replica)
    }

    /// Raises `replica`'s entry to at least `value` without building a delta.
    package mutating func raiseQuietly(_ replica: ReplicaID, to value: UInt64) {
        counts.raiseQuietly(replica, to: value)
    }

    /// Joins `other`; returns the entries that grew.
    @discardableResult
    package mutating func merge(_ other: GCounter) -> GCounter {
        var delta = GCounter()
        delta.counts = counts.merge(other.counts)
        return delta
    }
}
