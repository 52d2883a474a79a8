/// Seals short secrets (IAM secret access keys) so they can travel in snapshots and sit in a
/// node's disk cache without appearing in clear text, and opens them again on a node.
///
/// Both sides derive the same keys from the cluster secret (which the control plane and every node
/// already share): `master = HMAC-SHA256(clusterSecret, "tollgate/secret-seal/v1")`, an encryption
/// key `HMAC(master, "encrypt")` and a MAC key `HMAC(master, "mac")`. A secret is sealed under a
/// `context` that is unique to it for life (the access key id: one id has one secret forever):
/// - ciphertext = plaintext XOR keystream, keystream block i = `HMAC(encKey, context ‖ 0x00 ‖ i)`
///   (i a 4-byte big-endian counter) — HMAC-SHA256 as a PRF in counter mode with the context as
///   its nonce;
/// - tag = `HMAC(macKey, context ‖ 0x00 ‖ ciphertext)` (encrypt-then-MAC), checked in constant time.
/// The output is deterministic (same context and secret → same text), so snapshots of an unchanged
/// store stay byte-identical; that reveals only "same key, same secret", which the id already says.
/// Text form: lowercase hex of ciphertext followed by the 32-byte tag. Pure; any thread.
package struct SecretSeal: Sendable {
    private let encryptionKey: [UInt8]
    private let macKey: [UInt8]

    package init(clusterSecret: String) {
        let master = Digest.hmacSHA256(key: Array(clusterSecret.utf8), message: Array("tollgate/secret-seal/v1".utf8))
        encryptionKey = Digest.hmacSHA256(key: master, message: Array("encrypt".utf8))
        macKey = Digest.hmacSHA256(key: master, message: Array("mac".utf8))
    }

    /// `secret` sealed under `context` (hex text).
    package func seal(_ secret: String, context: String) -> String {
        let ciphertext = xorKeystream(Array(secret.utf8), context: context)
        return Hex.encode(ciphertext + tag(ciphertext, context: context))
    }

    /// The secret sealed in `text` under `context`, or nil when the text is malformed, was sealed
    /// under another cluster secret or another context, or was altered.
    package func open(_ text: String, context: String) -> String? {
        guard let bytes = Hex.decode(text), bytes.count >= Digest.sha256ByteCount else { return nil }
        let ciphertext = Array(bytes.dropLast(Digest.sha256ByteCount))
        guard ConstantTime.equals(bytes.suffix(Digest.sha256ByteCount), tag(ciphertext, context: context)) else { return nil }
        let plaintext = xorKeystream(ciphertext, context: context)
        return String(validating: plaintext, as: UTF8.self)
    }

    private func tag(_ ciphertext: [UInt8], context: String) -> [UInt8] {
        Digest.hmacSHA256(key: macKey, message: Array(context.utf8) + [0] + ciphertext)
    }

    private func xorKeystream(_ input: [UInt8], context: String) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var counter: UInt32 = 0
        var block: [UInt8] = []
        for (index, byte) in input.enumerated() {
            let offset = index % Digest.sha256ByteCount
            if offset == 0 {
                let counterBytes = [UInt8(counter >> 24), UInt8(counter >> 16 & 0xff), UInt8(counter >> 8 & 0xff), UInt8(counter & 0xff)]
                block = Digest.hmacSHA256(key: encryptionKey, message: Array(context.utf8) + [0] + counterBytes)
                counter &+= 1
            }
            output.append(byte ^ block[offset])
        }
        return output
    }
}
