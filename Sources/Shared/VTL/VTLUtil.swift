/// `$util` in a mapping template: the six functions API Gateway documents
/// ("api-gateway-mapping-template-reference"), with the Java behaviour behind them.
/// - `escapeJavaScript(s)`: Commons Lang 2's `StringEscapeUtils.escapeJavaScript`: `'` → `\'`,
///   `"` → `\"`, `\` → `\\`, `/` → `\/`, `\b \t \n \f \r` as such, other control characters and
///   every character above U+007E as `\uXXXX` (upper-case hex, UTF-16 units, so an emoji is two).
/// - `parseJson(s)`: the JSON document as a template value; malformed JSON is a runtime error.
/// - `urlEncode(s)`/`urlDecode(s)`: `java.net.URLEncoder`/`URLDecoder` with UTF-8
///   (`application/x-www-form-urlencoded`: space ↔ `+`; `A–Z a–z 0–9 . - * _` kept); a malformed
///   `%` escape is Java's `IllegalArgumentException`, a runtime error.
/// - `base64Encode(s)`/`base64Decode(s)`: standard, padded base64 of the UTF-8 bytes; an invalid
///   one is a runtime error.
/// A function of another name, or with other arguments, is null, as AWS leaves it.
package final class VTLUtil: VTLHostObject {
    package init() {}

    package func property(_ name: String) -> VTLValue? { nil }

    package func call(_ method: String, _ arguments: [VTLValue]) throws(VTLHostError) -> VTLValue? {
        guard arguments.count == 1 else { return nil }
        let argument = arguments[0]
        if argument.isNull { return .null }
        let text = VTLRendering.string(argument)
        switch method {
        case "escapeJavaScript": return .string(Self.escapeJavaScript(text))
        case "parseJson":
            do {
                return VTLValue(json: try JSONParser.parse(Array(text.utf8)))
            } catch {
                throw VTLHostError("Invalid JSON at offset \(error.offset): \(error.reason)")
            }
        case "urlEncode": return .string(Self.urlEncode(text))
        case "urlDecode":
            guard let decoded = Self.urlDecode(text) else {
                throw VTLHostError("IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern")
            }
            return .string(decoded)
        case "base64Encode": return .string(Base64.encode(Array(text.utf8)))
        case "base64Decode":
            guard let bytes = Base64.decode(text) else { throw VTLHostError("IllegalArgumentException: Illegal base64 character") }
            return .string(String(decoding: bytes, as: UTF8.self))
        default:
            return nil
        }
    }

    package var rendered: String { "$util" }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    package static func escapeJavaScript(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        func unicode(_ unit: UInt16) {
            out += [UInt8(ascii: "\\"), UInt8(ascii: "u"),
                    upperHex[Int(unit >> 12 & 0xF)], upperHex[Int(unit >> 8 & 0xF)], upperHex[Int(unit >> 4 & 0xF)], upperHex[Int(unit & 0xF)]]
        }
        for unit in text.utf16 {
            switch unit {
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x27, 0x22, 0x5C, 0x2F: out += [0x5C, UInt8(unit)]
            case 0..<0x20, 0x7F...: unicode(unit)
            default: out.append(UInt8(unit))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `URLEncoder`'s kept characters, plus the space it turns into `+` afterwards.
    private static let formKept = PercentEncoding.AllowedSet(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-*_ ", unreserved: false)

    package static func urlEncode(_ text: String) -> String {
        let encoded = PercentEncoding.encode(text, keeping: formKept)
        guard encoded.utf8.contains(0x20) else { return encoded }
        return String(decoding: encoded.utf8.map { $0 == 0x20 ? UInt8(ascii: "+") : $0 }, as: UTF8.self)
    }

    /// Nil where Java's decoder throws: a `%` without two hex digits after it. Invalid UTF-8
    /// becomes U+FFFD, as Java's decoder replaces it.
    package static func urlDecode(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var i = 0
        while let percent = bytes[i...].firstIndex(of: UInt8(ascii: "%")) {
            guard percent + 2 < bytes.count, Hex.value(of: bytes[percent + 1]) != nil, Hex.value(of: bytes[percent + 2]) != nil else { return nil }
            i = percent + 3
        }
        return PercentDecoding.decodeString(text, plusAsSpace: true)
    }
}
