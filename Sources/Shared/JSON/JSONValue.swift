/// A JSON document with object keys kept in order (Lambda events are written in AWS's field order).
///
/// `true`/`false` and numbers stay distinct (unlike Foundation's bridging), which the Lambda proxy
/// result rules need. Serialization is compact and deterministic.
package enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The value of `key` in an object (the last one when a key repeats); nil otherwise.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// `.string(text)` or `.null` when `text` is nil.
    package static func stringOrNull(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    // MARK: - Serialization

    /// Compact JSON text.
    package func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    package func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Self.format(value)
        case .string(let text): Self.writeEscaped(text, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                Self.writeEscaped(member.key, into: &out)
                out += ":"
                member.value.write(into: &out)
            }
            out += "}"
        }
    }

    /// Writes `text` as a JSON string literal, quotes included.
    package static func writeEscaped(_ text: String, into out: inout String) {
        out += "\""
        var run = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let scalar = scalars[i]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{08}": escape = "\\b"
            case "\u{0C}": escape = "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[run..<i])
                out += escape
                run = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out.unicodeScalars.append(contentsOf: scalars[run..<scalars.endIndex])
        out += "\""
    }

    package static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }
}

// MARK: - Duplicate keys

extension JSONValue {
    /// The same document with each object keeping only the **last** value of a repeated key (in the
    /// position of that last occurrence), recursively: how Jackson, which AWS's services parse
    /// with, binds `{"a":1,"a":2}` (a = 2). Documents without repeats come back equal.
    package func keepingLastOfDuplicateKeys() -> JSONValue {
        switch self {
        case .array(let items):
            return .array(items.map { $0.keepingLastOfDuplicateKeys() })
        case .object(let members):
            var lastIndex: [String: Int] = [:]
            for (index, member) in members.enumerated() { lastIndex[member.key] = index }
            var kept: [(key: String, value: JSONValue)] = []
            kept.reserveCapacity(lastIndex.count)
            for (index, member) in members.enumerated() where lastIndex[member.key] == index {
                kept.append((member.key, member.value.keepingLastOfDuplicateKeys()))
            }
            return .object(kept)
        default:
            return self
        }
    }
}
