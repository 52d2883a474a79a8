/// The YAML 1.2 core schema (§10.3.2): how an untagged plain scalar resolves to null, a
/// boolean, an integer or a float; everything else is a string.
///
/// Integers and floats become `Double` because `JSONValue` has one number type (integers above
/// 2^53 lose precision exactly as they would in JSON). `.inf` and `.nan` become non-finite
/// doubles, which `JSONValue` serializes as `null`.
enum YAMLCoreSchema {
    /// The JSON value of a plain, untagged scalar.
    static func resolve(_ text: String) -> JSONValue {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let number = number(text) { return .number(number) }
            return .string(text)
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            return isNull(text) ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return bool(text).map(JSONValue.bool) ?? .string(text)
        default:
            return .string(text)
        }
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The value of an integer (`12`, `-3`, `0o17`, `0x1F`) or a float (`1.5`, `-.5e3`, `.inf`,
    /// `-.Inf`, `.nan`) in core-schema notation; nil for anything else.
    static func number(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        func digits(_ from: Int, _ to: Int, _ isDigit: (UInt8) -> Bool) -> Bool {
            from < to && bytes[from..<to].allSatisfy(isDigit)
        }
        let decimal: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") {
            guard digits(2, bytes.count, { $0 >= 0x30 && $0 <= 0x37 }), let value = UInt64(text.dropFirst(2), radix: 8) else { return nil }
            return Double(value)
        }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") {
            guard digits(2, bytes.count, { YAMLScanner.hexValue($0) != nil }), let value = UInt64(text.dropFirst(2), radix: 16) else { return nil }
            return Double(value)
        }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        let rest = String(decoding: bytes[i...], as: UTF8.self)
        switch rest {
        case ".inf", ".Inf", ".INF": return negative ? -.infinity : .infinity
        case ".nan", ".NaN", ".NAN": return i == 0 ? .nan : nil
        default: break
        }
        // [0-9]+ ( . [0-9]* )? | . [0-9]+, then an optional exponent.
        let intStart = i
        while i < bytes.count, decimal(bytes[i]) { i += 1 }
        let intDigits = i - intStart
        var fractionDigits = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < bytes.count, decimal(bytes[i]) { i += 1 }
            fractionDigits = i - fractionStart
        }
        guard intDigits > 0 || fractionDigits > 0 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            guard digits(i, bytes.count, decimal) else { return nil }
            i = bytes.count
        }
        guard i == bytes.count else { return nil }
        return Double(text)
    }
}
