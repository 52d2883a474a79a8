import Foundation

/// The frame `tollgate top` prints: one row per node (requests/s, 4XX/s, 5XX/s, p50/p99 latency,
/// snapshot revision, gossip peers heard, age of the last snapshot poll) and the busiest stages of
/// the cluster, from two scrapes of each node's `/_tollgate/metrics` `seconds` apart. Pure, so a
/// frame is tested without a cluster; fits an 80-column terminal.
///
/// Rates are the difference of the counters over `seconds` (a node without an earlier scrape, or
/// whose counters went down — a restart — shows `-`). Percentiles are read from the latency
/// histogram's buckets over the same interval and shown as the upper bound of the bucket they fall
/// in (`≤25ms`), so they are never more precise than the histogram is.
enum TopView {
    struct Scrape {
        /// How the node is named on screen (its URL's `host:port`).
        let name: String
        /// Nil: the scrape failed (`error` says why).
        let samples: [PrometheusSample]?
        var error: String? = nil
    }

    static let width = 80

    static func render(title: String, previous: [String: [PrometheusSample]], current: [Scrape], seconds: Double) -> String {
        var lines = [title]
        lines.append(row(["NODE", "REQ/S", "4XX/S", "5XX/S", "P50", "P99", "REV", "PEERS", "POLL"]))
        var stages: [String: (requests: Double, errors: Double)] = [:]
        for scrape in current {
            guard let samples = scrape.samples else {
                lines.append(clip(cell(scrape.name, 18) + " unreachable: " + (scrape.error ?? "no answer")))
                continue
            }
            let before = previous[scrape.name]
            let rate = { (name: String) -> Double? in
                guard let before else { return nil }
                let delta = total(samples, name) - total(before, name)
                return delta >= 0 && seconds > 0 ? delta / seconds : nil
            }
            let latency = before.flatMap { bucketDeltas(samples, $0, "tollgate_api_latency_seconds_bucket") }
            lines.append(row([scrape.name, format(rate("tollgate_api_requests_total")), format(rate("tollgate_api_4xx_errors_total")),
                              format(rate("tollgate_api_5xx_errors_total")), quantile(latency, 0.5), quantile(latency, 0.99),
                              integer(samples, "tollgate_snapshot_revision"), integer(samples, "tollgate_gossip_peers_heard"),
                              value(samples, "tollgate_snapshot_last_poll_age_seconds").map { String(format: "%.0fs", $0) } ?? "-"]))
            guard let before, seconds > 0 else { continue }
            for (stage, count) in byStage(samples, "tollgate_api_requests_total") {
                let delta = count - (byStage(before, "tollgate_api_requests_total")[stage] ?? 0)
                let errors = (byStage(samples, "tollgate_api_5xx_errors_total")[stage] ?? 0) - (byStage(before, "tollgate_api_5xx_errors_total")[stage] ?? 0)
                guard delta >= 0 else { continue }
                stages[stage, default: (0, 0)].requests += delta / seconds
                stages[stage, default: (0, 0)].errors += max(0, errors) / seconds
            }
        }
        lines.append("")
        lines.append(clip(cell("API/STAGE (whole cluster)", 50) + " " + cell("REQ/S", 12, right: true) + " " + cell("5XX/S", 12, right: true)))
        let busiest = stages.sorted { ($0.value.requests, $1.key) > ($1.value.requests, $0.key) }.prefix(5)
        if busiest.isEmpty { lines.append("(no requests in the last interval)") }
        for (stage, figures) in busiest {
            lines.append(clip(cell(stage, 50) + " " + cell(format(figures.requests), 12, right: true) + " "
                              + cell(format(figures.errors), 12, right: true)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Figures

    static func total(_ samples: [PrometheusSample], _ name: String) -> Double {
        samples.filter { $0.name == name }.reduce(0) { $0 + $1.value }
    }

    static func value(_ samples: [PrometheusSample], _ name: String) -> Double? {
        samples.first { $0.name == name }?.value
    }

    static func integer(_ samples: [PrometheusSample], _ name: String) -> String {
        value(samples, name).map { String(Int64($0)) } ?? "-"
    }

    /// Counter totals by `api_name/stage` (the API id when a name is missing).
    static func byStage(_ samples: [PrometheusSample], _ name: String) -> [String: Double] {
        var totals: [String: Double] = [:]
        for sample in samples where sample.name == name {
            let api = sample.labels["api_name"].flatMap { $0.isEmpty ? nil : $0 } ?? sample.labels["api_id"] ?? "?"
            totals["\(api)/\(sample.labels["stage"] ?? "?")", default: 0] += sample.value
        }
        return totals
    }

    /// Cumulative bucket counts by upper bound summed over every series, as the difference between
    /// two scrapes; nil when a count went down (a restart) or nothing was observed.
    static func bucketDeltas(_ now: [PrometheusSample], _ before: [PrometheusSample], _ name: String) -> [(bound: Double, count: Double)]? {
        func sums(_ samples: [PrometheusSample]) -> [Double: Double] {
            var sums: [Double: Double] = [:]
            for sample in samples where sample.name == name {
                guard let le = sample.labels["le"], let bound = le == "+Inf" ? Double.infinity : Double(le) else { continue }
                sums[bound, default: 0] += sample.value
            }
            return sums
        }
        let (current, earlier) = (sums(now), sums(before))
        var deltas: [(bound: Double, count: Double)] = []
        for bound in current.keys.sorted() {
            let delta = current[bound]! - (earlier[bound] ?? 0)
            if delta < 0 { return nil }
            deltas.append((bound, delta))
        }
        guard let all = deltas.last?.count, all > 0 else { return nil }
        return deltas
    }

    /// The upper bound of the bucket holding quantile `q`, as `≤25ms`; `-` without data.
    static func quantile(_ buckets: [(bound: Double, count: Double)]?, _ q: Double) -> String {
        guard let buckets, let all = buckets.last?.count, all > 0 else { return "-" }
        guard let bucket = buckets.first(where: { $0.count >= q * all }) else { return "-" }
        if bucket.bound.isInfinite { return ">" + milliseconds(buckets.dropLast().last?.bound ?? 0) }
        return "≤" + milliseconds(bucket.bound)
    }

    static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1000
        return ms < 1 ? String(format: "%.1fms", ms) : ms < 1000 ? String(format: "%.0fms", ms) : String(format: "%.1fs", seconds)
    }

    static func format(_ rate: Double?) -> String {
        guard let rate else { return "-" }
        return rate < 10 ? String(format: "%.1f", rate) : String(format: "%.0f", rate)
    }

    // MARK: - Layout

    static let columns = [18, 8, 7, 7, 7, 7, 6, 5, 6]

    static func row(_ cells: [String]) -> String {
        clip(zip(cells, columns).enumerated().map { index, pair in cell(pair.0, pair.1, right: index > 0) }.joined(separator: " "))
    }

    static func cell(_ text: String, _ width: Int, right: Bool = false) -> String {
        let shown = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        let padding = String(repeating: " ", count: width - shown.count)
        return right ? padding + shown : shown + padding
    }

    static func clip(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line.count > width ? String(line.prefix(width)) : line
    }
}
