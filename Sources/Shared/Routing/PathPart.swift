/// One path part of a REST API resource: a literal (`pets`), a variable (`{petId}`) or a greedy
/// variable (`{proxy+}`).
///
/// Parsing is pure and accepts what Amazon API Gateway's CreateResource accepts: literals of URL path
/// characters (no `/`, `?`, `#`, `%`, braces, spaces or control characters) and variable names of
/// letters, digits, `.`, `_` and `-`.
package enum PathPart: Hashable, Sendable, CustomStringConvertible {
    case literal(String)
    case variable(String)
    case greedy(String)

    /// Parses a `pathPart` as stored in a `Resource`; nil when it is not a valid path part.
    package init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.first == UInt8(ascii: "{") {
            guard bytes.count >= 3, bytes.last == UInt8(ascii: "}") else { return nil }
            var inner = bytes[1..<(bytes.count - 1)]
            let isGreedy = inner.last == UInt8(ascii: "+")
            if isGreedy { inner = inner.dropLast() }
            guard !inner.isEmpty, inner.allSatisfy(Self.isNameByte) else { return nil }
            let name = String(decoding: inner, as: UTF8.self)
            self = isGreedy ? .greedy(name) : .variable(name)
        } else {
            guard bytes.allSatisfy(Self.isLiteralByte) else { return nil }
            self = .literal(text)
        }
    }

    /// The text as written in the resource (`pets`, `{id}`, `{proxy+}`).
    package var description: String {
        switch self {
        case .literal(let text): return text
        case .variable(let name): return "{\(name)}"
        case .greedy(let name): return "{\(name)+}"
        }
    }

    /// The variable name, or nil for a literal.
    package var variableName: String? {
        switch self {
        case .literal: return nil
        case .variable(let name), .greedy(let name): return name
        }
    }

    /// True for `{name}` and `{name+}`.
    package var isVariable: Bool { variableName != nil }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    static func isLiteralByte(_ byte: UInt8) -> Bool {
        if byte <= 0x20 || byte == 0x7F { return false }
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\\"), UInt8(ascii: "\""):
            return false
        default:
            return true
        }
    }
}
