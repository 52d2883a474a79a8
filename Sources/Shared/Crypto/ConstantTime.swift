import COpenSSL

/// Comparisons whose running time does not depend on where two secrets differ.
///
/// Use for MACs, signatures and key hashes, where an early-exit `==` would let an attacker learn
/// a correct prefix byte by byte from response timing. Lengths are treated as public: values of
/// different lengths compare unequal at once, without looking at their contents.
package enum ConstantTime {
    /// True when `a` and `b` hold the same bytes. Runs in time linear in the length and independent
    /// of the contents (libcrypto's `CRYPTO_memcmp`).
    package static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return ByteAccess.withBytes(a) { aBase, count in
            ByteAccess.withBytes(b) { bBase, _ in
                // Safe: both buffers hold `count` bytes (checked above); CRYPTO_memcmp reads only those.
                count == 0 || CRYPTO_memcmp(aBase, bBase, count) == 0
            }
        }
    }

    /// `equals` over the UTF-8 bytes of two strings, e.g. two hex digests.
    package static func equals(_ a: String, _ b: String) -> Bool {
        equals(a.utf8, b.utf8)
    }
}
