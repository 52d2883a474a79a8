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
    /// RFC allows (longer than 64 bytes are hashed first).
    ///
    /// Built from the process-wide fetched SHA-256 (`LibCrypto.sha256`) in RFC 2104's two passes,
    /// `H((K ^ opad) || H((K ^ ipad) || message))`, on one digest context: an `EVP_MAC` HMAC
    /// context with the digest passed by name made OpenSSL 3 search its provider tables on every
    /// call (issue 14, docs/performance.md).
    package static func hmacSHA256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        // K0: the key padded with zeros to the block size, or its digest when longer (RFC 2104 §2).
        var block = [UInt8](repeating: 0, count: sha256BlockByteCount)
        if key.count > sha256BlockByteCount {
            for (index, byte) in sha256(key).enumerated() { block[index] = byte }
        } else {
            var index = 0
            for byte in key {
                block[index] = byte
                index += 1
            }
        }

        guard let context = EVP_MD_CTX_new() else {
            fatalError("EVP_MD_CTX_new failed: \(LibCrypto.lastError())")
        }
        defer { EVP_MD_CTX_free(context) }

        for index in block.indices { block[index] ^= 0x36 }
        var inner = [UInt8](repeating: 0, count: sha256ByteCount)
        digestPass(context, block, message, into: &inner)
        for index in block.indices { block[index] ^= 0x36 ^ 0x5c }
        var tag = [UInt8](repeating: 0, count: sha256ByteCount)
        digestPass(context, block, inner, into: &tag)
        // Best effort: do not leave key material in the freed arrays' storage.
        for index in block.indices { block[index] = 0 }
        return tag
    }

    /// SHA-256 block size, the length HMAC pads its key to.
    static let sha256BlockByteCount = 64

    /// One SHA-256 of `first || second` on `context` (re-initialised), written to `output` (32 bytes).
    private static func digestPass(_ context: OpaquePointer, _ first: [UInt8], _ second: some Collection<UInt8>,
                                   into output: inout [UInt8]) {
        guard EVP_DigestInit_ex2(context, LibCrypto.sha256.pointer, nil) == 1 else {
            fatalError("EVP_DigestInit_ex2(SHA256) failed: \(LibCrypto.lastError())")
        }
        let firstDone = first.withUnsafeBufferPointer { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        let secondDone = ByteAccess.withBytes(second) { base, count in EVP_DigestUpdate(context, base, count) }
        guard firstDone == 1, secondDone == 1 else { fatalError("EVP_DigestUpdate failed: \(LibCrypto.lastError())") }
        var length: UInt32 = 0
        let finished = output.withUnsafeMutableBufferPointer { buffer in
            // Safe: the buffer holds 32 bytes, the size of a SHA-256 digest that EVP writes.
            EVP_DigestFinal_ex(context, buffer.baseAddress, &length)
        }
        guard finished == 1, length == UInt32(sha256ByteCount) else {
            fatalError("EVP_DigestFinal_ex failed: \(LibCrypto.lastError())")
        }
    }
}
