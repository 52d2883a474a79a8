import Shared

/// Connection ids as AWS shapes them (`L0SM9cOFvHcCIhw=`: 16 characters, the base64 of 11 bytes)
/// that also name the node owning the connection.
///
/// Bytes 0–2 are the owning node's tag (the first 3 bytes of SHA-256 of its node id), bytes 3–10
/// are random (64 bits: ids never repeat in practice and cannot be guessed). A node answering
/// `@connections` for an id whose tag is not its own knows another node owns it: forwarding the
/// call to that node (over the node-to-node channel) is the next step, and needs nothing more in
/// the id. Until then such a call answers 410 `GoneException` (docs/websocket.md). Pure.
package enum WebSocketConnectionId {
    package static let tagBytes = 3
    package static let randomBytes = 8

    /// The tag of `nodeId`.
    package static func tag(forNode nodeId: String) -> [UInt8] {
        Array(Digest.sha256(Array(nodeId.utf8)).prefix(tagBytes))
    }

    /// A fresh id owned by the node with `tag`.
    package static func make(tag: [UInt8], random: [UInt8] = SecureRandom.bytes(randomBytes)) -> String {
        precondition(tag.count == tagBytes && random.count == randomBytes, "an id is a 3-byte tag and 8 random bytes")
        return Base64.encode(tag + random)
    }

    /// The owner's tag of a well-formed id, nil for anything that is not one.
    package static func tag(of id: String) -> [UInt8]? {
        guard id.utf8.count == 16, let bytes = Base64.decode(id), bytes.count == tagBytes + randomBytes else { return nil }
        return Array(bytes.prefix(tagBytes))
    }
}
