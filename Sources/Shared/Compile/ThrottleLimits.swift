/// A token-bucket limit: `rate` tokens per second, bucket of `burst` tokens (reference §2.8).
/// A leaf missing from the model means "no limit on that leaf" (`rate` = infinity, `burst` = Int.max).
package struct ThrottleLimits: Sendable, Equatable, Hashable {
    package let rate: Double
    package let burst: Int

    package init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }

    package init(_ settings: ThrottleSettings) {
        self.init(rate: settings.rateLimit ?? .infinity, burst: settings.burstLimit ?? .max)
    }

    package init(_ setting: MethodSetting) {
        self.init(rate: setting.throttlingRateLimit, burst: setting.throttlingBurstLimit)
    }
}
