/// A data-plane node's name as the snapshot lists it (`SnapshotNode.nodeId`).
///
/// Node ids identify members for demand splitting. They are distinct from `ReplicaID`, which names
/// one *process lifetime* of a node in the quota CRDTs.
package struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let rawValue: String

    package init(_ rawValue: String) { self.rawValue = rawValue }

    package static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String { rawValue }
}

/// One writer in the quota CRDTs: a node for the lifetime of one process, or the control plane.
///
/// A node must pick a fresh random `ReplicaID` every time it starts and never reuse one. Its CRDT
/// entries are then written by exactly one process, so a restart can never forget its own writes
/// and re-spend quota rights it had already used (see `BoundedCounter`).
package struct ReplicaID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let rawValue: UInt64

    package init(_ rawValue: UInt64) { self.rawValue = rawValue }

    package static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String {
        let hex = String(rawValue, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
