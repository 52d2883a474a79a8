import COpenSSL

/// One-shot SHA-256 and HMAC-SHA256 over byte collections, backed by libcrypto.
///
/// Pure functions, callable from any thread. Inputs are any `Collection<UInt8>` (arrays, slices,
/// `string.utf8`); outputs are the 32 raw digest bytes (see `Hex.encode` for text). For data that
/// arrives in pieces use `SHA256Hasher`.
package enum Digest {
    /// Length of a SHA-256 digest and of an HMAC-SHA256 tag, in bytes.
    package static let sha256ByteCount = 32

    /// SHA-256 (FIPS 180-4) of `bytes`.
    package static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lowercase hex SHA-256 of `bytes`, the form SigV4 and the snapshot key hashes use.
    package static func sha256Hex(_ bytes: some Collection<UInt8>) -> String {
        Hex.encode(sha256(bytes))
    }

    /// HMAC-SHA256 (RFC 2104) of `message` under `key`. Keys of any length are accepted, as the
    /// RFC allows (longer than 64 bytes are hashed first by libcrypto).
    package static func hmacSHA256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        guard let context = EVP_MAC_CTX_new(LibCrypto.hmac.pointer) else {
            fatalError("EVP_MAC_CTX_new failed: \(LibCrypto.lastError())")
        }
        defer { EVP_MAC_CTX_free(context) }

        let initialised = ByteAccess.withBytes(key) { keyBase, keyCount in
            "digest".withCString { paramName in
                "SHA256".withCString { digestName in
                    // Safe: libcrypto only reads the digest name during EVP_MAC_init, while both
                    // C strings are alive; the mutable cast satisfies the C signature only.
                    var params = [
                        OSSL_PARAM_construct_utf8_string(paramName, UnsafeMutablePointer(mutating: digestName), 0),
                        OSSL_PARAM_construct_end(),
                    ]
                    return EVP_MAC_init(context, keyBase, keyCount, &params)
                }
            }
        }
        guard initialised == 1 else { fatalError("EVP_MAC_init(HMAC-SHA256) failed: \(LibCrypto.lastError())") }

        let updated = ByteAccess.withBytes(message) { base, count in EVP_MAC_update(context, base, count) }
        guard updated == 1 else { fatalError("EVP_MAC_update failed: \(LibCrypto.lastError())") }

        var tag = [UInt8](repeating: 0, count: sha256ByteCount)
        var tagLength = 0
        let finished = tag.withUnsafeMutableBufferPointer { buffer in
            // Safe: the buffer holds exactly sha256ByteCount bytes and we pass that as its size.
            EVP_MAC_final(context, buffer.baseAddress, &tagLength, buffer.count)
        }
        guard finished == 1, tagLength == sha256ByteCount else {
            fatalError("EVP_MAC_final failed: \(LibCrypto.lastError())")
        }
        return tag
    }
}
