/// RFC 3986 percent-decoding of URL components, byte-oriented and Foundation-free.
///
/// Malformed escapes (`%`, `%4`, `%zz`) are kept literally, as lenient servers do.
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
                    if l != bytes.endIndex, let hi = hexValue(bytes[h]), let lo = hexValue(bytes[l]) {
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

    /// The value of an ASCII hex digit, or nil.
    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
