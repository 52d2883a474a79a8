import Shared

/// Percent-encoding for values placed into integration URLs.
package enum PercentEncoding {
    /// RFC 3986 unreserved characters.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Encodes a query-string name or value (everything but unreserved characters).
    package static func queryComponent(_ text: String) -> String {
        encode(text, keep: isUnreserved)
    }

    /// Encodes decoded text (a mapped query, header, stage-variable or literal value) as one path
    /// segment: everything but unreserved characters, so `/`, `?`, `#`, `;` and `%` cannot split,
    /// end or re-escape the integration path. Dot segments are not made safe by encoding (`..` is
    /// unreserved): `PathSafety.isSafeValue` refuses them.
    package static func pathSegment(_ text: String) -> String {
        encode(text, keep: isUnreserved)
    }

    /// Makes a captured path parameter (still percent-encoded, as AWS passes it) valid in a path:
    /// `pchar`s (RFC 3986 §3.3: unreserved, sub-delims, `:`, `@`), well-formed `%XX` escapes and `/`
    /// (only a greedy value has one) are kept as received; anything else (`"`, `<`, `\`, `^`, `{`,
    /// a `%` without two hex digits, …) is encoded.
    package static func rawPathValue(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.indices.contains(where: { !keepsRaw(bytes, at: $0) }) else { return text }
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for index in bytes.indices {
            let byte = bytes[index]
            if keepsRaw(bytes, at: index) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `rawPathValue` keeps `bytes[index]` as it is.
    private static func keepsRaw(_ bytes: [UInt8], at index: Int) -> Bool {
        let byte = bytes[index]
        if isUnreserved(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"),
             UInt8(ascii: "@"), UInt8(ascii: "/"):
            return true
        case UInt8(ascii: "%"):
            return index + 2 < bytes.count && PercentDecoding.hexValue(bytes[index + 1]) != nil
                && PercentDecoding.hexValue(bytes[index + 2]) != nil
        default:
            return false
        }
    }

    /// Encodes a Lambda function name or ARN for the Invoke API path, as botocore does (`:` → `%3A`).
    package static func functionName(_ text: String) -> String {
        encode(text) { isUnreserved($0) }
    }

    static func encode(_ text: String, keep: (UInt8) -> Bool) -> String {
        guard !text.utf8.allSatisfy(keep) else { return text }
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if keep(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
