import COpenSSL

/// An incremental SHA-256: feed bytes in pieces with `update`, then `finalize` once.
///
/// Non-copyable so the libcrypto context has exactly one owner; it is freed when the hasher is
/// finalised or goes out of scope. Not `Sendable`: use it on one thread at a time.
package struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    package init() {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("EVP_MD_CTX_new failed: \(LibCrypto.lastError())")
        }
        guard EVP_DigestInit_ex2(context, LibCrypto.sha256.pointer, nil) == 1 else {
            EVP_MD_CTX_free(context)
            fatalError("EVP_DigestInit_ex2(SHA256) failed: \(LibCrypto.lastError())")
        }
        self.context = context
    }

    /// Appends `bytes` to the message being hashed.
    package mutating func update(_ bytes: some Collection<UInt8>) {
        let status = ByteAccess.withBytes(bytes) { base, count in EVP_DigestUpdate(context, base, count) }
        guard status == 1 else { fatalError("EVP_DigestUpdate failed: \(LibCrypto.lastError())") }
    }

    /// The 32-byte digest of everything appended; consumes the hasher.
    package consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Digest.sha256ByteCount)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { buffer in
            // Safe: the buffer holds 32 bytes, the size of a SHA-256 digest that EVP writes.
            EVP_DigestFinal_ex(context, buffer.baseAddress, &length)
        }
        guard status == 1, length == UInt32(Digest.sha256ByteCount) else {
            fatalError("EVP_DigestFinal_ex failed: \(LibCrypto.lastError())")
        }
        return digest
    }

    deinit { EVP_MD_CTX_free(context) }
}
