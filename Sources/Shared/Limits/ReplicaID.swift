/// One writer in the quota CRDTs: a node for the lifetime of one process, or the control plane.
///
/// A node must pick a fresh random `ReplicaID` every time it starts and never reuse one. Its CRDT
/// entries are then written by exactly one process, so a restart can never forget its own writes
/// and re-spend quota rights it had already used (see `QuotaCounter`).
package struct ReplicaID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let rawValue: UInt64

    package init(_ rawValue: UInt64) { self.rawValue = rawValue }

    package static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String {
        let hex = String(rawValue, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
