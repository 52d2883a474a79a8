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
        var state = SHA256State()
        state.update(bytes)
        return state.finalize()
    }

    /// Lowercase hex SHA-256 of `bytes`, the form SigV4 and the snapshot key hashes use.
    package static func sha256Hex(_ bytes: some Collection<UInt8>) -> String {
        bytes.isEmpty ? emptySHA256Hex : Hex.encode(sha256(bytes))
    }

    /// `sha256Hex` of no bytes, computed once: a SigV4 request without a body (most GETs) hashed
    /// and hex-encoded its empty payload on every request (one block, ~4,000 instructions with the
    /// hex `String`, bench/instructions.sh).
    package static let emptySHA256Hex = Hex.encode(sha256([UInt8]()))

    /// HMAC-SHA256 (RFC 2104) of `message` under `key`. Keys of any length are accepted, as the
    /// RFC allows (longer than 64 bytes are hashed first).
    ///
    /// RFC 2104's two SHA-256 passes on libcrypto's low-level state (`HMACSHA256Key`): an `EVP_MAC`
    /// HMAC context with the digest passed by name made OpenSSL 3 search its provider tables on every
    /// call, and an `EVP_MD_CTX` per call was still made, initialised twice and freed (issue 14,
    /// docs/performance.md). A key that signs many messages is better prepared once (`HMACSHA256Key`).
    package static func hmacSHA256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        HMACSHA256Key(key).authenticate(message)
    }

    /// SHA-256 block size, the length HMAC pads its key to.
    static let sha256BlockByteCount = 64
}
