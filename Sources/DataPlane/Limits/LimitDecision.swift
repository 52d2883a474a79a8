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

/// Why a request was throttled.
package enum ThrottleReason: Equatable, Sendable {
    /// This node's share of a token bucket was empty.
    case bucket(LimiterKey)
    /// Strict mode: quota remains in the cluster but this node holds no escrow rights for it yet;
    /// it has asked its peers. Retryable, hence "Too Many Requests" rather than "Limit Exceeded".
    case quotaRightsPending(QuotaCounterKey)
}

/// Where the gossip layer should send an outgoing payload.
package enum GossipDestination: Equatable, Sendable {
    /// Every live peer, the control-plane observer included.
    case allPeers
    /// This many peers picked at random.
    case randomPeers(Int)
    /// One node (the answer to its rights request).
    case node(NodeID)
}

/// One payload for the gossip layer to frame, authenticate and send.
package struct LimitsOutgoing: Equatable, Sendable {
    package let destination: GossipDestination
    package let payload: [UInt8]

    package init(destination: GossipDestination, payload: [UInt8]) {
        self.destination = destination
        self.payload = payload
    }
}
