import Shared

/// The control plane's identity in the limits gossip, as stored.
package struct QuotaObserverRecord: Sendable, Equatable {
    /// The mint authority's replica id: created once, never changed while the database lives.
    package var replicaID: ReplicaID
    package var nodeId: String
    /// Advertised `HOST:PORT`, nil without `--gossip`.
    package var gossipAddress: String?
    /// The newest UpdateUsage version written (epoch ms, strictly increasing across restarts).
    package var adjustmentVersion: UInt64

    package init(replicaID: ReplicaID, nodeId: String, gossipAddress: String?, adjustmentVersion: UInt64 = 0) {
        self.replicaID = replicaID
        self.nodeId = nodeId
        self.gossipAddress = gossipAddress
        self.adjustmentVersion = adjustmentVersion
    }
}
