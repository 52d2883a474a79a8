/// The outcome of running a request through its chain of throttle buckets.
package enum ThrottleDecision: Equatable, Sendable {
    /// Every bucket held a token; one token was taken from each.
    case admitted
    /// `key` had no token (the first such bucket in chain order); no bucket was debited.
    case throttled(LimiterKey)
}
