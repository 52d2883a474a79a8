/// An incremental SHA-256: feed bytes in pieces with `update`, then `finalize` once.
///
/// Non-copyable, so a hash in progress has one owner and is finalised once. Not `Sendable`: use it
/// on one thread at a time. Backed by `SHA256State` (libcrypto's low-level state: nothing allocated
/// or freed per hash).
package struct SHA256Hasher: ~Copyable {
    private var state = SHA256State()

    package init() {}

    /// Appends `bytes` to the message being hashed.
    package mutating func update(_ bytes: some Collection<UInt8>) {
        state.update(bytes)
    }

    /// The 32-byte digest of everything appended; consumes the hasher.
    package consuming func finalize() -> [UInt8] {
        state.finalize()
    }
}
