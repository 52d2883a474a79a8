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

    /// Writes `text` as a JSON string literal, quotes included (RFC 8259 §7).
    package static func writeEscaped(_ text: String, into out: inout String) {
        writeEscapedText(text, into: &out)
    }

    /// Writes `text` as a JSON string literal in UTF-8, quotes included: the same escaping for
    /// writers that build bytes (`tollgate echo`).
    package static func writeEscaped(_ text: String, into out: inout [UInt8]) {
        writeEscapedText(text, into: &out)
    }

    /// The one JSON string escaper: `"`, `\`, and control characters (short forms where JSON
    /// has them, else `\u00XX`); everything else, non-ASCII included, is copied in runs.
    private static func writeEscapedText<Output: JSONTextOutput>(_ text: String, into out: inout Output) {
        out.appendJSONText("\"")
        let utf8 = text.utf8
        var run = utf8.startIndex
        var i = run
        while i != utf8.endIndex {
            let byte = utf8[i]
            let escape: String?
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x08: escape = "\\b"
            case 0x0C: escape = "\\f"
            case 0x00..<0x20:
                let hex = String(byte, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                escape = nil
            }
            if let escape {
                // Escaped bytes are ASCII, so `run` and `i` lie on scalar boundaries.
                out.appendJSONRun(of: text, run..<i)
                out.appendJSONText(escape)
                run = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        out.appendJSONRun(of: text, run..<utf8.endIndex)
        out.appendJSONText("\"")
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
