import Shared

/// The node's limits debug endpoints, for tests, benchmarks and operators. Every call needs
/// `Authorization: Bearer <cluster secret>` (else 401).
///
/// - `GET /_tollgate/debug/gossip`: gossip statistics (frames accepted, dropped by reason, sent…).
/// - `POST /_tollgate/debug/gossip?enabled=false|true`: cuts the node off from gossip, or heals it
///   (as a partition would: nothing sent, everything received dropped); answers the statistics.
/// - `GET /_tollgate/debug/quota?planId=P&keyId=K`: the node's merged quota counters for that
///   plan and key: `{"counters":[{"period":"DAY","periodStart":…,"used":…,"rights":…}]}`.
///
/// Runs on the event loop that received the request; everything it calls is quick and lock-based.
package struct LimitsDebugEndpoint: Sendable {
    package static let prefix = "/_tollgate/debug/"
    let limits: NodeLimits

    package init(limits: NodeLimits) {
        self.limits = limits
    }

    /// The answer for `request`, or nil when its path is not one of these endpoints.
    package func respond(to request: HTTPRequest) -> HTTPResponse? {
        let path = request.head.path
        guard path == "/_tollgate/debug/gossip" || path == "/_tollgate/debug/quota" else { return nil }
        guard let header = request.headers["Authorization"], header.lowercased().hasPrefix("bearer "),
              ConstantTime.equals(String(header.dropFirst(7)), limits.configuration.clusterSecret)
        else { return Self.json(401, #"{"message":"a valid cluster secret (Authorization: Bearer …) is required"}"#) }
        let query = QueryParameters(raw: request.head.query)
        switch (request.method, path) {
        case (.GET, "/_tollgate/debug/gossip"):
            return gossipStatistics()
        case (.POST, "/_tollgate/debug/gossip"):
            switch query.last("enabled") {
            case "true": limits.setGossipEnabled(true)
            case "false": limits.setGossipEnabled(false)
            default: return Self.json(400, #"{"message":"enabled must be true or false"}"#)
            }
            return gossipStatistics()
        case (.GET, "/_tollgate/debug/quota"):
            guard let planId = query.last("planId"), let keyId = query.last("keyId") else {
                return Self.json(400, #"{"message":"planId and keyId are required"}"#)
            }
            return quota(planId: planId, keyId: keyId)
        default:
            return Self.json(405, #"{"message":"method not allowed"}"#)
        }
    }

    private func gossipStatistics() -> HTTPResponse {
        guard let gossip = limits.gossip else { return Self.json(404, #"{"message":"this node runs without gossip"}"#) }
        return Self.json(200, gossip.statistics.json)
    }

    private func quota(planId: String, keyId: String) -> HTTPResponse {
        let engine = limits.engine
        let authority = engine.configuration.mintAuthority, me = engine.configuration.replicaID
        let entries = engine.exportState().filter { $0.key.planId == planId && $0.key.keyId == keyId }.map { slice in
            "{\"period\":\"\(slice.key.period.awsName)\",\"periodStart\":\(slice.key.periodStart),"
                + "\"used\":\(slice.counter.value),\"rights\":\(slice.counter.rights(of: me, authority: authority))}"
        }
        return Self.json(200, "{\"counters\":[\(entries.joined(separator: ","))]}")
    }

    private static func json(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array(body.utf8))
    }
}
