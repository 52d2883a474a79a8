import Shared

/// Which level's throttle refused a request, left by `LimitsFilter` in the invocation's
/// `throttleRefusal` slot for the metrics (`tollgate_api_throttled_requests_total{level=…}`).
///
/// One shared instance per level: a refusal allocates nothing.
package final class ThrottleRefusal: Sendable {
    /// Label values, in the order of `index`.
    package static let levels = ["account", "stage", "method", "usage_plan", "usage_plan_method", "quota_rights_pending", "unknown"]

    static let slot = InvocationSlot<ThrottleRefusal>(.throttleRefusal)

    /// Position in `levels`.
    package let index: Int

    private init(_ index: Int) { self.index = index }

    private static let all = levels.indices.map(ThrottleRefusal.init)

    /// A refusal whose level is not known (after a wait in the quota room).
    package static var unknown: ThrottleRefusal { all[levels.count - 1] }

    static func of(_ reason: ThrottleReason) -> ThrottleRefusal {
        switch reason {
        case .quotaRightsPending: return all[5]
        case .bucket(let key):
            switch key.level {
            case .account: return all[0]
            case .stage: return all[1]
            case .method: return all[2]
            case .usagePlanKey: return all[3]
            case .usagePlanKeyMethod: return all[4]
            }
        }
    }
}
