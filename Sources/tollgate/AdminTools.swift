import ControlPlane
import Foundation
import Shared

/// What `tollgate rollback|audit|nodes` do, returning the text to print.
struct AdminTools: Sendable {
    let client: AdminClient

    /// Points `stage` back at `to`, or at the deployment it had before the current one.
    func rollback(restApiId: String, stage: String, to target: String?) async throws -> String {
        let api = AdminPath.segment(restApiId), name = AdminPath.segment(stage)
        let current = try await client.call(.GET, "/restapis/\(api)/stages/\(name)")["deploymentId"] as? String ?? ""
        var destination = target
        if destination == nil {
            let history = try await client.call(.GET, "/_tollgate/v1/stages/\(api)/\(name)/history")["items"] as? [[String: Any]] ?? []
            // The newest change that moved the stage onto its current deployment says where it was before.
            destination = history.reversed().first { ($0["toDeploymentId"] as? String) == current }?["fromDeploymentId"] as? String
        }
        guard let destination, !destination.isEmpty else {
            throw UsageError("stage \(stage) has no earlier deployment to roll back to; pass --to DEPLOYMENT_ID")
        }
        guard destination != current else { return "stage \(stage) of \(restApiId) already points at deployment \(current); nothing changed\n" }
        _ = try await client.call(.PATCH, "/restapis/\(api)/stages/\(name)", json: [
            "patchOperations": [["op": "replace", "path": "/deploymentId", "value": destination]],
        ])
        return "rolled back stage \(stage) of REST API \(restApiId): deployment \(current) -> \(destination)\n"
    }

    /// The audit log since `since` (epoch seconds), one line per call.
    func audit(since: Int64, limit: Int) async throws -> String {
        let items = try await client.call(.GET, "/_tollgate/v1/audit", query: [("since", String(since)), ("limit", String(limit))])["items"] as? [[String: Any]] ?? []
        var out = "TIME                  ACCESS KEY            OPERATION                 STATUS  TARGETS  REQUEST ID\n"
        for item in items {
            let at = (item["at"] as? NSNumber)?.int64Value ?? 0
            let targets = (item["targets"] as? [String] ?? []).joined(separator: ",")
            let status = (item["status"] as? NSNumber)?.intValue ?? 0
            let error = (item["errorType"] as? String).map { " \($0)" } ?? ""
            out += "\(Self.iso8601(at))  \(pad(item["accessKeyId"] as? String ?? "", 20))  \(pad(item["operation"] as? String ?? "", 24))  \(pad(String(status) + error, 6))  \(targets)  \(item["requestId"] as? String ?? "")\n"
        }
        return out
    }

    /// Data-plane nodes: status (live / silent since), applied revision, gossip, last error (`NodesReport`).
    func nodes() async throws -> String {
        let current = try await client.call(.GET, "/_tollgate/v1/revision")
        let items = try await client.call(.GET, "/_tollgate/v1/nodes")["items"] as? [[String: Any]] ?? []
        return NodesReport.render(revision: (current["revision"] as? NSNumber)?.int64Value ?? 0, epoch: current["epoch"] as? String,
                                  items: items)
    }

    /// `--since` as epoch seconds or an ISO-8601 time (`2026-11-21T10:00:00Z`).
    static func parseSince(_ text: String) throws(UsageError) -> Int64 {
        if let seconds = Int64(text) { return seconds }
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { throw UsageError("--since takes epoch seconds or an ISO-8601 time") }
        return Int64(date.timeIntervalSince1970)
    }

    static func iso8601(_ epoch: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// Percent-encodes one path segment for admin URLs.
enum AdminPath {
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
