import Foundation
import Shared

/// The query of one `GET /_tollgate/v1/snapshot` poll, parsed.
///
/// `after` is the revision the node has (absent → it has none) and `epoch` the database epoch that
/// revision belongs to (empty → the node's snapshot predates epochs, so it is sent a full one;
/// absent → the node predates epochs and revisions are compared alone), `wait` the longest hold
/// in seconds (capped at 60), `node` its id, `applied`/`error` what it did with the last snapshot it
/// was sent, `limit` the largest snapshot body it accepts (bytes; absent → no limit stated),
/// `gossip` its gossip `HOST:PORT`.
/// Names and bounds come from `SnapshotPollContract`, the file the node's `SnapshotPollRequest` uses too.
struct SnapshotPoll: Equatable, Sendable {
    static let maximumWaitSeconds = Double(SnapshotPollContract.maximumWaitSeconds)

    var after: Int64?
    var epoch: String?
    var waitSeconds: Double
    var nodeId: String?
    var appliedRevision: Int64?
    var error: String?
    var gossipAddress: String?
    var maximumSnapshotBytes: Int?

    /// Parses the raw query string; nil for a malformed value.
    init?(query: Substring?) {
        typealias Query = SnapshotPollContract.Query
        after = nil
        waitSeconds = 0
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0]
            let value = parts.count > 1 ? (PercentDecoding.decodeStrictly(parts[1], plusAsSpace: true) ?? "") : ""
            switch name {
            case Query.after:
                guard let revision = Int64(value) else { return nil }
                after = revision
            case Query.epoch:
                epoch = value
            case Query.limit:
                guard let bytes = Int(value), bytes > 0 else { return nil }
                maximumSnapshotBytes = bytes
            case Query.wait:
                guard let seconds = Double(value), seconds >= 0, seconds.isFinite else { return nil }
                waitSeconds = min(seconds, Self.maximumWaitSeconds)
            case Query.node:
                nodeId = value.isEmpty ? nil : value
            case Query.applied:
                guard let revision = Int64(value) else { return nil }
                appliedRevision = revision
            case Query.error:
                error = value.isEmpty ? nil : String(value.prefix(SnapshotPollContract.maximumErrorLength))
            case Query.gossip:
                gossipAddress = value.isEmpty ? nil : value
            default:
                continue
            }
        }
    }
}
