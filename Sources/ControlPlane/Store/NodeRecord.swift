/// A data-plane node as the control plane last heard from it (one row per node id).
package struct NodeRecord: Codable, Sendable, Equatable {
    /// A node that has not polled for this long (seconds) is dropped: it leaves the peer list
    /// snapshots carry and the node table `tollgate nodes` shows (it rejoins on its next poll).
    package static let listingWindowSeconds: Int64 = 300
    /// A node is *live* while its last poll is at most this old (seconds), else *silent*. A healthy
    /// node is always in a poll: the longest hold the control plane grants is 60 s plus 10 % jitter,
    /// and a node backs off at most 2 s between failed polls, so 75 s leaves margin for both.
    package static let liveWindowSeconds: Int64 = 75

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
