/// A data-plane node as the control plane last heard from it (one row per node id).
package struct NodeRecord: Codable, Sendable, Equatable {
    /// A node that has not polled for this long (seconds) leaves the peer list snapshots carry.
    package static let listingWindowSeconds: Int64 = 300

    package var nodeId: String
    /// `HOST:PORT` of its gossip socket, if it reported one.
    package var gossipAddress: String?
    /// Epoch seconds of its last snapshot poll.
    package var lastSeen: Int64
    /// The revision it reported as applied.
    package var appliedRevision: Int64?
    /// Why it rejected the last snapshot it was sent, if it did.
    package var lastError: String?

    package init(nodeId: String, gossipAddress: String?, lastSeen: Int64, appliedRevision: Int64?, lastError: String?) {
        self.nodeId = nodeId
        self.gossipAddress = gossipAddress
        self.lastSeen = lastSeen
        self.appliedRevision = appliedRevision
        self.lastError = lastError
    }
}
