import Shared
import Synchronization

/// The identifiers of one request: `x-amzn-RequestId`, `x-amz-apigw-id` and `X-Amzn-Trace-Id`.
package struct RequestIdentifiers: Sendable, Equatable {
    /// A version-4 UUID, lowercase (`$context.requestId`).
    package let requestId: String
    /// 16 base64 characters ending in `=` (`$context.extendedRequestId`).
    package let extendedRequestId: String
    /// The client's X-Ray header when it carries a `Root=`, else `Root=1-{8 hex epoch s}-{24 hex}`.
    package let traceId: String
    /// The client sent a valid W3C `traceparent` (then integrations and authorizers get one; see `TraceContext`).
    package var traceparentReceived = false
    /// The client's W3C `tracestate`, kept only with a valid `traceparent`.
    package var tracestate: String?

    package init(requestId: String, extendedRequestId: String, traceId: String) {
        self.requestId = requestId
        self.extendedRequestId = extendedRequestId
        self.traceId = traceId
    }
}

/// Makes `RequestIdentifiers`; injected so tests get fixed values.
package protocol RequestIdentifierSource: Sendable {
    /// Called once per request on the loop that received it.
    func identifiers(epochSeconds: Int64, incomingTraceId: String?) -> RequestIdentifiers
}

/// Identifiers that are unique per request and random-looking, from a per-instance random key and
/// a request counter. Thread-safe.
///
/// Each instance draws six random words once (`SecureRandom`). A request takes the next number `n`
/// of an atomic counter (one relaxed add, no lock) and gets: a request id whose first 60 bits are
/// the instance's and whose last 62 are a keyed bijection of `n` (so no two requests of an
/// instance share one before 2^62 of them), an extended id and a trace id whose first 64 random
/// bits are keyed bijections of `n` too. Another instance (another node, a restart) has other
/// keys. The ids are not secrets — AWS documents them as correlation ids — so they need to be
/// unique, not unpredictable. Before: 32 bytes a request from a 4 KiB `RAND_bytes` pool behind a
/// mutex (bench/instructions.sh, open proxy route: see docs/performance.md, issue 11 third pass).
package final class RandomRequestIdentifiers: RequestIdentifierSource {
    /// Random per instance: what makes this instance's ids differ from every other instance's.
    private let keys: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    /// Requests numbered so far.
    private let counter = Atomic<UInt64>(0)

    package init() {
        keys = (SecureRandom.uint64(), SecureRandom.uint64(), SecureRandom.uint64(),
                SecureRandom.uint64(), SecureRandom.uint64(), SecureRandom.uint64())
    }

    package func identifiers(epochSeconds: Int64, incomingTraceId: String?) -> RequestIdentifiers {
        let n = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        let trace: String
        if let incomingTraceId, incomingTraceId.contains("Root=") {
            trace = incomingTraceId
        } else {
            trace = Self.traceId(epochSeconds: epochSeconds, random: (Self.mix64(n ^ keys.4), keys.5))
        }
        // `uuid` keeps the low word's 62 low bits (the variant takes the top two): `mix62` fills them.
        return RequestIdentifiers(requestId: Self.uuid(keys.0, Self.mix62((n ^ keys.1) & Self.low62)),
                                  extendedRequestId: Self.extendedId(Self.mix64(n ^ keys.2), keys.3), traceId: trace)
    }

    private static let low62: UInt64 = (1 << 62) - 1

    /// SplitMix64's finaliser: a bijection of `UInt64` (xor-shifts and odd multipliers are each
    /// invertible), so distinct inputs give distinct outputs that look random.
    static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The same idea on 62 bits: a bijection of `0..<2^62` (multiplying by an odd number is
    /// invertible modulo 2^62, and a right xor-shift keeps a value below 2^62 and is invertible).
    static func mix62(_ value: UInt64) -> UInt64 {
        var z = value & low62
        z = (z &* 0xBF58_476D_1CE4_E5B9) & low62
        z ^= z >> 31
        z = (z &* 0x94D0_49BB_1331_11EB) & low62
        return z ^ (z >> 29)
    }

    /// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` from 128 random bits.
    package static func uuid(_ high: UInt64, _ low: UInt64) -> String {
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let variant = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return ascii(count: 36) { out in
            // Hex digits 0–7 and 8–15 of each word, eight bytes at a time (`hex8`).
            let high = (hex8(UInt32(truncatingIfNeeded: versioned >> 32)), hex8(UInt32(truncatingIfNeeded: versioned)))
            let low = (hex8(UInt32(truncatingIfNeeded: variant >> 32)), hex8(UInt32(truncatingIfNeeded: variant)))
            store(high.0, into: out, at: 0)
            out[8] = UInt8(ascii: "-")
            store(UInt32(truncatingIfNeeded: high.1), into: out, at: 9)
            out[13] = UInt8(ascii: "-")
            store(UInt32(truncatingIfNeeded: high.1 >> 32), into: out, at: 14)
            out[18] = UInt8(ascii: "-")
            store(UInt32(truncatingIfNeeded: low.0), into: out, at: 19)
            out[23] = UInt8(ascii: "-")
            store(UInt32(truncatingIfNeeded: low.0 >> 32), into: out, at: 24)
            store(low.1, into: out, at: 28)
            return 36
        }
    }

    /// Base64 (RFC 4648 §4) of 11 bytes, `first`'s eight from the low byte up, then `second`'s low
    /// three: 15 characters and a trailing `=`, like `KtF82HGdliAFjxw=` (what `Base64.encode` gives
    /// for those bytes, written straight into the string).
    package static func extendedId(_ first: UInt64, _ second: UInt64) -> String {
        ascii(count: 16) { out in
            // Four groups of three bytes, each four symbols: bytes 0–7 of `first`, 8–10 of `second`
            // (the twelfth byte is zero padding, its last symbol replaced by `=`).
            let symbols = base64Alphabet.utf8Start
            for group in 0..<4 {
                let bits = byte(first, second, group &* 3) << 16 | byte(first, second, group &* 3 &+ 1) << 8
                    | (group < 3 ? byte(first, second, group &* 3 &+ 2) : 0)
                let word = UInt32(symbols[Int(bits >> 18 & 63)]) | UInt32(symbols[Int(bits >> 12 & 63)]) << 8
                    | UInt32(symbols[Int(bits >> 6 & 63)]) << 16 | UInt32(group < 3 ? symbols[Int(bits & 63)] : UInt8(ascii: "=")) << 24
                store(word, into: out, at: group &* 4)
            }
            return 16
        }
    }

    /// Byte `index` (0–10) of the 11: `first`'s eight from the low byte up, then `second`'s.
    @inline(__always)
    private static func byte(_ first: UInt64, _ second: UInt64, _ index: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: index < 8 ? first >> (index &* 8) : second >> ((index &- 8) &* 8)) & 0xFF
    }

    /// RFC 4648 §4's alphabet; indexed by a sextet (0–63, always in bounds).
    private static var base64Alphabet: StaticString { "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/" }

    /// `Root=1-{8 hex epoch seconds}-{24 hex random}`.
    package static func traceId(epochSeconds: Int64, random: (UInt64, UInt64)) -> String {
        ascii(count: 40) { out in
            var at = 0
            for byte in "Root=1-".utf8 { write(byte, into: out, at: &at) }
            store(hex8(UInt32(truncatingIfNeeded: epochSeconds)), into: out, at: 7)
            out[15] = UInt8(ascii: "-")
            store(hex8(UInt32(truncatingIfNeeded: random.0 >> 32)), into: out, at: 16)
            store(hex8(UInt32(truncatingIfNeeded: random.0)), into: out, at: 24)
            store(hex8(UInt32(truncatingIfNeeded: random.1)), into: out, at: 32)
            return 40
        }
    }

    // MARK: - Writing ASCII straight into a String

    /// A string of exactly `count` ASCII bytes that `body` writes (returning how many it wrote):
    /// one allocation, no byte array in between.
    private static func ascii(count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> String {
        String(unsafeUninitializedCapacity: count) { out in
            let written = body(UnsafeMutableBufferPointer(rebasing: out[..<count]))
            precondition(written == count, "identifier shorter than its buffer")
            return count
        }
    }

    /// Writes `byte` at `at` and advances it. Bounds are checked (`out` is exactly the string's size).
    private static func write(_ byte: UInt8, into out: UnsafeMutableBufferPointer<UInt8>, at: inout Int) {
        precondition(at < out.count, "identifier longer than its buffer")
        out[at] = byte
        at += 1
    }

    /// The eight lowercase hex digits of `value`, most significant first, as the bytes of a
    /// word in memory order (little-endian: the first digit is the low byte). Branch-free: the
    /// nibbles are spread one per byte, then each becomes `0`–`9` or `a`–`f` by adding `0` and,
    /// where the nibble is 10 or more, the gap to `a`. Writing the digits one at a time cost ~900
    /// instructions per request for the three ids (bench/instructions.sh, issue 11 fifth pass).
    static func hex8(_ value: UInt32) -> UInt64 {
        var x = UInt64(value)
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F  // byte k holds nibble k (nibble 0 the lowest)
        x = x.byteSwapped                         // byte k holds nibble 7 - k: digit order
        let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101  // 1 where nibble ≥ 10
        return x &+ 0x3030_3030_3030_3030 &+ letters &* 0x27  // "a" - "0" - 10 = 0x27
    }

    /// Stores the bytes of `word` (`UInt64` or `UInt32`) at `at` in memory order. Bounds are checked.
    private static func store<Word: FixedWidthInteger>(_ word: Word, into out: UnsafeMutableBufferPointer<UInt8>, at: Int) {
        precondition(at >= 0 && at + MemoryLayout<Word>.size <= out.count, "identifier longer than its buffer")
        // Safe: the range was checked above; stores of integers need no alignment.
        UnsafeMutableRawPointer(out.baseAddress!).storeBytes(of: word.littleEndian, toByteOffset: at, as: Word.self)
    }
}
