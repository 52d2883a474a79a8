/// Why an incoming gossip datagram was dropped. Each reason has its own counter in
/// `GossipAuthenticator.Statistics`, exposed for metrics.
package enum GossipDropReason: String, Error, CaseIterable, Sendable, Equatable {
    /// Larger than `GossipAuthenticator.Configuration.maxFrameBytes`; not even parsed.
    case oversized
    /// Shorter than its header and MAC, or than the lengths its header announces.
    case truncated
    /// The version byte names a frame format this build does not read.
    case unsupportedVersion
    /// Longer than its header announces (trailing bytes), or a zero-length sender id.
    case malformed
    /// The HMAC does not verify: forged with another key, or altered in transit.
    case badMAC
    /// Authentic, but the sender id is not valid UTF-8.
    case badSender
    /// Authentic, but claims to come from this node: one of our own datagrams reflected back.
    case fromSelf
    /// Authentic, but addressed to another node.
    case wrongRecipient
    /// The sender's timestamp is older than the allowed clock skew.
    case staleTimestamp
    /// The sender's timestamp is further in the future than the allowed clock skew.
    case futureTimestamp
    /// The sender's sequence number was already accepted.
    case replayed
    /// The sender's sequence number is older than the replay window can vouch for.
    case outsideReplayWindow
}
