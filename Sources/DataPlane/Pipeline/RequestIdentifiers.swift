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

/// Random identifiers from the system generator (getrandom). Thread-safe, no state.
package struct RandomRequestIdentifiers: RequestIdentifierSource {
    package init() {}

    package func identifiers(epochSeconds: Int64, incomingTraceId: String?) -> RequestIdentifiers {
        var generator = SystemRandomNumberGenerator()
        let a = generator.next() as UInt64, b = generator.next() as UInt64
        let c = generator.next() as UInt64, d = generator.next() as UInt64
        let trace: String
        if let incomingTraceId, incomingTraceId.contains("Root=") {
            trace = incomingTraceId
        } else {
            trace = Self.traceId(epochSeconds: epochSeconds, random: (b ^ d, c ^ a))
        }
        return RequestIdentifiers(requestId: Self.uuid(a, b), extendedRequestId: Self.extendedId(c, d), traceId: trace)
    }

    /// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` from 128 random bits.
    package static func uuid(_ high: UInt64, _ low: UInt64) -> String {
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let variant = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let h = hex(versioned, digits: 16), l = hex(variant, digits: 16)
        let hc = Array(h), lc = Array(l)
        return String(hc[0..<8]) + "-" + String(hc[8..<12]) + "-" + String(hc[12..<16]) + "-" + String(lc[0..<4]) + "-" + String(lc[4..<16])
    }

    /// Base64 of 11 bytes: 15 characters and a trailing `=`, like `KtF82HGdliAFjxw=`.
    package static func extendedId(_ first: UInt64, _ second: UInt64) -> String {
        let bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: first >> ($0 * 8)) }
            + (0..<3).map { UInt8(truncatingIfNeeded: second >> ($0 * 8)) }
        return Base64Codec.encode(bytes)
    }

    /// `Root=1-{8 hex epoch seconds}-{24 hex random}`.
    package static func traceId(epochSeconds: Int64, random: (UInt64, UInt64)) -> String {
        "Root=1-" + hex(UInt64(truncatingIfNeeded: epochSeconds), digits: 8) + "-" + hex(random.0, digits: 16) + hex(random.1, digits: 8)
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        if text.count >= digits { return String(text.suffix(digits)) }
        return String(repeating: "0", count: digits - text.count) + text
    }
}
