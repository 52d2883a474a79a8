/// Bucket settings from the compiled snapshot's `ThrottleLimits`.
extension ThrottleLimit {
    /// The largest rate and burst a bucket is given: a leaf the model leaves unset compiles to
    /// "unlimited" (infinite rate, `Int.max` burst), which is capped here so bucket and share
    /// arithmetic stays finite and within `Int`.
    package static let unlimitedRate = 1_000_000_000.0
    package static let unlimitedBurst = 1_000_000_000

    package init(_ limits: ThrottleLimits) {
        let rate = limits.rate.isFinite ? min(limits.rate, Self.unlimitedRate) : (limits.rate > 0 ? Self.unlimitedRate : 0)
        self.init(rate: rate, burst: min(limits.burst, Self.unlimitedBurst))
    }

    /// True when no request rate could exhaust this bucket before the account bucket: neither
    /// its rate nor its burst is below `other`'s.
    package func isNoTighter(than other: ThrottleLimit) -> Bool {
        rate >= other.rate && burst >= other.burst
    }
}
