/// Java `String` behaviour the template methods need: UTF-16 indices (`length()`,
/// `substring`, `indexOf`, `charAt` count UTF-16 units, as Java does), literal `replace`, and
/// the regex-based `replaceAll`/`replaceFirst`/`split`.
struct VTLJavaString {
    let units: [UInt16]

    init(_ text: String) { units = Array(text.utf16) }

    /// `substring(begin, end)`; nil where Java throws `StringIndexOutOfBoundsException`.
    func substring(_ begin: Int64, _ end: Int64) -> String? {
        guard begin >= 0, end >= begin, end <= Int64(units.count) else { return nil }
        return String(decoding: units[Int(begin)..<Int(end)], as: UTF16.self)
    }

    func indexOf(_ needle: String, from: Int64) -> Int {
        let target = Array(needle.utf16)
        let start = Int(max(0, min(from, Int64(units.count))))
        if target.isEmpty { return start }
        guard units.count >= target.count else { return -1 }
        var i = start
        while i + target.count <= units.count {
            if units[i] == target[0], units[i..<(i + target.count)].elementsEqual(target) { return i }
            i += 1
        }
        return -1
    }

    func lastIndexOf(_ needle: String) -> Int {
        let target = Array(needle.utf16)
        guard units.count >= target.count else { return -1 }
        var i = units.count - target.count
        while i >= 0 {
            if units[i..<(i + target.count)].elementsEqual(target) { return i }
            i -= 1
        }
        return -1
    }

    /// `replace(CharSequence, CharSequence)`: every occurrence, left to right; an empty target
    /// inserts the replacement between all characters, as Java does.
    static func replacingLiteral(_ text: String, _ target: String, _ replacement: String, limit: Int) -> String {
        let source = Array(text.utf8)
        let needle = Array(target.utf8)
        let insert = Array(replacement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        if needle.isEmpty {
            out += insert
            for scalar in text.unicodeScalars {
                out += Array(String(scalar).utf8)
                out += insert
                if out.count > limit { break }
            }
            return String(decoding: out, as: UTF8.self)
        }
        var i = 0
        while i < source.count {
            if source[i] == needle[0], i + needle.count <= source.count, source[i..<(i + needle.count)].elementsEqual(needle) {
                out += insert
                i += needle.count
                if out.count > limit { break }
            } else {
                out.append(source[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `replaceAll`/`replaceFirst`: `$n` in the replacement is group n, `\x` is `x`; `$` not
    /// followed by a group number is Java's `IllegalArgumentException`.
    static func replace(_ matcher: inout VTLRegexMatcher, _ replacement: String, all: Bool, limit: Int) throws(VTLRegexFailure) -> String {
        let input = matcher.input
        var out: [Unicode.Scalar] = []
        var position = 0
        var searchFrom = 0
        let template = Array(replacement.unicodeScalars)
        while searchFrom <= input.count, let found = matcher.find(from: searchFrom) {
            out.append(contentsOf: input[position..<found.lowerBound])
            var i = 0
            while i < template.count {
                let scalar = template[i]
                if scalar == "\\" {
                    i += 1
                    guard i < template.count else { throw .syntax("IllegalArgumentException: character to be escaped is missing") }
                    out.append(template[i])
                } else if scalar == "$" {
                    i += 1
                    guard i < template.count, let digit = template[i].properties.numericType != nil ? Int(template[i].value) - 0x30 : nil,
                          digit >= 0, digit <= 9 else { throw .syntax("IllegalArgumentException: Illegal group reference") }
                    var group = digit
                    // Java takes more digits while they still name an existing group.
                    while i + 1 < template.count, template[i + 1].value >= 0x30, template[i + 1].value <= 0x39,
                          group * 10 + Int(template[i + 1].value) - 0x30 <= matcher.regex.groupCount {
                        i += 1
                        group = group * 10 + Int(template[i].value) - 0x30
                    }
                    guard group <= matcher.regex.groupCount else { throw .syntax("IndexOutOfBoundsException: No group \(group)") }
                    let start = matcher.captures[group * 2], end = matcher.captures[group * 2 + 1]
                    if start >= 0, end >= start { out.append(contentsOf: input[start..<end]) }
                } else {
                    out.append(scalar)
                }
                i += 1
            }
            if out.count > limit { throw .tooLarge }
            position = found.upperBound
            if found.isEmpty {
                if found.lowerBound < input.count { out.append(input[found.lowerBound]) }
                position = found.lowerBound + 1
            }
            searchFrom = position
            if !all { break }
        }
        if position < input.count { out.append(contentsOf: input[position...]) }
        if matcher.exhausted { return "" }
        return String(String.UnicodeScalarView(out))
    }

    /// `split(regex, limit)`: with limit 0 trailing empty strings go; a zero-width match at the
    /// start never yields a leading empty string; no match yields the whole input.
    static func split(_ matcher: inout VTLRegexMatcher, limit: Int64) -> [String] {
        let input = matcher.input
        var parts: [String] = []
        var position = 0
        var searchFrom = 0
        while searchFrom <= input.count, limit <= 0 || Int64(parts.count) < limit - 1, let found = matcher.find(from: searchFrom) {
            if found.upperBound == 0 { searchFrom = 1; continue }
            if found.isEmpty, found.lowerBound >= input.count { break }
            parts.append(String(String.UnicodeScalarView(input[position..<found.lowerBound])))
            position = found.upperBound
            searchFrom = found.isEmpty ? found.upperBound + 1 : found.upperBound
        }
        if parts.isEmpty { return [String(String.UnicodeScalarView(input))] }
        parts.append(String(String.UnicodeScalarView(input[position...])))
        if limit == 0 { while parts.last?.isEmpty == true { parts.removeLast() } }
        return parts
    }
}

/// Why a regex operation failed beyond the pattern itself.
enum VTLRegexFailure: Error {
    /// Java's `IllegalArgumentException`/`IndexOutOfBoundsException` for a bad replacement.
    case syntax(String)
    /// The result grew past the output limit.
    case tooLarge
}
