import COpenSSL

/// Cryptographically secure random bytes from libcrypto's DRBG (`RAND_bytes`).
///
/// Thread-safe. If the generator cannot produce output (it could not be seeded), the process stops:
/// every caller uses these bytes for ids, keys or nonces, and carrying on with weak ones would be worse.
package enum SecureRandom {
    /// `count` random bytes. `count` must not be negative.
    package static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes: negative count \(count)")
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBufferPointer { fill($0) }
        return bytes
    }

    /// Fills `buffer` with random bytes.
    package static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let chunk = min(remaining, Int(Int32.max))
            // Safe: [base, base + chunk) lies inside `buffer`.
            guard RAND_bytes(base, Int32(chunk)) == 1 else {
                fatalError("RAND_bytes failed, the system RNG is unusable: \(LibCrypto.lastError())")
            }
            base += chunk
            remaining -= chunk
        }
    }

    /// A uniformly random `UInt64`.
    package static func uint64() -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { raw in
            fill(raw.bindMemory(to: UInt8.self))
        }
        return value
    }

    /// A string of `length` characters drawn uniformly from `alphabet` (ASCII, 1…256 symbols).
    ///
    /// Uses rejection sampling: a random byte is used only when it falls below the largest multiple
    /// of `alphabet.count` that fits in 256, so every symbol is exactly equally likely (no modulo bias).
    package static func string(length: Int, alphabet: [UInt8]) -> String {
        sample(length: length, alphabet: alphabet, randomBytes: bytes)
    }

    /// `string(length:alphabet:)` with the byte source injected, so tests can drive the rejection path.
    static func sample(length: Int, alphabet: [UInt8], randomBytes: (Int) -> [UInt8]) -> String {
        precondition(length >= 0, "SecureRandom.string: negative length \(length)")
        precondition(!alphabet.isEmpty && alphabet.count <= 256 && alphabet.allSatisfy { $0 < 0x80 },
                     "SecureRandom.string: the alphabet must be 1…256 ASCII symbols")
        let symbols = alphabet.count
        let limit = 256 - (256 % symbols)      // accept bytes in 0..<limit
        var output = [UInt8]()
        output.reserveCapacity(length)
        while output.count < length {
            // Draw a little more than needed; with limit ≥ 129 at most half the bytes are rejected.
            for byte in randomBytes(2 * (length - output.count) + 8) where Int(byte) < limit {
                output.append(alphabet[Int(byte) % symbols])
                if output.count == length { break }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
