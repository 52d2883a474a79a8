import ControlPlane
import Foundation
import Shared

/// What `tollgate rollback|audit|nodes` do, returning the text to print.
struct AdminTools: Sendable {
    let client: AdminClient

    /// Points `stage` back at `to`, or one step back along its chain of deployments (see `RollbackPlanner`).
    func rollback(restApiId: String, stage: String, to target: String?) async throws -> String {
        let api = AdminPath.segment(restApiId), name = AdminPath.segment(stage)
        let current = try await client.call(.GET, "/restapis/\(api)/stages/\(name)")["deploymentId"] as? String ?? ""
        var destination = target
        if destination == nil {
            let history = try await client.call(.GET, SnapshotPollContract.stageHistoryPath(restApiId: api, stageName: name))["items"] as? [[String: Any]] ?? []
            let moves = history.map { RollbackPlanner.Move(from: $0["fromDeploymentId"] as? String, to: $0["toDeploymentId"] as? String) }
            destination = RollbackPlanner.previous(history: moves, current: current)
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
        let items = try await auditItems(since: since, after: 0, limit: limit)
        return Self.auditHeader + items.map(Self.auditLine).joined()
    }

    /// `tollgate audit --follow`: prints the entries since `since`, then polls every `interval`
    /// and prints each new entry once, in order (`AuditCursor`), until `stopped()` says so or
    /// after `maxPolls` polls (nil: no bound). A poll that returns `limit` rows is followed at
    /// once by the next page. A failed poll is reported on `warn` and retried after the interval.
    /// `sleep` is injected (tests make entries while the follower "sleeps").
    func follow(since: Int64, limit: Int, interval: Duration, maxPolls: Int?,
                stopped: @Sendable () -> Bool = { false },
                sleep: @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                print: @Sendable (String) -> Void, warn: @Sendable (String) -> Void) async {
        var cursor = AuditCursor()
        var polls = 0
        print(Self.auditHeader)
        while !stopped(), maxPolls.map({ polls < $0 }) ?? true {
            polls += 1
            var full = false
            do {
                let items = try await auditItems(since: since, after: cursor.lastSeq, limit: limit)
                let fresh = cursor.advance(items)
                if !fresh.isEmpty { print(fresh.map(Self.auditLine).joined()) }
                full = items.count >= limit
            } catch {
                warn("poll \(polls) failed: \(error); retrying in \(interval)")
            }
            if !full, maxPolls.map({ polls < $0 }) ?? true, !stopped() { await sleep(interval) }
        }
    }

    /// One page of `GET /_tollgate/v1/audit`: rows at or after `since` with `seq > after`.
    func auditItems(since: Int64, after: Int64, limit: Int) async throws -> [[String: Any]] {
        typealias Query = SnapshotPollContract.AuditQuery
        return try await client.call(.GET, SnapshotPollContract.auditPath,
                                     query: [(Query.since, String(since)), (Query.after, String(after)), (Query.limit, String(limit))])["items"]
            as? [[String: Any]] ?? []
    }

    static let auditHeader = "TIME                  ACCESS KEY            OPERATION                 STATUS  TARGETS  REQUEST ID\n"

    /// One audit row as `tollgate audit` prints it.
    static func auditLine(_ item: [String: Any]) -> String {
        let at = (item["at"] as? NSNumber)?.int64Value ?? 0
        let targets = (item["targets"] as? [String] ?? []).joined(separator: ",")
        let status = (item["status"] as? NSNumber)?.intValue ?? 0
        let error = (item["errorType"] as? String).map { " \($0)" } ?? ""
        return "\(iso8601(at))  \(pad(item["accessKeyId"] as? String ?? "", 20))  \(pad(item["operation"] as? String ?? "", 24))  "
            + "\(pad(String(status) + error, 6))  \(targets)  \(item["requestId"] as? String ?? "")\n"
    }

    /// Data-plane nodes: status (live / silent since), applied revision, gossip, last error, and
    /// the stages' canaries under the nodes that serve them (`NodesReport`).
    func nodes() async throws -> String {
        let current = try await client.call(.GET, SnapshotPollContract.revisionPath)
        let answer = try await client.call(.GET, SnapshotPollContract.nodesPath)
        // The nodes answer's revision is the one its canaries were read at (a control plane that
        // predates canaries sends neither: then the revision call's).
        let revision = (answer["revision"] as? NSNumber ?? current["revision"] as? NSNumber)?.int64Value ?? 0
        return NodesReport.render(revision: revision, epoch: current["epoch"] as? String,
                                  items: answer["items"] as? [[String: Any]] ?? [], canaries: answer["canaries"] as? [[String: Any]])
    }

    /// `--since` as epoch seconds, a date (`2026-11-21`, midnight UTC) or an ISO-8601 time
    /// (`2026-11-21T10:00:00Z`, with fractional seconds or a `+02:00` offset; no zone means UTC).
    static func parseSince(_ text: String) throws(UsageError) -> Int64 {
        if let seconds = Int64(text) { return seconds }
        for format in sinceFormats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        }
        throw UsageError("--since takes a date (2026-11-21), an ISO-8601 time (2026-11-21T10:00:00Z) or epoch seconds, got '\(text)'")
    }

    private static let sinceFormats = [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm",
    ]

    static func iso8601(_ epoch: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// Percent-encodes one path segment for admin URLs.
enum AdminPath {
    static func segment(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: .unreserved)
    }
}
