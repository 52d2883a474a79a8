import Shared
import Synchronization

/// The node's request metrics: one `RequestMetricCells` per series, for every snapshot.
///
/// Series are created off the loops while a snapshot's chains are built (`cells(for:)`, under a
/// mutex that requests never take) and kept for the life of the process, so a redeploy, rollback
/// or canary change never sends a counter backwards; a stage or method that disappears keeps its
/// last values until the node restarts. Cardinality is bounded by configuration: one series per
/// stage, plus one per method of a stage whose `metricsEnabled` (detailed metrics) is on — never
/// per request path. `families()` merges every loop's row at scrape time.
package final class RequestMetricsRegistry: Sendable {
    private let loops: [EventLoop]
    private let series = Mutex<[RequestMetricLabels: RequestMetricCells]>([:])

    /// A registry for requests completing on `loops` (and, through a shared row, anywhere else).
    package init(loops: [EventLoop]) {
        self.loops = loops
    }

    /// The cells of `labels`, made on first use. Off the loops (chain building, scrapes).
    package func cells(for labels: RequestMetricLabels) -> RequestMetricCells {
        series.withLock { series in
            if let existing = series[labels] { return existing }
            let made = RequestMetricCells(labels: labels, loops: loops.count)
            series[labels] = made
            return made
        }
    }

    /// The row of the calling thread: its loop's index, or nil when it is none of them.
    func currentRow() -> Int? {
        var index = 0
        while index < loops.count {
            if loops[index].inEventLoop { return index }
            index += 1
        }
        return nil
    }

    /// The chain feature that records every request of `snapshot` here (`RequestMetricsFilter`).
    package var filterFactory: any FilterFactory { RequestMetricsFilterFactory(registry: self) }

    /// Every series' totals as exposition families, series sorted by their labels (any thread).
    package func families() -> [PrometheusExposition.Family] {
        let all = series.withLock { Array($0.values) }.sorted { $0.labels.sortKey < $1.labels.sortKey }
        typealias Field = RequestMetricCells.Field
        let rows = all.map { ($0.labels.pairs, $0.totals()) }
        func counter(_ name: String, _ help: String, _ field: Int) -> PrometheusExposition.Family {
            PrometheusExposition.Family(name: name, help: help, kind: .counter,
                                        samples: rows.map { .init(labels: $0.0, value: .number(Double($0.1[field]))) })
        }
        func histogram(_ name: String, _ help: String, buckets: Int, sum: Int) -> PrometheusExposition.Family {
            PrometheusExposition.Family(name: name, help: help, kind: .histogram, bounds: RequestMetricCells.latencyBounds,
                                        samples: rows.map { labels, totals in
                                            let counts = Array(totals[buckets..<(buckets + RequestMetricCells.buckets)])
                                            return .init(labels: labels, value: .histogram(bucketCounts: counts, sum: Double(totals[sum]) / 1e9))
                                        })
        }
        return [
            counter("tollgate_api_requests_total", "Requests that reached a stage, routed or not (API Gateway Count).", Field.count),
            counter("tollgate_api_4xx_errors_total", "Requests answered 4xx (API Gateway 4XXError).", Field.clientErrors),
            counter("tollgate_api_5xx_errors_total", "Requests answered 5xx (API Gateway 5XXError).", Field.serverErrors),
            histogram("tollgate_api_latency_seconds", "From routing to the response handed to the connection (API Gateway Latency).",
                      buckets: Field.latencyBuckets, sum: Field.latencySum),
            histogram("tollgate_api_integration_latency_seconds", "Time in the integration alone (API Gateway IntegrationLatency).",
                      buckets: Field.integrationBuckets, sum: Field.integrationSum),
            counter("tollgate_api_cache_hits_total", "Requests answered from the stage cache (API Gateway CacheHitCount).", Field.cacheHits),
            counter("tollgate_api_cache_misses_total", "Requests of caching methods served by the integration (API Gateway CacheMissCount).",
                    Field.cacheMisses),
            PrometheusExposition.Family(
                name: "tollgate_api_throttled_requests_total", help: "Requests refused 429 Too Many Requests by a throttle, by its level.",
                kind: .counter, samples: rows.flatMap { labels, totals in
                    ThrottleRefusal.levels.enumerated().map { index, level in
                        .init(labels: labels + [("level", level)], value: .number(Double(totals[Field.throttled + index])))
                    }
                }),
            counter("tollgate_api_quota_exceeded_requests_total", "Requests refused 429 Limit Exceeded by a usage-plan quota.", Field.quotaExceeded),
            counter("tollgate_api_request_body_bytes_total", "Request body bytes as received.", Field.requestBytes),
            counter("tollgate_api_response_body_bytes_total", "Response body bytes sent.", Field.responseBytes),
        ]
    }
}

extension RequestMetricLabels {
    fileprivate var sortKey: [String] { [apiId, stage, resource ?? "", method ?? ""] }
}

extension Array where Element == String {
    fileprivate static func < (lhs: [String], rhs: [String]) -> Bool { lhs.lexicographicallyPrecedes(rhs) }
}
