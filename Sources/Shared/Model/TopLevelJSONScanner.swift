/// Walks the members of a JSON document's top-level object without decoding it: for each member,
/// the byte range of its raw key (between the quotes) and of its value.
///
/// A structural scan only: it tracks strings (with escapes) and bracket depth so it can skip nested
/// values, and checks the top level's `{ "key": value, … }` shape; it does not validate numbers,
/// literals or escapes. Callers that need a fully valid document still decode it. Pure, linear in the
/// bytes it visits, and it stops as soon as the visitor returns false.
struct TopLevelJSONScanner {
    /// One top-level member: `key` excludes the quotes and is not unescaped.
    struct Member {
        let key: Range<Int>
        let value: Range<Int>
    }

    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Calls `visit` for each top-level member in document order until it returns false.
    /// Returns false when the bytes are not shaped like an object (as far as the walk went).
    func forEachMember(_ visit: (Member) -> Bool) -> Bool {
        var index = skipWhitespace(from: 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        index = skipWhitespace(from: index + 1)
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "}") { return skipWhitespace(from: index + 1) == bytes.count }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""),
                  let keyEnd = endOfString(from: index) else { return false }
            let key = (index + 1)..<(keyEnd - 1)
            index = skipWhitespace(from: keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index = skipWhitespace(from: index + 1)
            guard let valueEnd = endOfValue(from: index) else { return false }
            if !visit(Member(key: key, value: index..<valueEnd)) { return true }
            index = skipWhitespace(from: valueEnd)
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: ","): index = skipWhitespace(from: index + 1)
            case UInt8(ascii: "}"): return skipWhitespace(from: index + 1) == bytes.count
            default: return false
            }
        }
    }

    /// True when the member's raw key is exactly `name` (ASCII, no escapes).
    func key(_ member: Member, is name: String) -> Bool {
        bytes[member.key].elementsEqual(name.utf8)
    }

    // MARK: - Lexing

    private func skipWhitespace(from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    /// Index just past the closing quote of the string opening at `start`, or nil if unterminated.
    private func endOfString(from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }

    /// Index just past the value starting at `start`, or nil if it is empty or unterminated.
    private func endOfValue(from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return endOfString(from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = endOfString(from: index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"):
                    return index == start ? nil : index
                default:
                    index += 1
                }
            }
            return index == start ? nil : index
        }
    }
}
