import Shared

/// Everything a data-plane node exposes on `GET /_tollgate/metrics` (docs/operations.md, "Metrics"):
/// the request series (`RequestMetricsRegistry`), connections and body memory, the snapshot it
/// serves and its sync with the control plane, failed upstream calls, and gossip.
///
/// Holds references and readers only; `render()` gathers and formats on the calling thread (an
/// event loop serving a scrape, or a test): one mutex per source, none that requests take.
package struct NodeMetrics: Sendable {
    /// One listener's connection counters, by name (`http`, `https`).
    package typealias Connections = @Sendable () -> [(listener: String, statistics: HTTPServer.Statistics)]

    package let requests: RequestMetricsRegistry
    package let status: NodeSyncStatus
    package let upstreamFailures: UpstreamFailureCounters
    package var connections: Connections = { [] }
    /// Bytes of message bodies buffered now (`BodyMemoryBudget.usedBytes`).
    package var bufferedBodyBytes: @Sendable () -> Int = { 0 }
    /// The gossip service's counters (nil: no gossip).
    package var gossip: (@Sendable () -> GossipStatistics?) = { nil }
    /// The cluster limits' escrow figures (nil: no limits engine).
    package var quota: (@Sendable () -> LimitsEngine.QuotaStatistics?) = { nil }
    /// The loops whose busy time is exported.
    package var eventLoops: [EventLoop] = []
    /// The integrations' client: connections open now and opened since start.
    package var upstreamConnections: @Sendable () -> (open: Int, opened: Int) = { (0, 0) }
    /// The TLS certificate reloads' counters (nil: no `--tls-listen`).
    package var tlsReloads: @Sendable () -> TLSReloader.Counters? = { nil }

    package init(requests: RequestMetricsRegistry, status: NodeSyncStatus, upstreamFailures: UpstreamFailureCounters) {
        self.requests = requests
        self.status = status
        self.upstreamFailures = upstreamFailures
    }

    /// The exposition text (Prometheus 0.0.4).
    package func render() -> String {
        PrometheusExposition.render(requests.families() + nodeFamilies())
    }

    /// The `200 text/plain; version=0.0.4` answer to a scrape.
    package func response() -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", PrometheusExposition.contentType)
        return HTTPResponse(status: 200, headers: headers, body: Array(render().utf8))
    }

    private func nodeFamilies() -> [PrometheusExposition.Family] {
        typealias Family = PrometheusExposition.Family
        typealias Sample = PrometheusExposition.Sample
        let listeners = connections()
        let state = status.current
        let upstream = upstreamConnections()
        func refused(_ reason: String, _ count: (HTTPServer.Statistics) -> Int) -> [Sample] {
            listeners.map { Sample(labels: [("listener", $0.listener), ("reason", reason)], value: .number(Double(count($0.statistics)))) }
        }
        var families = [
            Family(name: "tollgate_connections_accepted_total", help: "Client connections accepted.", kind: .counter,
                   samples: listeners.map { Sample(labels: [("listener", $0.listener)], value: .number(Double($0.statistics.acceptedConnections))) }),
            Family(name: "tollgate_connections_open", help: "Client connections open now.", kind: .gauge,
                   samples: listeners.map { Sample(labels: [("listener", $0.listener)], value: .number(Double($0.statistics.openConnections))) }),
            Family(name: "tollgate_connections_refused_total",
                   help: "Client connections closed before any request: no TLS session could be made, or the TLS handshake failed or timed out.",
                   kind: .counter,
                   samples: refused("tls_setup", \.refusedTLSSetup) + refused("tls_handshake_failed", \.failedHandshakes)
                       + refused("tls_handshake_timeout", \.timedOutHandshakes)),
            Family(name: "tollgate_accept_pauses_total", help: "Times accepting paused 100 ms because the process was out of file descriptors.",
                   kind: .counter,
                   samples: listeners.map { Sample(labels: [("listener", $0.listener)], value: .number(Double($0.statistics.acceptPauses))) }),
            Family(name: "tollgate_event_loop_busy_seconds_total", help: "Time each event loop spent handling events, timers and tasks (not waiting).",
                   kind: .counter,
                   samples: eventLoops.map { Sample(labels: [("loop", $0.name)], value: .number(Double($0.busyNanoseconds) / 1e9)) }),
            Family(name: "tollgate_upstream_connections_open", help: "Connections to integrations open now, idle in the pool or in use.",
                   kind: .gauge, samples: [Sample(value: .number(Double(upstream.open)))]),
            Family(name: "tollgate_upstream_connections_opened_total", help: "Connections to integrations opened since start.",
                   kind: .counter, samples: [Sample(value: .number(Double(upstream.opened)))]),
            Family(name: "tollgate_buffered_body_bytes", help: "Bytes of request and upstream response bodies buffered now.", kind: .gauge,
                   samples: [Sample(value: .number(Double(bufferedBodyBytes())))]),
            Family(name: "tollgate_snapshot_revision", help: "Revision of the snapshot being served (absent before the first).", kind: .gauge,
                   samples: state.revision.map { [Sample(value: .number(Double($0)))] } ?? []),
            Family(name: "tollgate_snapshot_epoch_info", help: "The control-plane epoch of the served snapshot, as a label.", kind: .gauge,
                   samples: state.epoch.map { [Sample(labels: [("epoch", $0)], value: .number(1))] } ?? []),
            Family(name: "tollgate_snapshot_applied_total", help: "Snapshots installed on the event loops.", kind: .counter,
                   samples: [Sample(value: .number(Double(state.applied)))]),
            Family(name: "tollgate_snapshot_apply_errors_total", help: "Snapshots refused (the previous one kept serving).", kind: .counter,
                   samples: [Sample(value: .number(Double(state.rejected)))]),
            Family(name: "tollgate_snapshot_poll_failures_total", help: "Snapshot polls the control plane did not answer.", kind: .counter,
                   samples: [Sample(value: .number(Double(state.pollFailures)))]),
            Family(name: "tollgate_snapshot_last_poll_age_seconds", help: "Seconds since the control plane last answered a poll.", kind: .gauge,
                   samples: status.lastPollAgeSeconds.map { [Sample(value: .number($0))] } ?? []),
            Family(name: "tollgate_upstream_failures_total", help: "Failed integration calls by kind.", kind: .counter,
                   samples: zip(UpstreamFailureCounters.types, upstreamFailures.values).map {
                       Sample(labels: [("type", $0.0)], value: .number(Double($0.1)))
                   }),
        ]
        if let tls = tlsReloads() { families += tls.families }
        if let gossip = gossip() {
            families += [
                Family(name: "tollgate_gossip_datagrams_sent_total", help: "Gossip datagrams handed to the kernel.", kind: .counter,
                       samples: [Sample(value: .number(Double(gossip.sent)))]),
                Family(name: "tollgate_gossip_datagrams_accepted_total", help: "Authentic gossip datagrams received.", kind: .counter,
                       samples: [Sample(value: .number(Double(gossip.frames.accepted)))]),
                Family(name: "tollgate_gossip_datagrams_dropped_total", help: "Gossip datagrams dropped, by reason.", kind: .counter,
                       samples: GossipDropReason.allCases.map {
                           Sample(labels: [("reason", $0.rawValue)], value: .number(Double(gossip.frames.dropped($0))))
                       }),
                Family(name: "tollgate_gossip_peers", help: "Gossip peers known from the snapshot.", kind: .gauge,
                       samples: [Sample(value: .number(Double(gossip.peers)))]),
                Family(name: "tollgate_gossip_peers_heard", help: "Gossip peers heard from since start.", kind: .gauge,
                       samples: [Sample(value: .number(Double(gossip.peersHeard)))]),
                Family(name: "tollgate_gossip_convergence_lag_seconds",
                       help: "How long the quietest gossip peer has gone unheard: a bound on how stale its counters here are.", kind: .gauge,
                       samples: gossip.longestPeerSilenceNanos.map { [Sample(value: .number(Double($0) / 1e9))] } ?? []),
            ]
        }
        if let quota = quota() {
            families += [
                Family(name: "tollgate_quota_counters", help: "Usage-plan quota counters this node keeps.", kind: .gauge,
                       samples: [Sample(value: .number(Double(quota.counters)))]),
                Family(name: "tollgate_quota_rights_held", help: "Strict-quota escrow rights this node holds, over every counter.", kind: .gauge,
                       samples: [Sample(value: .number(Double(quota.rightsHeld)))]),
                Family(name: "tollgate_quota_counters_awaiting_rights",
                       help: "Strict-quota counters this node has asked rights for that have not arrived yet.", kind: .gauge,
                       samples: [Sample(value: .number(Double(quota.countersAwaitingRights)))]),
                Family(name: "tollgate_quota_parked_requests", help: "Requests waiting for strict-quota rights.", kind: .gauge,
                       samples: [Sample(value: .number(Double(quota.parkedRequests)))]),
            ]
        }
        return families
    }

    /// `GET /_tollgate/health` of a node: 503 `starting` before a snapshot, else 200 with the
    /// revision, epoch, seconds since the control plane last answered a poll, and gossip peers.
    package func healthResponse() -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        let state = status.current
        guard let revision = state.revision else {
            return HTTPResponse(status: 503, headers: headers, body: Array(#"{"status":"starting"}"#.utf8))
        }
        var body = #"{"status":"ok","revision":\#(revision)"#
        if let epoch = state.epoch { body += #","epoch":"# + JSONValue.string(epoch).serialized() }
        body += #","lastPollAgeSeconds":"# + (status.lastPollAgeSeconds.map { String(format3: $0) } ?? "null")
        if let gossip = gossip() { body += #","gossipPeers":\#(gossip.peers),"gossipPeersHeard":\#(gossip.peersHeard)"# }
        return HTTPResponse(status: 200, headers: headers, body: Array((body + "}").utf8))
    }
}

extension String {
    /// `value` with three decimals (no Foundation formatter on the hot path's module).
    fileprivate init(format3 value: Double) {
        let millis = Int64((value * 1000).rounded())
        let fraction = String(millis % 1000)
        self = "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
