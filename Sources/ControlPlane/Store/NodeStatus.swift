/// A data-plane node as `GET /_tollgate/v1/nodes` (and so `tollgate nodes`) reports it: the row
/// the control plane keeps, plus whether the node is live, judged by the control plane's clock so
/// an operator's skewed clock cannot make a node look dead.
package struct NodeStatus: Codable, Sendable, Equatable {
    /// `live`: polled within `NodeRecord.liveWindowSeconds`; `silent`: not since (and dropped once
    /// silent for `NodeRecord.listingWindowSeconds`).
    package enum State: String, Codable, Sendable {
        case live
        case silent
    }

    package var nodeId: String
    package var gossipAddress: String?
    /// Epoch seconds of its last snapshot poll.
    package var lastSeen: Int64
    package var appliedRevision: Int64?
    /// Why it refused the last snapshot it was sent (did not decode or compile, or was over its
    /// size limit); nil once it applies one.
    package var lastError: String?
    package var status: State
    /// Seconds since its last poll, as of the answer.
    package var silentSeconds: Int64

    package init(_ record: NodeRecord, now: Int64) {
        nodeId = record.nodeId
        gossipAddress = record.gossipAddress
        lastSeen = record.lastSeen
        appliedRevision = record.appliedRevision
        lastError = record.lastError
        silentSeconds = max(0, now - record.lastSeen)
        status = silentSeconds <= NodeRecord.liveWindowSeconds ? .live : .silent
    }
}
