/// Writes a `JSONValue` as a block-style YAML document that reads back to the same value in
/// this reader (YAML 1.2 core schema) and in YAML 1.1 readers such as PyYAML.
///
/// Keys keep the value's order. A string is written plain only when it is unambiguous under
/// both schemas (no indicator, no `: ` or ` #`, not a YAML 1.1 boolean or null word such as
/// `yes`/`off`/`~`, not number-, date- or time-like); otherwise it is double-quoted with escapes
/// for every non-printable character. Numbers always carry a decimal point before an exponent
/// (`1.0e-05`), because YAML 1.1 reads `1e-05` as a string. Output ends with a newline.
package enum YAMLWriter {
    package static func write(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .array(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, into: &out)
        case .object(let members) where !members.isEmpty:
            writeMapping(members, indent: 0, into: &out)
        default:
            writeInline(value, into: &out)
            out += "\n"
        }
        return out
    }

    // MARK: - Collections

    /// Writes entries at `indent`; the caller has already written the indentation of the first.
    private static func writeMapping(_ members: [(key: String, value: JSONValue)], indent: Int, into out: inout String) {
        for (i, member) in members.enumerated() {
            if i > 0 { out += String(repeating: " ", count: indent) }
            writeString(member.key, into: &out)
            out += ":"
            writeValue(member.value, indent: indent, into: &out)
        }
    }

    private static func writeSequence(_ items: [JSONValue], indent: Int, into out: inout String) {
        for (i, item) in items.enumerated() {
            if i > 0 { out += String(repeating: " ", count: indent) }
            out += "-"
            switch item {
            case .array(let inner) where !inner.isEmpty:
                out += " "
                writeSequence(inner, indent: indent + 2, into: &out)
            case .object(let members) where !members.isEmpty:
                out += " "
                writeMapping(members, indent: indent + 2, into: &out)
            default:
                out += " "
                writeInline(item, into: &out)
                out += "\n"
            }
        }
    }

    /// The value after `key:` — nested collections go on the following lines.
    private static func writeValue(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "\n" + String(repeating: " ", count: indent + 2)
            writeMapping(members, indent: indent + 2, into: &out)
        case .array(let items) where !items.isEmpty:
            out += "\n" + String(repeating: " ", count: indent + 2)
            writeSequence(items, indent: indent + 2, into: &out)
        default:
            out += " "
            writeInline(value, into: &out)
            out += "\n"
        }
    }

    private static func writeInline(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let bool): out += bool ? "true" : "false"
        case .number(let number): out += format(number)
        case .string(let text): writeString(text, into: &out)
        case .array: out += "[]"
        case .object: out += "{}"
        }
    }

    // MARK: - Scalars

    static func format(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        var text = JSONValue.format(number)
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") {
            text.insert(contentsOf: ".0", at: e)
        }
        return text
    }

    private static func writeString(_ text: String, into out: inout String) {
        if isSafePlain(text) {
            out += text
        } else {
            writeDoubleQuoted(text, into: &out)
        }
    }

    /// Words YAML 1.1 resolves to booleans or null (PyYAML's resolver), compared lowercased.
    private static let ambiguousWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"]

    /// Plain only when every character is a letter, digit or one of `_-./$@()` (single inner
    /// spaces allowed), it starts with a letter, `_`, `/` or `$`, and it is not an ambiguous word.
    static func isSafePlain(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, last != 0x20 else { return false }
        let startsWell = (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
            || first == UInt8(ascii: "_") || first == UInt8(ascii: "/") || first == UInt8(ascii: "$")
        guard startsWell else { return false }
        var previousSpace = false
        for b in utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "$"),
                 UInt8(ascii: "@"), UInt8(ascii: "("), UInt8(ascii: ")"):
                previousSpace = false
            case 0x20:
                if previousSpace { return false }
                previousSpace = true
            default:
                return false
            }
        }
        if utf8.count <= 5 && ambiguousWords.contains(text.lowercased()) { return false }
        return true
    }

    private static func writeDoubleQuoted(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let v = scalar.value
                if v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
