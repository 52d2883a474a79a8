/// RFC 6901 JSON Pointers as the schema engine uses them: `$ref` fragments (`#/definitions/a~1b`,
/// percent-decoded first, as a URI fragment is) and the instance paths of violations.
enum JSONPointer {
    /// The reference tokens of a fragment such as `/definitions/a` (no leading `#`); nil when it
    /// is not a pointer (a plain name like `foo`, for draft 4's `id: "#foo"`). `""` is the root.
    static func tokens(ofFragment fragment: String) -> [String]? {
        let decoded = percentDecoded(fragment)
        if decoded.isEmpty { return [] }
        guard decoded.hasPrefix("/") else { return nil }
        return decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { unescape(String($0)) }
    }

    /// `~1` → `/`, then `~0` → `~`.
    static func unescape(_ token: String) -> String {
        guard token.contains("~") else { return token }
        return token.replacing("~1", with: "/").replacing("~0", with: "~")
    }

    /// `~` → `~0`, `/` → `~1`.
    static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// `/a/0/b~1c` for the tokens, `""` for the root.
    static func render(_ tokens: [String]) -> String {
        var out = ""
        for token in tokens {
            out += "/"
            out += escape(token)
        }
        return out
    }

    /// The value `tokens` designate inside `value`, or nil when a token names nothing.
    static func resolve(_ tokens: ArraySlice<String>, in value: JSONValue) -> JSONValue? {
        var current = value
        for token in tokens {
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = arrayIndex(token), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// A pointer token as an array index: decimal digits, no leading zero (RFC 6901 §4).
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), token == "0" || !token.hasPrefix("0") else { return nil }
        return Int(token)
    }

    /// `%XX` sequences decoded as UTF-8; malformed sequences are kept as written.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "%"), i + 2 < source.count, let high = Hex.value(of: source[i + 1]), let low = Hex.value(of: source[i + 2]) {
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
