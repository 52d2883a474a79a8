import Shared
import Synchronization

/// The control plane's own counters for `GET /_tollgate/metrics` (docs/operations.md, "Metrics"):
/// admin calls by operation and status. The store's commit timings, parked polls, the node
/// table, the event loops' busy time and, with `--tls-listen`, the certificate reloads
/// (`tollgate_tls_*`, as on a node) are read at scrape time (`families`).
///
/// Operations are the catalog's names (`CreateRestApi`, `iam:CreateUser`), `unknown` for a
/// request no operation matched and `unauthenticated` for one refused before routing: a bounded
/// set. Thread-safe (one mutex, taken once per admin call, never by snapshot polls).
package final class ControlPlaneMetrics: Sendable {
    private struct Key: Hashable {
        let operation: String
        let status: Int
    }

    private let calls = Mutex<[Key: UInt64]>([:])
    /// The HTTP server's loops, for `tollgate_event_loop_busy_seconds_total` (the nodes' name).
    private let eventLoops: [EventLoop]
    /// The HTTPS listener's reload counters (nil: no `--tls-listen`).
    private let tlsReloads: @Sendable () -> TLSReloader.Counters?

    package init(eventLoops: [EventLoop] = [], tlsReloads: @escaping @Sendable () -> TLSReloader.Counters? = { nil }) {
        self.eventLoops = eventLoops
        self.tlsReloads = tlsReloads
    }

    /// Counts one answered admin call.
    package func noteCall(operation: String, status: Int) {
        calls.withLock { $0[Key(operation: operation, status: status), default: 0] += 1 }
    }

    /// Every family: calls, `parked` long-polls, nodes by state, the store's commit latency, loop busy time.
    package func families(parked: Int, revision: Int64?, nodes: (live: Int, silent: Int)?,
                          commits: LatencyHistogram) -> [PrometheusExposition.Family] {
        typealias Family = PrometheusExposition.Family
        typealias Sample = PrometheusExposition.Sample
        let counted = calls.withLock { $0 }.sorted { ($0.key.operation, $0.key.status) < ($1.key.operation, $1.key.status) }
        var families = [
            Family(name: "tollgate_control_plane_admin_requests_total", help: "Admin API calls answered, by operation and status.",
                   kind: .counter, samples: counted.map {
                       Sample(labels: [("operation", $0.key.operation), ("status", String($0.key.status))], value: .number(Double($0.value)))
                   }),
            Family(name: "tollgate_control_plane_parked_polls", help: "Snapshot long-polls parked now.", kind: .gauge,
                   samples: [Sample(value: .number(Double(parked)))]),
            Family(name: "tollgate_control_plane_sqlite_commit_seconds", help: "Duration of SQLite write transactions, BEGIN IMMEDIATE to COMMIT.",
                   kind: .histogram, bounds: commits.bounds, samples: [commits.sample()]),
        ]
        if !eventLoops.isEmpty {
            families.append(Family(name: "tollgate_event_loop_busy_seconds_total",
                                   help: "Time each event loop spent handling events, timers and tasks (not waiting).", kind: .counter,
                                   samples: eventLoops.map { Sample(labels: [("loop", $0.name)], value: .number(Double($0.busyNanoseconds) / 1e9)) }))
        }
        if let revision {
            families.append(Family(name: "tollgate_control_plane_revision", help: "The store's global revision.", kind: .gauge,
                                   samples: [Sample(value: .number(Double(revision)))]))
        }
        if let nodes {
            families.append(Family(name: "tollgate_control_plane_nodes", help: "Data-plane nodes in the node table, live or silent.", kind: .gauge,
                                   samples: [Sample(labels: [("state", "live")], value: .number(Double(nodes.live))),
                                             Sample(labels: [("state", "silent")], value: .number(Double(nodes.silent)))]))
        }
        if let tls = tlsReloads() { families += tls.families }
        return families
    }
}
