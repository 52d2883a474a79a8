/// "Now" for the limits engine, from the injected clock: a monotonic reading for buckets, demand
/// and gossip timers, and UTC wall-clock seconds for quota periods.
package struct LimitsInstant: Sendable, Equatable {
    /// Monotonic nanoseconds (e.g. `CLOCK_MONOTONIC`); only differences matter.
    package let monotonicNanos: UInt64
    /// UTC seconds since 1970-01-01.
    package let epochSeconds: Int64

    package init(monotonicNanos: UInt64, epochSeconds: Int64) {
        self.monotonicNanos = monotonicNanos
        self.epochSeconds = epochSeconds
    }
}
