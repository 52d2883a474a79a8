import Dispatch
import Foundation
import Shared

/// Routes control-plane requests: `/_tollgate/v1/snapshot` (cluster secret) to the long-poll,
/// everything else to the SigV4-authenticated admin API.
///
/// Runs on the event loops; store work hops to `storeQueue` (serial) and answers from there.
struct ControlPlaneHandler: HTTPServerHandler {
    let admin: AdminAPI
    let store: ConfigStore
    let hub: LongPollHub
    let snapshots: SnapshotCache
    let authenticator: AdminAuthenticator
    let clusterSecret: String
    /// Refreshed after every mutating call, so new plans and keys reach the quota observer at once.
    let quota: QuotaLedger
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
        if request.head.path == "/_tollgate/v1/snapshot" {
            snapshotPoll(request, context: context, responder: responder, requestId: requestId)
            return
        }
        let caller: String
        switch authenticator.authenticate(request, requestId: requestId) {
        case .success(let accessKeyId): caller = accessKeyId
        case .failure(let failure):
            responder.respond(failure.response)
            return
        }
        let mutating = request.method != .GET && request.method != .HEAD
        storeQueue.async { [admin, store, hub, quota] in
            let response = admin.handle(request, identity: caller, requestId: requestId)
            responder.respond(response)
            if mutating, let revision = try? store.revision() {
                hub.publish(revision: revision)
                try? quota.refreshRules()
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
        storeQueue.async { [store, hub, snapshots] in
            if let nodeId = poll.nodeId, Self.recordPoll(poll, nodeId: nodeId, store: store) {
                // A node joined or moved its gossip socket: the node list is part of the snapshot.
                if let revision = try? store.revision() { hub.publish(revision: revision) }
            }
            let current = hub.revision
            if poll.after != current || poll.waitSeconds == 0 {
                responder.respond(Self.snapshotResponse(snapshots, after: poll.after, requestId: requestId))
                return
            }
            let parked = hub.park(after: current) { _ in
                storeQueue.async { responder.respond(Self.snapshotResponse(snapshots, after: poll.after, requestId: requestId)) }
            }
            guard let parked else {
                responder.respond(Self.snapshotResponse(snapshots, after: poll.after, requestId: requestId))
                return
            }
            // Up to 10 % jitter so a fleet parked together does not come back together.
            let seconds = poll.waitSeconds * Double.random(in: 1.0...1.1)
            _ = loop.schedule(after: .milliseconds(Int64(seconds * 1000))) {
                if hub.cancel(parked) { responder.respond(Self.notModified(revision: current, requestId: requestId)) }
            }
        }
    }

    /// Upserts the node's row; true when the node is new, back after expiring, or moved its gossip
    /// socket — then the revision was bumped in the same transaction so peers learn of it.
    private static func recordPoll(_ poll: SnapshotPoll, nodeId: String, store: ConfigStore) -> Bool {
        let now = Int64(Date().timeIntervalSince1970)
        let changed = try? store.write { tx in
            try tx.recordPoll(nodeId: nodeId, gossipAddress: poll.gossipAddress, appliedRevision: poll.appliedRevision,
                              error: poll.error, now: now)
        }
        return changed ?? false
    }

    /// Unlists nodes silent for longer than the listing window (bumping the revision when any were),
    /// so the peer list in snapshots stays current. Called periodically by `ControlPlaneService`.
    func expireStaleNodes() {
        storeQueue.async { [store, hub] in
            let now = Int64(Date().timeIntervalSince1970)
            if (try? store.write({ try $0.expireStaleNodes(now: now) })) == true, let revision = try? store.revision() {
                hub.publish(revision: revision)
            }
        }
    }

    private static func snapshotResponse(_ snapshots: SnapshotCache, after: Int64?, requestId: String) -> HTTPResponse {
        do {
            let entry = try snapshots.current()
            if entry.revision == after { return notModified(revision: entry.revision, requestId: requestId) }
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/json")
            headers.add("X-Tollgate-Revision", String(entry.revision))
            headers.add("x-amzn-RequestId", requestId)
            return HTTPResponse(status: 200, headers: headers, body: entry.body)
        } catch {
            return plain(500, "snapshot unavailable: \(error)", requestId: requestId)
        }
    }

    private static func notModified(revision: Int64, requestId: String) -> HTTPResponse {
        HTTPResponse(status: 304, headers: ["X-Tollgate-Revision": String(revision), "x-amzn-RequestId": requestId])
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
