/// A token-bucket setting: `rate` tokens per second refill, `burst` tokens of capacity.
///
/// Mirrors AWS `ThrottleSettings` (`rateLimit` is a double, `burstLimit` an integer). Negative or
/// non-finite inputs are clamped to 0, so a `ThrottleLimit` is always usable; `0/0` rejects everything,
/// and so does any limit with `burst == 0` (a bucket that can never hold one whole token).
package struct ThrottleLimit: Hashable, Sendable, CustomStringConvertible {
    /// Refill rate in tokens per second; finite and ≥ 0.
    package let rate: Double
    /// Bucket capacity in tokens; ≥ 0.
    package let burst: Int

    package init(rate: Double, burst: Int) {
        self.rate = rate.isFinite && rate > 0 ? rate : 0
        self.burst = max(0, burst)
    }

    /// The AWS account default: 10,000 requests/s, burst 5,000.
    package static let accountDefault = ThrottleLimit(rate: 10_000, burst: 5_000)

    /// Reads AWS `ThrottleSettings`; a missing half falls back to `fallback`'s value.
    package init(settings: ThrottleSettings, fallback: ThrottleLimit = .accountDefault) {
        self.init(rate: settings.rateLimit ?? fallback.rate, burst: settings.burstLimit ?? fallback.burst)
    }

    /// True when the bucket can never admit a request.
    package var rejectsEverything: Bool { burst == 0 }

    package var description: String { "\(rate)/s burst \(burst)" }
}
