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

/// Random identifiers from OpenSSL's generator (`SecureRandom`). Thread-safe.
///
/// Every request takes 32 random bytes. `RAND_bytes` costs about as much for 4 KiB as for 32 bytes
/// (parameter lookups, a fork check with `getpid`), so bytes are drawn 4 KiB at a time into a pool
/// behind a mutex and handed out 32 at a time: one uncontended lock per request, one `RAND_bytes`
/// per 128 requests. The strings are written as ASCII bytes in one buffer each.
package final class RandomRequestIdentifiers: RequestIdentifierSource {
    private static let refillBytes = 4096
    private let pool = Mutex<(bytes: [UInt8], next: Int)>(([], 0))

    package init() {}

    package func identifiers(epochSeconds: Int64, incomingTraceId: String?) -> RequestIdentifiers {
        let (a, b, c, d) = randomWords()
        let trace: String
        if let incomingTraceId, incomingTraceId.contains("Root=") {
            trace = incomingTraceId
        } else {
            trace = Self.traceId(epochSeconds: epochSeconds, random: (b ^ d, c ^ a))
        }
        return RequestIdentifiers(requestId: Self.uuid(a, b), extendedRequestId: Self.extendedId(c, d), traceId: trace)
    }

    /// The next 32 bytes of the pool as four words, refilling it when it runs out.
    private func randomWords() -> (UInt64, UInt64, UInt64, UInt64) {
        pool.withLock { pool in
            if pool.next + 32 > pool.bytes.count {
                pool.bytes = SecureRandom.bytes(Self.refillBytes)
                pool.next = 0
            }
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for offset in 0..<8 {
                let at = pool.next + offset
                words.0 = words.0 << 8 | UInt64(pool.bytes[at])
                words.1 = words.1 << 8 | UInt64(pool.bytes[at + 8])
                words.2 = words.2 << 8 | UInt64(pool.bytes[at + 16])
                words.3 = words.3 << 8 | UInt64(pool.bytes[at + 24])
            }
            pool.next += 32
            return words
        }
    }

    /// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` from 128 random bits.
    package static func uuid(_ high: UInt64, _ low: UInt64) -> String {
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let variant = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        var out: [UInt8] = []
        out.reserveCapacity(36)
        appendHex(versioned >> 32, digits: 8, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(versioned >> 16, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(versioned, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(variant >> 48, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(variant, digits: 12, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 of 11 bytes: 15 characters and a trailing `=`, like `KtF82HGdliAFjxw=`.
    package static func extendedId(_ first: UInt64, _ second: UInt64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(11)
        for shift in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: first >> (shift * 8))) }
        for shift in 0..<3 { bytes.append(UInt8(truncatingIfNeeded: second >> (shift * 8))) }
        return Base64.encode(bytes)
    }

    /// `Root=1-{8 hex epoch seconds}-{24 hex random}`.
    package static func traceId(epochSeconds: Int64, random: (UInt64, UInt64)) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(40)
        out.append(contentsOf: "Root=1-".utf8)
        appendHex(UInt64(truncatingIfNeeded: epochSeconds), digits: 8, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(random.0, digits: 16, to: &out)
        appendHex(random.1, digits: 8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the low `digits` nibbles of `value` as lowercase hex, most significant first.
    private static func appendHex(_ value: UInt64, digits: Int, to out: inout [UInt8]) {
        for index in stride(from: digits - 1, through: 0, by: -1) {
            out.append(hexDigits[Int(truncatingIfNeeded: value >> (UInt64(index) * 4)) & 0xF])
        }
    }
}
