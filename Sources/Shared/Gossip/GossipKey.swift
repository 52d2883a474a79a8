/// The key that authenticates gossip datagrams, derived from the cluster secret.
///
/// The cluster secret also authenticates snapshot polls (as a bearer token); gossip uses its own
/// key, `HMAC-SHA256(clusterSecret, "tollgate/gossip/v1")`, so a datagram MAC never exposes
/// material usable elsewhere and a future frame version can derive a fresh key. Holds a secret:
/// `description` hides it.
package struct GossipKey: Sendable, CustomStringConvertible {
    /// Domain-separation label for version-1 frames.
    static let label = "tollgate/gossip/v1"

    let bytes: [UInt8]

    /// Derives the gossip key from the cluster secret (any non-empty string).
    package init(clusterSecret: String) {
        precondition(!clusterSecret.isEmpty, "GossipKey: the cluster secret must not be empty")
        bytes = Digest.hmacSHA256(key: clusterSecret.utf8, message: Self.label.utf8)
    }

    package var description: String { "GossipKey(<redacted>)" }
}
