/// The query of one `GET /_tollgate/v1/snapshot` poll, parsed.
///
/// `after` is the revision the node has (absent → it has none) and `epoch` the database epoch that
/// revision belongs to (empty → the node's snapshot predates epochs, so it is sent a full one;
/// absent → the node predates epochs and revisions are compared alone), `wait` the longest hold
/// in seconds (capped at 60), `node` its id, `applied`/`error` what it did with the last snapshot it
/// was sent, `limit` the largest snapshot body it accepts (bytes; absent → no limit stated),
/// `gossip` its gossip `HOST:PORT`.
struct SnapshotPoll: Equatable, Sendable {
    static let maximumWaitSeconds = 60.0

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
        after = nil
        waitSeconds = 0
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0]
            let value = parts.count > 1 ? (PercentDecoding.decodeStrictly(parts[1], plusAsSpace: true) ?? "") : ""
            switch name {
            case "after":
                guard let revision = Int64(value) else { return nil }
                after = revision
            case "epoch":
                epoch = value
            case "limit":
                guard let bytes = Int(value), bytes > 0 else { return nil }
                maximumSnapshotBytes = bytes
            case "wait":
                guard let seconds = Double(value), seconds >= 0, seconds.isFinite else { return nil }
                waitSeconds = min(seconds, Self.maximumWaitSeconds)
            case "node":
                nodeId = value.isEmpty ? nil : value
            case "applied":
                guard let revision = Int64(value) else { return nil }
                appliedRevision = revision
            case "error":
                error = value.isEmpty ? nil : String(value.prefix(1000))
            case "gossip":
                gossipAddress = value.isEmpty ? nil : value
            default:
                continue
            }
        }
    }
}

import Foundation
import Shared
