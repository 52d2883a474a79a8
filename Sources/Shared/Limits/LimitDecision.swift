/// The limits engine's verdict on one request.
///
/// The pipeline maps it in one place: `.throttled` → 429 `{"message":"Too Many Requests"}` with
/// `x-amzn-ErrorType: TooManyRequestsException`; `.quotaExceeded` → 429
/// `{"message":"Limit Exceeded"}` with `LimitExceededException`.
package enum LimitDecision: Equatable, Sendable {
    case admit
    case throttled(ThrottleReason)
    /// The quota for the period is used up (as far as this node knows).
    case quotaExceeded(QuotaCounterKey)
    /// Strict mode, only for `check(canWait: true)`: the quota has room but this node's rights are
    /// on their way. The request holds its throttle tokens and waits (`LimitsEngine.retryQuota`,
    /// `release`); it is never an answer to a client.
    case pending(QuotaCounterKey)

    /// Whether this is `.pending`.
    package var isPending: Bool {
        if case .pending = self { return true }
        return false
    }
}
