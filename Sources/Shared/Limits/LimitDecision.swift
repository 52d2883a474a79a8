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
}
