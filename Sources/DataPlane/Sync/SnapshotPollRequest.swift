import Shared

/// One `GET /_tollgate/v1/snapshot` long-poll, as the state machine decided it.
///
/// `after` is the revision the node last received (nil: none yet) and `epoch` the control-plane
/// database epoch it belongs to (`after` always goes with `epoch=`, empty when the snapshot predates
/// epochs: the control plane then sends a full snapshot, while one older than epochs ignores the
/// parameter and compares revisions as it always did), `waitSeconds` how
/// long the control plane may hold the poll, `applied` the revision the node serves, `error` why the
/// last snapshot it received was refused, `maximumSnapshotBytes` the largest body it takes (`limit`:
/// the control plane answers 413 instead of sending more), `gossip` its gossip `HOST:PORT`. Pure
/// value; `target` renders it with the names of `SnapshotPollContract`.
package struct SnapshotPollRequest: Sendable, Equatable {
    package static let path = SnapshotPollContract.snapshotPath

    package var after: Int64?
    package var epoch: String?
    package var waitSeconds: Int
    package var nodeId: String
    package var applied: Int64?
    package var error: String?
    package var gossipAddress: String?
    package var maximumSnapshotBytes: Int?

    package init(after: Int64?, epoch: String? = nil, waitSeconds: Int, nodeId: String, applied: Int64?, error: String?,
                 gossipAddress: String?, maximumSnapshotBytes: Int? = nil) {
        self.after = after
        self.epoch = epoch
        self.maximumSnapshotBytes = maximumSnapshotBytes
        self.waitSeconds = waitSeconds
        self.nodeId = nodeId
        self.applied = applied
        self.error = error
        self.gossipAddress = gossipAddress
    }

    /// The origin-form request target under `basePath` (no trailing slash), values percent-encoded.
    package func target(basePath: String = "") -> String {
        typealias Query = SnapshotPollContract.Query
        var pairs: [(String, String)] = []
        if let after {
            pairs.append((Query.after, String(after)))
            pairs.append((Query.epoch, epoch ?? ""))
        }
        pairs.append((Query.wait, String(waitSeconds)))
        pairs.append((Query.node, nodeId))
        if let applied { pairs.append((Query.applied, String(applied))) }
        if let maximumSnapshotBytes { pairs.append((Query.limit, String(maximumSnapshotBytes))) }
        if let error { pairs.append((Query.error, String(error.prefix(SnapshotPollContract.maximumErrorLength)))) }
        if let gossipAddress { pairs.append((Query.gossip, gossipAddress)) }
        return basePath + Self.path + "?" + pairs.map { "\($0.0)=\(PercentEncoding.encode($0.1, keeping: .unreserved))" }.joined(separator: "&")
    }
}
