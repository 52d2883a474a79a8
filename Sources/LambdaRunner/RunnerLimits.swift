/// The runner's bounds, with AWS Lambda's values as defaults. Durations in nanoseconds.
package struct RunnerLimits: Sendable, Equatable {
    /// Per-invocation timeout from delivery to the runtime (`--function-timeout`; AWS's default 3 s).
    package var timeoutNanos: UInt64 = 3_000_000_000
    /// From spawn to the first `/next` (Lambda's 10 s init phase); past it the process is killed.
    package var initTimeoutNanos: UInt64 = 10_000_000_000
    /// Invocations waiting per function, besides the one in flight; one more is refused 429.
    package var maxQueued: Int = 10
    /// Invoke request payload: Lambda's 6 MB synchronous limit (6,291,456 bytes) → 413.
    package var maxRequestBytes: Int = 6_291_456
    /// A runtime's response or error document: Lambda's 6,291,556 bytes → 413 to the runtime and a
    /// `Function.ResponseSizeTooLarge` function error to the caller.
    package var maxResponseBytes: Int = 6_291_556
    /// Restart delay after the first crash; doubles per consecutive crash up to `maxBackoffNanos`.
    package var backoffBaseNanos: UInt64 = 100_000_000
    package var maxBackoffNanos: UInt64 = 5_000_000_000
    /// Request ids remembered after their answer, so a second answer gets 403, not 400.
    package var rememberedAnswers: Int = 64

    package init() {}

    /// The restart delay after `failures` consecutive crashes (0 for none).
    func backoff(failures: Int) -> UInt64 {
        guard failures > 0 else { return 0 }
        let shift = UInt64(min(failures - 1, 20))
        return min(backoffBaseNanos << shift, maxBackoffNanos)
    }
}

/// An instant of the runner's injected clock: monotonic for deadlines, wall time for the
/// `Lambda-Runtime-Deadline-Ms` header.
package struct RunnerInstant: Sendable, Equatable {
    package var monotonicNanos: UInt64
    package var wallMillis: Int64

    package init(monotonicNanos: UInt64, wallMillis: Int64) {
        self.monotonicNanos = monotonicNanos
        self.wallMillis = wallMillis
    }
}
