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
            var at = 0
            writeHex(versioned >> 32, digits: 8, into: out, at: &at)
            write(UInt8(ascii: "-"), into: out, at: &at)
            writeHex(versioned >> 16, digits: 4, into: out, at: &at)
            write(UInt8(ascii: "-"), into: out, at: &at)
            writeHex(versioned, digits: 4, into: out, at: &at)
            write(UInt8(ascii: "-"), into: out, at: &at)
            writeHex(variant >> 48, digits: 4, into: out, at: &at)
            write(UInt8(ascii: "-"), into: out, at: &at)
            writeHex(variant, digits: 12, into: out, at: &at)
            return at
        }
    }

    /// Base64 (RFC 4648 §4) of 11 bytes, `first`'s eight from the low byte up, then `second`'s low
    /// three: 15 characters and a trailing `=`, like `KtF82HGdliAFjxw=` (what `Base64.encode` gives
    /// for those bytes, written straight into the string).
    package static func extendedId(_ first: UInt64, _ second: UInt64) -> String {
        func byte(_ index: Int) -> UInt32 {
            UInt32(truncatingIfNeeded: index < 8 ? first >> (index * 8) : second >> ((index - 8) * 8)) & 0xFF
        }
        return ascii(count: 16) { out in
            var at = 0
            for group in stride(from: 0, to: 12, by: 3) {
                let bits = byte(group) << 16 | byte(group + 1) << 8 | (group + 2 < 11 ? byte(group + 2) : 0)
                for shift in stride(from: 18, through: 0, by: -6) where at < 15 {
                    write(base64Symbol(bits >> UInt32(shift) & 63), into: out, at: &at)
                }
            }
            write(UInt8(ascii: "="), into: out, at: &at)
            return at
        }
    }

    /// `Root=1-{8 hex epoch seconds}-{24 hex random}`.
    package static func traceId(epochSeconds: Int64, random: (UInt64, UInt64)) -> String {
        ascii(count: 40) { out in
            var at = 0
            for byte in "Root=1-".utf8 { write(byte, into: out, at: &at) }
            writeHex(UInt64(truncatingIfNeeded: epochSeconds), digits: 8, into: out, at: &at)
            write(UInt8(ascii: "-"), into: out, at: &at)
            writeHex(random.0, digits: 16, into: out, at: &at)
            writeHex(random.1, digits: 8, into: out, at: &at)
            return at
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

    /// Writes the low `digits` nibbles of `value` as lowercase hex, most significant first.
    private static func writeHex(_ value: UInt64, digits: Int, into out: UnsafeMutableBufferPointer<UInt8>, at: inout Int) {
        for index in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = UInt8(truncatingIfNeeded: value >> (UInt64(index) * 4)) & 0xF
            write(nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble, into: out, at: &at)
        }
    }

    /// The base64 alphabet by arithmetic: `A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/` for 0…63.
    private static func base64Symbol(_ sextet: UInt32) -> UInt8 {
        let value = UInt8(truncatingIfNeeded: sextet)
        switch value {
        case 0..<26: return 0x41 &+ value
        case 26..<52: return 0x61 &+ (value &- 26)
        case 52..<62: return 0x30 &+ (value &- 52)
        case 62: return UInt8(ascii: "+")
        default: return UInt8(ascii: "/")
        }
    }
}
