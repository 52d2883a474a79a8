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

    /// Encodes a path segment value, keeping `/` (greedy values span segments).
    package static func pathValue(_ text: String) -> String {
        encode(text) { isUnreserved($0) || $0 == UInt8(ascii: "/") }
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
