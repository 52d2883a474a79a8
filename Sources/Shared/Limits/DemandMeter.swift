#if canImport(Glibc)
import Glibc
#endif

/// This node's recent offered load per limiter key: an exponentially weighted moving average of
/// requests per second, decayed continuously with time constant `tau`.
///
/// Every request that reaches a bucket counts, admitted or not: demand is what the node is asked
/// to serve, which is what the cluster should split the rate by. On each event at time t the
/// estimate becomes `r·e^(−Δt/τ) + 1/τ`; under a steady rate λ it converges to λ. Two nodes fed
/// proportional traffic from the same moment hold proportional estimates at all times, so shares
/// are right from the first report. Not thread-safe; `LimitsEngine` guards it.
package struct DemandMeter: Sendable {
    /// One key's estimate as of `atNanos`.
    private struct Entry: Sendable {
        var rate: Double
        var atNanos: UInt64
        let fingerprint: UInt64
        /// When this key's current run of demand began here (its first request since it was last forgotten).
        let sinceNanos: UInt64
    }

    /// Time constant in nanoseconds (default 1 s).
    package let tauNanos: UInt64
    /// Estimates below this many requests per second are dropped and reported as zero.
    package let floor: Double
    private var entries: [LimiterKey: Entry] = [:]

    package init(tauNanos: UInt64 = 1_000_000_000, floor: Double = 0.01) {
        self.tauNanos = max(1, tauNanos)
        self.floor = floor
    }

    /// Counts one request for `key` at `now` (monotonic ns).
    package mutating func record(_ key: LimiterKey, now: UInt64) {
        let tau = Double(tauNanos) / 1_000_000_000
        if let index = entries.index(forKey: key) {
            // In place through the index: one hash lookup, no copy out and back.
            let rate = decayed(entries.values[index], now: now) + 1 / tau
            entries.values[index].rate = rate
            entries.values[index].atNanos = max(entries.values[index].atNanos, now)
        } else {
            entries[key] = Entry(rate: 1 / tau, atNanos: now, fingerprint: key.fingerprint, sinceNanos: now)
        }
    }

    /// When `key` became active on this node (its first request since the meter last forgot it).
    package func activeSince(_ key: LimiterKey) -> UInt64? { entries[key]?.sinceNanos }

    /// The estimate for `key` at `now`, in requests per second.
    package func rate(_ key: LimiterKey, now: UInt64) -> Double {
        guard let entry = entries[key] else { return 0 }
        return decayed(entry, now: now)
    }

    /// Every estimate at or above the floor as (fingerprint, requests/s), sorted by fingerprint;
    /// forgets the keys that decayed below it.
    package mutating func report(now: UInt64) -> [DemandEntry] {
        var result: [DemandEntry] = []
        for (key, entry) in entries {
            let rate = decayed(entry, now: now)
            if rate < floor {
                entries[key] = nil
            } else {
                result.append(DemandEntry(fingerprint: entry.fingerprint, rate: rate))
            }
        }
        return result.sorted { $0.fingerprint < $1.fingerprint }
    }

    /// Number of keys tracked.
    package var count: Int { entries.count }

    private func decayed(_ entry: Entry, now: UInt64) -> Double {
        guard now > entry.atNanos else { return entry.rate }
        let elapsed = Double(now - entry.atNanos) / Double(tauNanos)
        return entry.rate * exp(-elapsed)
    }
}
