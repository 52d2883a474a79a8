import COpenSSL

/// A SHA-256 in progress, as a plain value: libcrypto's low-level `SHA256_CTX` (no `EVP_MD_CTX`).
///
/// Copying it forks the hash: `HMACSHA256Key` keeps the state after its padded key block and
/// copies it per message. Nothing to free. Measured on SigV4 requests (bench/instructions.sh,
/// callgrind): an EVP context made, initialised and freed per message cost ~2,100 instructions
/// on top of the hashing itself, about as much as one more 64-byte block (docs/performance.md).
struct SHA256State: Sendable {
    private var context = SHA256_CTX()

    init() {
        guard tollgate_sha256_init(&context) == 1 else { fatalError("SHA256_Init failed: \(LibCrypto.lastError())") }
    }

    /// Appends `bytes` to the message.
    mutating func update(_ bytes: some Collection<UInt8>) {
        let status = ByteAccess.withBytes(bytes) { base, count in tollgate_sha256_update(&context, base, count) }
        guard status == 1 else { fatalError("SHA256_Update failed: \(LibCrypto.lastError())") }
    }

    /// The 32-byte digest of everything appended (this copy of the state is used up).
    consuming func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Digest.sha256ByteCount) { buffer, initialized in
            // Safe: the buffer holds 32 bytes, the size of the digest SHA256_Final writes.
            guard tollgate_sha256_final(buffer.baseAddress, &context) == 1 else {
                fatalError("SHA256_Final failed: \(LibCrypto.lastError())")
            }
            initialized = Digest.sha256ByteCount
        }
    }
}
