import Shared

/// Tollgate's own admin endpoints (same SigV4 admin credentials as the AWS API), read by the CLI:
/// - `GET /_tollgate/v1/audit?since=EPOCH&after=SEQ&limit=N` → `{"items": [AuditEntry]}` in `seq` order
///   (`tollgate audit`; `after` is `--follow`'s cursor)
/// - `GET /_tollgate/v1/stages/{restApiId}/{stageName}/history` → `{"items": [StageHistoryEntry]}`
///   (`tollgate rollback` picks the previous deployment from it, then calls UpdateStage)
/// - `GET /_tollgate/v1/nodes` → `{"items": [NodeStatus], "revision": N, "canaries": [StageCanary]}`
///   (`tollgate nodes`): nodes not yet dropped, live or silent, and the canary of every stage that
///   has one as of revision N (read in the same transaction, so a node that applied N serves them)
/// - `GET /_tollgate/v1/revision` → `{"revision": N, "epoch": "…"}` (the epoch qualifies the revision)
extension AdminAPI {
    /// The list envelope of the internal endpoints.
    struct Items<T: Encodable>: Encodable { var items: [T] }
    /// Body of `GET /_tollgate/v1/revision`.
    struct Revision: Encodable { var revision: Int64; var epoch: String }
    /// Body of `GET /_tollgate/v1/nodes`.
    struct Nodes: Encodable { var items: [NodeStatus]; var revision: Int64; var canaries: [StageCanary] }

    /// Upper bound on audit rows per answer; page with `since` (rows are ordered by time).
    static let maximumAuditRows = 10_000

    func handleInternal(method: String, segments: [String], query: [String: [String]], requestId: String) -> HTTPResponse {
        let path = "/" + segments.joined(separator: "/")
        guard method == "GET" else { return errorResponse(.unknownOperation(method: method, path: path), requestId: requestId) }
        do {
            let reply: AdminReply = try store.read { tx in
                typealias Contract = SnapshotPollContract
                if let stage = Contract.stageHistory(segments: segments.dropFirst()) {
                    return try .json(Items(items: tx.stageHistory(restApiId: stage.restApiId, stageName: stage.stageName)))
                }
                switch segments {
                case Contract.segments(Contract.auditPath):
                    let since = try query[Contract.AuditQuery.since]?.first.map { text throws(AdminError) -> Int64 in
                        guard let value = Int64(text) else { throw .badRequest("since must be epoch seconds") }
                        return value
                    } ?? 0
                    let after = try query[Contract.AuditQuery.after]?.first.map { text throws(AdminError) -> Int64 in
                        guard let value = Int64(text) else { throw .badRequest("after must be an audit seq number") }
                        return value
                    } ?? 0
                    let limit = query[Contract.AuditQuery.limit]?.first.flatMap(Int.init).map { min(max($0, 1), Self.maximumAuditRows) } ?? 1000
                    return try .json(Items(items: tx.audit(since: since, after: after, limit: limit)))
                case Contract.segments(Contract.nodesPath):
                    return try .json(Nodes(items: tx.nodeStatuses(now: clock()), revision: tx.revision(), canaries: tx.stageCanaries()))
                case Contract.segments(Contract.revisionPath):
                    return try .json(Revision(revision: tx.revision(), epoch: tx.epoch()))
                default:
                    throw AdminError.unknownOperation(method: method, path: path)
                }
            }
            return response(status: 200, body: reply.body, requestId: requestId)
        } catch {
            return errorResponse(Self.adminError(error), requestId: requestId)
        }
    }
}
