/// What limits gossip carries between nodes (and the control plane, which joins as an observer).
///
/// Transport, authentication (HMAC under the cluster secret), peer choice and replay protection
/// belong to the gossip layer; this type is only the payload. Every state-carrying case holds
/// CRDT (delta-)states, so applying a message twice, late or out of order is harmless.
package enum LimitsGossipMessage: Equatable, Sendable {
    /// Quota counter entries that changed since the sender's last shipment (delta-states).
    case delta([QuotaCounterSlice])
    /// A page of the sender's full quota state, for anti-entropy.
    case fullState([QuotaCounterSlice])
    /// The sender's current demand (EWMA requests/s) per throttle key, by key fingerprint. Keys the
    /// sender does not list have zero demand there.
    case demand([DemandEntry])
    /// The sender is short of escrow rights for these strict-mode counters.
    case rightsRequest([RightsRequest])
    /// Transfers the sender made in answer to a rights request (transfer-matrix deltas), sent
    /// straight to the requester.
    case rightsGrant([QuotaCounterSlice])
    /// The sender (just started, or back from a partition) asks for the receiver's full state.
    case syncRequest
}
