/// The wire contract between data-plane nodes and the control plane: the snapshot long-poll's
/// path, query names and headers, and the internal endpoints the CLI reads (`tollgate nodes`,
/// `audit`, `rollback`).
///
/// Both planes name these only through this type — the node when it builds a poll
/// (`SnapshotPollRequest`, `HTTPSnapshotSource`), the control plane when it parses and answers one
/// (`SnapshotPoll`, `ControlPlaneHandler`, `AdminAPI+Internal`), the CLI when it asks for nodes and
/// revisions — so a rename on one side cannot silently leave the other behind.
///
/// A poll is `GET /_tollgate/v1/snapshot?after=R&epoch=E&wait=S&node=ID&applied=R&limit=B&error=TEXT&gossip=HOST:PORT`
/// with `Authorization: Bearer <cluster secret>`; the answer names the revision and epoch in
/// `X-Tollgate-Revision` / `X-Tollgate-Epoch` (200, 304, 413) and, on a 413, the body's size in
/// `X-Tollgate-Snapshot-Bytes`. Query values are percent-encoded (RFC 3986 unreserved bytes as they are).
package enum SnapshotPollContract {
    // MARK: - Paths

    /// The long-poll for the current snapshot (cluster secret, not SigV4).
    package static let snapshotPath = "/_tollgate/v1/snapshot"
    /// The first path segment of every Tollgate-own endpoint (`/_tollgate/…`), as the admin API splits paths.
    package static let internalSegment = "_tollgate"
    /// The version segment after it.
    package static let versionSegment = "v1"
    /// `GET`: `{"items": [NodeStatus]}` — nodes not yet dropped, live or silent (SigV4 admin credentials).
    package static let nodesPath = "/_tollgate/v1/nodes"
    /// `GET`: `{"revision": N, "epoch": "…"}` — the store's revision and the epoch that qualifies it.
    package static let revisionPath = "/_tollgate/v1/revision"
    /// `GET ?since=EPOCH&limit=N`: `{"items": [AuditEntry]}`.
    package static let auditPath = "/_tollgate/v1/audit"
    /// The last segment of `/_tollgate/v1/stages/{restApiId}/{stageName}/history`.
    package static let historySegment = "history"
    /// The segment before the API id in the stage-history path.
    package static let stagesSegment = "stages"

    /// The segments of one of these paths (`["_tollgate", "v1", "nodes"]`), to compare with a decoded
    /// request path segment by segment (so an encoded `%2F` inside a segment never matches).
    package static func segments(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// `GET`: `{"items": [StageHistoryEntry]}` of one stage (the caller percent-encodes the ids if needed).
    package static func stageHistoryPath(restApiId: String, stageName: String) -> String {
        "/\(internalSegment)/\(versionSegment)/\(stagesSegment)/\(restApiId)/\(stageName)/\(historySegment)"
    }

    /// The `(restApiId, stageName)` of a decoded stage-history path (`segments` after `_tollgate`), or nil.
    package static func stageHistory(segments: some Collection<String>) -> (restApiId: String, stageName: String)? {
        let parts = Array(segments)
        guard parts.count == 5, parts[0] == versionSegment, parts[1] == stagesSegment, parts[4] == historySegment else { return nil }
        return (parts[2], parts[3])
    }

    // MARK: - Snapshot poll query

    /// Query parameter names of a snapshot poll.
    package enum Query {
        /// The revision the node has (absent: none yet).
        package static let after = "after"
        /// The database epoch `after` belongs to; sent with every `after` (empty when the node's snapshot has none).
        package static let epoch = "epoch"
        /// The longest the control plane may hold the poll, in seconds (capped at `maximumWaitSeconds`).
        package static let wait = "wait"
        /// The node's id.
        package static let node = "node"
        /// The revision the node serves.
        package static let applied = "applied"
        /// Why the node refused the last snapshot it received (at most `maximumErrorLength` characters).
        package static let error = "error"
        /// The node's gossip `HOST:PORT`.
        package static let gossip = "gossip"
        /// The largest snapshot body the node accepts, in bytes (over it the control plane answers 413).
        package static let limit = "limit"
    }

    /// Query parameter names of `auditPath`.
    package enum AuditQuery {
        /// Rows at or after this time, epoch seconds.
        package static let since = "since"
        /// Rows whose `seq` is greater than this (the cursor of `tollgate audit --follow`).
        package static let after = "after"
        /// At most this many rows.
        package static let limit = "limit"
    }

    /// The longest hold a poll may ask for, in seconds; longer `wait` values are capped to it.
    package static let maximumWaitSeconds = 60
    /// The longest `error` text kept, in characters; the node truncates before sending, the control plane on receipt.
    package static let maximumErrorLength = 1000

    // MARK: - Answer headers

    /// Response headers of a snapshot poll.
    package enum Header {
        /// The revision of the snapshot sent (200) or held (304, 413).
        package static let revision = "X-Tollgate-Revision"
        /// The epoch that revision belongs to.
        package static let epoch = "X-Tollgate-Epoch"
        /// On a 413: the size of the snapshot body the node refused by its `limit`.
        package static let snapshotBytes = "X-Tollgate-Snapshot-Bytes"
    }
}
