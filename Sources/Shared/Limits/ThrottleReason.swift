/// Why a request was throttled.
package enum ThrottleReason: Equatable, Sendable {
    /// This node's share of a token bucket was empty.
    case bucket(LimiterKey)
    /// Strict mode: quota remains in the cluster but this node holds no escrow rights for it yet;
    /// it has asked its peers. Retryable, hence "Too Many Requests" rather than "Limit Exceeded".
    case quotaRightsPending(QuotaCounterKey)
}
