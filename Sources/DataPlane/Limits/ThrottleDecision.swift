/// The outcome of running a request through its chain of throttle buckets.
package enum ThrottleDecision: Equatable, Sendable {
    /// Every bucket held a token; one token was taken from each.
    case admitted
    /// `key` had no token (the first such bucket in chain order); no bucket was debited.
    case throttled(LimiterKey)
}

/// One bucket a request must pass: its stable key and the limit this node enforces for it.
package struct ThrottleCheck: Hashable, Sendable {
    package let key: LimiterKey
    package let limit: ThrottleLimit

    package init(key: LimiterKey, limit: ThrottleLimit) {
        self.key = key
        self.limit = limit
    }
}
