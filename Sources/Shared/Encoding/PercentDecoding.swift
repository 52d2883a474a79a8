/// RFC 3986 percent-decoding of URL components, byte-oriented and Foundation-free: the one
/// decoder of the project.
///
/// Two policies, chosen by the caller: the lenient one (`decode`, `decodeString`) keeps malformed
/// escapes (`%`, `%4`, `%zz`) literally, as lenient servers do, and repairs invalid UTF-8 (the
/// router, the data plane's query parameters, the SigV4 canonical query, the echo backend); the
/// strict one (`decodeStrictly`) refuses them (the admin API's paths and queries, the long poll's
/// query). `+` is a space only where the caller says so (HTML form encoding of query strings):
/// SigV4 clients and botocore encode a space as `%20` and a literal `+` as `%2B`.
package enum PercentDecoding {
    /// Decodes `%XX` escapes; with `plusAsSpace` (query strings), `+` becomes a space.
    package static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, plusAsSpace: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                let h = bytes.index(after: i)
                if h != bytes.endIndex {
                    let l = bytes.index(after: h)
                    if l != bytes.endIndex, let hi = Hex.value(of: bytes[h]), let lo = Hex.value(of: bytes[l]) {
                        out.append(hi << 4 | lo)
                        i = bytes.index(after: l)
                        continue
                    }
                }
                out.append(byte)
            } else if plusAsSpace, byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
            i = bytes.index(after: i)
        }
        return out
    }

    /// Decodes to a String (invalid UTF-8 is replaced with U+FFFD).
    package static func decodeString<S: StringProtocol>(_ text: S, plusAsSpace: Bool = false) -> String {
        let utf8 = text.utf8
        if !utf8.contains(UInt8(ascii: "%")), !(plusAsSpace && utf8.contains(UInt8(ascii: "+"))) {
            return String(text)
        }
        return String(decoding: decode(utf8, plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    /// Decodes `%XY` escapes as UTF-8; nil for a malformed escape (`%`, `%4`, `%zz`) or when the
    /// result is not valid UTF-8. With `plusAsSpace`, a literal `+` becomes a space (an encoded
    /// `%2B` stays `+`).
    package static func decodeStrictly<S: StringProtocol>(_ text: S, plusAsSpace: Bool = false) -> String? {
        let utf8 = text.utf8
        if !utf8.contains(UInt8(ascii: "%")), !(plusAsSpace && utf8.contains(UInt8(ascii: "+"))) {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(Hex.value(of:)), let low = iterator.next().flatMap(Hex.value(of:)) else { return nil }
                bytes.append(high << 4 | low)
            } else if plusAsSpace, byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
