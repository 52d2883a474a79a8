#if canImport(Glibc)
import Glibc
#endif

/// This node's recent offered load on one limiter key: an exponentially weighted moving average of
/// requests per second, decayed continuously with time constant τ.
///
/// Every request that reaches a level counts, admitted or not: demand is what the node is asked to
/// serve, which is what the cluster should split the rate by. On each event at time t the estimate
/// becomes `r·e^(−Δt/τ) + 1/τ`; under a steady rate λ it converges to λ. Two nodes fed
/// proportional traffic from the same moment hold proportional estimates at all times, so shares
/// are right from the first report. A value type kept in `ThrottleTable`'s slot for the key.
package struct DemandEstimate: Sendable, Equatable {
    /// Requests per second as of `atNanos`.
    package private(set) var rate: Double
    package private(set) var atNanos: UInt64
    /// When this key's current run of demand began here (its first request since the estimate was
    /// last forgotten).
    package let sinceNanos: UInt64

    /// The estimate after a first request at `now` (monotonic ns), with time constant `tauNanos`.
    package init(firstRequestAt now: UInt64, tauNanos: UInt64) {
        rate = 1_000_000_000 / Double(max(1, tauNanos))
        atNanos = now
        sinceNanos = now
    }

    /// Counts one more request at `now`.
    package mutating func record(now: UInt64, tauNanos: UInt64) {
        rate = self.rate(at: now, tauNanos: tauNanos) + 1_000_000_000 / Double(max(1, tauNanos))
        atNanos = max(atNanos, now)
    }

    /// The estimate at `now`, in requests per second (time running backwards decays nothing).
    package func rate(at now: UInt64, tauNanos: UInt64) -> Double {
        guard now > atNanos else { return rate }
        return rate * Self.decay(Double(now - atNanos) / Double(max(1, tauNanos)))
    }

    /// e^(−x) for x ≥ 0. Requests under load arrive microseconds apart (x ≈ 1e-6 for τ = 1 s), where
    /// the (1,1) Padé form (1 − x/2)/(1 + x/2) is within x³/12 ≤ 1e-7 of it and costs one division
    /// instead of a libm call per level per request; larger gaps use `exp`.
    static func decay(_ x: Double) -> Double {
        x < 0.01 ? (1 - x / 2) / (1 + x / 2) : exp(-x)
    }
}
