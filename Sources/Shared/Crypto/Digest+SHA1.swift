import COpenSSL

/// SHA-1, for the one protocol that requires it.
extension Digest {
    /// Length of a SHA-1 digest in bytes.
    package static let sha1ByteCount = 20

    /// SHA-1 (FIPS 180-4) of `bytes`. Only for RFC 6455's `Sec-WebSocket-Accept`, whose value the
    /// RFC defines with SHA-1; it proves the server read the handshake, not any secret. SHA-1 is
    /// broken for collisions: never use it to authenticate or to name content.
    package static func sha1(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: sha1ByteCount)
        var length: UInt32 = 0
        let status = ByteAccess.withBytes(bytes) { base, count in
            digest.withUnsafeMutableBufferPointer { buffer in
                // Safe: the buffer holds 20 bytes, the size of the SHA-1 digest EVP_Digest writes.
                EVP_Digest(base, count, buffer.baseAddress, &length, LibCrypto.sha1.pointer, nil)
            }
        }
        guard status == 1, length == UInt32(sha1ByteCount) else {
            fatalError("EVP_Digest(SHA1) failed: \(LibCrypto.lastError())")
        }
        return digest
    }
}
