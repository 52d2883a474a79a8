import Foundation
import Shared

/// The control plane's own endpoints, answered without credentials (docs/operations.md, "Health
/// and metrics"): `GET /_tollgate/health` and `GET /_tollgate/metrics`.
extension ControlPlaneHandler {
    /// One of the control plane's own paths.
    enum OwnEndpoint {
        case health
        case metrics

        static let healthPath = "/_tollgate/health"
        static let metricsPath = "/_tollgate/metrics"

        /// The endpoint `request` asks for (GET or HEAD), nil for every other request.
        init?(_ request: HTTPRequest) {
            guard request.method == .GET || request.method == .HEAD else { return nil }
            switch request.head.path {
            case Self.healthPath[...]: self = .health
            case Self.metricsPath[...]: self = .metrics
            default: return nil
            }
        }
    }

    /// Answers on the store queue, behind whatever store work is queued: a queue stuck on a slow
    /// disk makes the probe time out, which is the truth about readiness.
    func answer(_ endpoint: OwnEndpoint, responder: HTTPResponder) {
        storeQueue.async { [store, hub, metrics, log] in
            switch endpoint {
            case .health: responder.respond(Self.healthResponse(store: store, log: log))
            case .metrics:
                let now = Int64(Date().timeIntervalSince1970)
                let statuses = try? store.read { try $0.nodeStatuses(now: now) }
                let nodes = statuses.map { all in (live: all.count { $0.status == .live }, silent: all.count { $0.status == .silent }) }
                let text = PrometheusExposition.render(metrics.families(parked: hub.parkedCount, revision: try? store.revision(),
                                                                        nodes: nodes, commits: store.commitLatency))
                responder.respond(HTTPResponse(status: 200, headers: ["Content-Type": PrometheusExposition.contentType], body: Array(text.utf8)))
            }
        }
    }

    /// 200 `{"status":"ok","database":"writable","revision":N}` when a write transaction can be
    /// opened (and is rolled back), else 503 `{"status":"unavailable","database":"not writable"}`
    /// with the store's reason in the log only.
    static func healthResponse(store: ConfigStore, log: ProcessLog) -> HTTPResponse {
        let headers: HTTPHeaders = ["Content-Type": "application/json"]
        do {
            try store.checkWritable()
            let revision = try store.revision()
            return HTTPResponse(status: 200, headers: headers, body: Array(#"{"status":"ok","database":"writable","revision":\#(revision)}"#.utf8))
        } catch {
            log.with(component: "health").error("health: the database is not writable: \(error)")
            return HTTPResponse(status: 503, headers: headers, body: Array(#"{"status":"unavailable","database":"not writable"}"#.utf8))
        }
    }
}
