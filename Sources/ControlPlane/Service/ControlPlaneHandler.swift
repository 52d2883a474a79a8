import Dispatch
import Foundation
import Shared

/// Routes control-plane requests: `/_tollgate/health` and `/_tollgate/metrics` (no credentials,
/// `ControlPlaneHandler+Health`), `/_tollgate/v1/snapshot` (cluster secret) to the long-poll,
/// everything else to the SigV4-authenticated admin API — to the IAM subset (`IAMAPI`) when the
/// signature's credential scope names the `iam` service, else to API Gateway's (`AdminAPI`).
///
/// Runs on the event loops; store work hops to `storeQueue` (serial) and answers from there.
struct ControlPlaneHandler: HTTPServerHandler {
    let admin: AdminAPI
    let iam: IAMAPI
    let store: ConfigStore
    let hub: LongPollHub
    let snapshots: SnapshotCache
    let authenticator: AdminAuthenticator
    let clusterSecret: String
    /// Refreshed after every mutating call, so new plans and keys reach the quota observer at once.
    let quota: QuotaLedger
    /// The control plane's process log (an epoch renewed after a restore, a snapshot the store
    /// cannot build, an unwritable database).
    let log: ProcessLog
    /// Admin calls by operation and status.
    let metrics: ControlPlaneMetrics
    let storeQueue = DispatchQueue(label: "tollgate.control-plane.store")
    private static let dates = HTTPDateCache()

    func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder connectionResponder: HTTPResponder) {
        let requestId = UUID().uuidString.lowercased()
        // Every answer carries `Date`, as AWS's do (SDKs read it to correct clock skew).
        let responder = HTTPResponder { response in
            var response = response
            response.headers.set("Date", Self.dates.value(epochMillis: Int64(Date().timeIntervalSince1970 * 1000)))
            connectionResponder.respond(response)
        }
        if let endpoint = OwnEndpoint(request) {
            answer(endpoint, responder: responder)
            return
        }
        if request.head.path == SnapshotPollContract.snapshotPath {
            snapshotPoll(request, context: context, responder: responder, requestId: requestId)
            return
        }
        let caller: String
        let service: String
        switch authenticator.authenticate(request, requestId: requestId) {
        case .success(let identity): (caller, service) = (identity.accessKeyId, identity.service)
        case .failure(let failure):
            metrics.noteCall(operation: "unauthenticated", status: failure.response.status)
            responder.respond(failure.response)
            return
        }
        // IAM's Query protocol is always POST, and any action may write.
        let isIAM = service == AdminAuthenticator.iamService
        let mutating = isIAM || (request.method != .GET && request.method != .HEAD)
        storeQueue.async { [admin, iam, store, hub, quota, metrics] in
            let outcome = isIAM ? iam.perform(request, identity: caller, requestId: requestId)
                                : admin.perform(request, identity: caller, requestId: requestId)
            if let deferred = outcome.deferred {
                // A test invocation: its backend call runs off this queue; the answer comes from it.
                let operation = outcome.operation ?? "unknown"
                deferred { response in
                    responder.respond(response)
                    metrics.noteCall(operation: operation, status: response.status)
                }
            } else {
                responder.respond(outcome.response)
                metrics.noteCall(operation: outcome.operation ?? "unknown", status: outcome.response.status)
            }
            // The revision the call committed; read only when a mutating call wrote nothing.
            if mutating, let revision = outcome.committedRevision ?? (try? store.revision()) {
                hub.publish(revision: revision)
                try? quota.refreshRules(knownRevision: revision)
            }
        }
    }

    // MARK: - Snapshot long-poll

    private func snapshotPoll(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder, requestId: String) {
        guard request.method == .GET else {
            responder.respond(Self.plain(405, "snapshot polls are GET", requestId: requestId))
            return
        }
        guard let token = Self.bearerToken(request.headers["Authorization"]), ConstantTime.equals(token, clusterSecret) else {
            responder.respond(Self.plain(401, "a valid cluster secret (Authorization: Bearer …) is required", requestId: requestId))
            return
        }
        guard let poll = SnapshotPoll(query: request.head.query) else {
            responder.respond(Self.plain(400, "malformed snapshot poll query", requestId: requestId))
            return
        }
        let loop = context.eventLoop
        storeQueue.async { [store, hub, snapshots, log] in
            if let nodeId = poll.nodeId, let revision = Self.recordPoll(poll, nodeId: nodeId, store: store) {
                // A node joined or moved its gossip socket: the node list is part of the snapshot.
                hub.publish(revision: revision)
            }
            if let after = poll.after, after > hub.revision, let revision = Self.noteRevisionSeen(poll, store: store, log: log) {
                hub.publish(revision: revision)
            }
            let current = hub.revision
            let epoch = try? store.read { try $0.epoch() }
            let answer: @Sendable (Int64?) -> HTTPResponse = { woken in
                Self.snapshotResponse(snapshots, poll: poll, knownRevision: woken, requestId: requestId, log: log)
            }
            // Parked only when the node has this very (epoch, revision); otherwise it is answered now.
            guard poll.after == current, Self.sameEpoch(poll, epoch), poll.waitSeconds > 0 else {
                responder.respond(answer(nil))
                return
            }
            let parked = hub.park(after: current) { revision in
                storeQueue.async { responder.respond(answer(revision)) }
            }
            guard let parked else {
                responder.respond(answer(nil))
                return
            }
            // Up to 10 % jitter so a fleet parked together does not come back together.
            let seconds = poll.waitSeconds * Double.random(in: 1.0...1.1)
            _ = loop.schedule(after: .milliseconds(Int64(seconds * 1000))) {
                if hub.cancel(parked) {
                    responder.respond(Self.notModified(revision: current, epoch: epoch ?? "", requestId: requestId))
                }
            }
        }
    }

    /// Upserts the node's row; the committed revision when the node is new, back after expiring, or
    /// moved its gossip socket — then the revision was bumped in the same transaction so peers learn
    /// of it — else nil.
    private static func recordPoll(_ poll: SnapshotPoll, nodeId: String, store: ConfigStore) -> Int64? {
        let now = Int64(Date().timeIntervalSince1970)
        let committed = try? store.commit { tx in
            try tx.recordPoll(nodeId: nodeId, gossipAddress: poll.gossipAddress, appliedRevision: poll.appliedRevision,
                              error: poll.error, now: now)
        }
        guard let committed, committed.value else { return nil }
        return committed.revision
    }

    /// Renews the epoch when the poll proves the database went back in time (a node has a later
    /// revision of this epoch than the counter: a restored backup); the committed revision when it did.
    private static func noteRevisionSeen(_ poll: SnapshotPoll, store: ConfigStore, log: ProcessLog) -> Int64? {
        guard poll.epoch != nil, poll.after != nil else { return nil }
        let committed = try? store.commit { tx -> (before: Int64, renewed: Bool) in
            let before = try tx.revision()
            return (before, try tx.noteRevisionSeen(epoch: poll.epoch, revision: poll.after))
        }
        guard let committed, committed.value.renewed else { return nil }
        log.with(component: "sync").warn("node \(poll.nodeId ?? "?") has revision \(poll.after ?? 0) of this database's epoch but the database is at revision "
            + "\(committed.value.before): it was restored from an older copy; gave it a new epoch so every node fetches a full snapshot")
        return committed.revision
    }

    /// Drops nodes silent for longer than the listing window (bumping the revision when any were listed),
    /// so the peer list in snapshots stays current. Called periodically by `ControlPlaneService`.
    func expireStaleNodes() {
        storeQueue.async { [store, hub] in
            let now = Int64(Date().timeIntervalSince1970)
            if let committed = try? store.commit({ try $0.expireStaleNodes(now: now) }), committed.value {
                hub.publish(revision: committed.revision)
            }
        }
    }

    /// 304 when the poll already has the current (epoch, revision); 413 when the snapshot is over
    /// the node's stated `limit` (the node reports it as an error and waits for a newer revision);
    /// else 200 with the snapshot. Every answer names the revision and epoch in headers.
    /// A store failure is logged with its detail and answered with a generic 500: the store's text
    /// (SQLite messages, file names) never leaves the control plane.
    /// `knownRevision`: the revision that woke a parked poll (the cache answers it without a store read).
    private static func snapshotResponse(_ snapshots: SnapshotCache, poll: SnapshotPoll, knownRevision: Int64?, requestId: String,
                                         log: ProcessLog) -> HTTPResponse {
        do {
            let entry = try snapshots.current(knownRevision: knownRevision)
            if entry.revision == poll.after, sameEpoch(poll, entry.epoch) {
                return notModified(revision: entry.revision, epoch: entry.epoch, requestId: requestId)
            }
            if let limit = poll.maximumSnapshotBytes, entry.body.count > limit {
                var response = plain(413, "snapshot revision \(entry.revision) is \(entry.body.count) bytes, over the node's limit of \(limit) bytes",
                                     requestId: requestId)
                response.headers.add(SnapshotPollContract.Header.revision, String(entry.revision))
                response.headers.add(SnapshotPollContract.Header.epoch, entry.epoch)
                response.headers.add(SnapshotPollContract.Header.snapshotBytes, String(entry.body.count))
                return response
            }
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/json")
            headers.add(SnapshotPollContract.Header.revision, String(entry.revision))
            headers.add(SnapshotPollContract.Header.epoch, entry.epoch)
            headers.add("x-amzn-RequestId", requestId)
            return HTTPResponse(status: 200, headers: headers, body: entry.body)
        } catch {
            log.with(component: "sync").error("snapshot unavailable (request \(requestId)): \(error)")
            return plain(500, "snapshot unavailable; the control plane's log has the detail", requestId: requestId)
        }
    }

    /// Whether the poll's `after` belongs to `epoch`. A poll without `epoch=` comes from a node older
    /// than epochs and is compared by revision alone, as before; nodes that know epochs always send
    /// it with `after` (empty when their snapshot has none, which never matches).
    private static func sameEpoch(_ poll: SnapshotPoll, _ epoch: String?) -> Bool {
        poll.epoch == nil || poll.epoch == epoch
    }

    private static func notModified(revision: Int64, epoch: String, requestId: String) -> HTTPResponse {
        HTTPResponse(status: 304, headers: [SnapshotPollContract.Header.revision: String(revision), SnapshotPollContract.Header.epoch: epoch, "x-amzn-RequestId": requestId])
    }

    private static func plain(_ status: Int, _ message: String, requestId: String) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: ["message": message])).map { Array($0) } ?? []
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json", "x-amzn-RequestId": requestId], body: body)
    }

    private static func bearerToken(_ header: String?) -> String? {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }
}
