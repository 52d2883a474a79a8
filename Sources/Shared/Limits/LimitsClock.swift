#if canImport(Glibc)
import Glibc
#endif

/// Where the limits machinery reads the time: a monotonic clock for buckets, demand and gossip
/// timers, and the UTC wall clock for quota periods and frame timestamps. Injected so tests drive
/// time without sleeping; `system` reads `CLOCK_MONOTONIC` and `CLOCK_REALTIME_COARSE` (the wall
/// clock as of the last tick, a few milliseconds at most behind and several times cheaper to read:
/// quota periods and gossip timestamps need seconds, and every request reads this clock).
package struct LimitsClock: Sendable {
    /// Monotonic nanoseconds.
    package let monotonicNanos: @Sendable () -> UInt64
    /// UTC milliseconds since 1970-01-01.
    package let epochMillis: @Sendable () -> Int64

    package init(monotonicNanos: @escaping @Sendable () -> UInt64, epochMillis: @escaping @Sendable () -> Int64) {
        self.monotonicNanos = monotonicNanos
        self.epochMillis = epochMillis
    }

    /// The reading the limits engine takes.
    package func now() -> LimitsInstant {
        LimitsInstant(monotonicNanos: monotonicNanos(), epochSeconds: Self.floorDiv(epochMillis(), 1000))
    }

    /// The process's real clocks.
    package static let system = LimitsClock(
        monotonicNanos: { Syscall.monotonicNanos() },
        epochMillis: {
            var spec = timespec()
            clock_gettime(CLOCK_REALTIME_COARSE, &spec)
            return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
        })

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
