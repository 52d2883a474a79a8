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
