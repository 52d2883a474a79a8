/// A compiled policy string: literal bytes, IAM's `*` and `?` wildcards, and `${…}` policy variables.
///
/// One type serves every place the policy language compares text: `Action` names (wildcards,
/// ASCII case-insensitive), `Resource` ARN segments (wildcards and variables, case-sensitive) and
/// condition values (`StringLike`: wildcards and variables; `StringEquals`: variables only, so a
/// `*` there is a literal star). A variable's value is always literal text: `${aws:username}`
/// resolving to `a*` matches only `a*`.
///
/// Matching is the iterative two-pointer glob algorithm with one backtrack point (the last `*`
/// seen): on a mismatch the text position restarts one scalar after where that star began, so the
/// work is at most (pattern length + 1) × (text length + 1) steps, with no recursion and no
/// exponential backtracking whatever the pattern. `?` consumes one Unicode scalar (IAM's "any
/// single character"), never half of a multi-byte one. Pure; runs on any thread.
package struct WildcardPattern: Sendable, Equatable {
    /// A `${key}` or `${key, 'default'}` reference; `key` is lower-cased (condition keys are
    /// case-insensitive), `defaultValue` is used when the request context lacks the key.
    package struct Variable: Sendable, Equatable {
        package let key: String
        package let defaultValue: [UInt8]?
    }

    /// Literal byte (0...255), `star`, `one`, or `variableBase - index` for `variables[index]`.
    package let elements: [Int32]
    package let variables: [Variable]
    /// ASCII case folding on both sides (literals are stored lower-cased).
    package let foldsCase: Bool

    static let star: Int32 = -1
    static let one: Int32 = -2
    static let variableBase: Int32 = -3

    /// Compiles `text`. `wildcards`: `*` and `?` are wildcards (otherwise literal); `variables`:
    /// `${…}` is a policy variable (only in `Version` 2012-10-17 documents), with IAM's escapes
    /// `${*}`, `${?}` and `${$}` for a literal `*`, `?` and `$`. An unterminated `${` is literal.
    package init(_ text: String, wildcards: Bool, variables allowVariables: Bool, foldsCase: Bool = false) {
        var elements: [Int32] = []
        var variables: [Variable] = []
        let bytes = Array(text.utf8)
        elements.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if allowVariables, byte == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                let inner = Array(bytes[(i + 2)..<close])
                switch inner {
                case [UInt8(ascii: "*")], [UInt8(ascii: "?")], [UInt8(ascii: "$")]:
                    elements.append(Int32(inner[0]))
                default:
                    if let variable = Self.parseVariable(inner) {
                        elements.append(Self.variableBase - Int32(variables.count))
                        variables.append(variable)
                    } else {
                        elements.append(contentsOf: bytes[i...close].map { Int32($0) })
                    }
                }
                i = close + 1
                continue
            }
            if wildcards, byte == UInt8(ascii: "*") {
                // Consecutive stars are one star; keeping one bounds the backtracking state.
                if elements.last != Self.star { elements.append(Self.star) }
            } else if wildcards, byte == UInt8(ascii: "?") {
                elements.append(Self.one)
            } else {
                elements.append(Int32(foldsCase ? Self.lower(byte) : byte))
            }
            i += 1
        }
        self.elements = elements
        self.variables = variables
        self.foldsCase = foldsCase
    }

    private init(elements: [Int32], variables: [Variable], foldsCase: Bool) {
        self.elements = elements
        self.variables = variables
        self.foldsCase = foldsCase
    }

    /// True when the pattern is a single `*` (matches everything, the common `Resource: "*"`).
    package var matchesEverything: Bool { elements == [Self.star] }

    /// The parts of the pattern between literal `separator` bytes, at most `limit` parts (the last
    /// keeps the remaining separators). Variables never split: a `:` inside `${aws:username}` is
    /// part of the variable.
    package func split(separator: UInt8, limit: Int) -> [WildcardPattern] {
        var parts: [WildcardPattern] = []
        var start = 0
        var index = 0
        while index < elements.count, parts.count < limit - 1 {
            if elements[index] == Int32(separator) {
                parts.append(WildcardPattern(elements: Array(elements[start..<index]), variables: variables, foldsCase: foldsCase))
                start = index + 1
            }
            index += 1
        }
        parts.append(WildcardPattern(elements: Array(elements[start...]), variables: variables, foldsCase: foldsCase))
        return parts
    }

    /// True when the last element is a `*` wildcard.
    package var endsWithStar: Bool { elements.last == Self.star }

    // MARK: - Matching

    /// Whether `text` matches, variables resolved from `context`. A variable whose key is absent
    /// (and has no default) or holds several values makes the pattern match nothing, as IAM treats
    /// an unresolvable variable.
    package func matches(_ text: ArraySlice<UInt8>, context: PolicyContext) -> Bool {
        if variables.isEmpty { return Self.match(elements[...], text, foldsCase: foldsCase) }
        guard let resolved = resolve(context) else { return false }
        return Self.match(resolved[...], text, foldsCase: foldsCase)
    }

    /// The elements with every variable replaced by its value's literal bytes; nil if one is unresolvable.
    private func resolve(_ context: PolicyContext) -> [Int32]? {
        var out: [Int32] = []
        out.reserveCapacity(elements.count + 16)
        for element in elements {
            guard element <= Self.variableBase else { out.append(element); continue }
            let variable = variables[Int(Self.variableBase - element)]
            let value: [UInt8]
            if let values = context.values(forLowercasedKey: variable.key) {
                guard values.count == 1 else { return nil }
                value = values[0]
            } else if let fallback = variable.defaultValue {
                value = fallback
            } else {
                return nil
            }
            out.append(contentsOf: value.map { Int32(foldsCase ? Self.lower($0) : $0) })
        }
        return out
    }

    /// The glob match itself (see the type's comment for the bound).
    static func match(_ pattern: ArraySlice<Int32>, _ text: ArraySlice<UInt8>, foldsCase: Bool) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var starAt = -1               // pattern index just after the last star, -1 if none yet
        var starText = text.startIndex // text index that star's run currently ends at
        while t < text.endIndex {
            if p < pattern.endIndex {
                let element = pattern[p]
                if element == star {
                    starAt = p + 1
                    starText = t
                    p += 1
                    continue
                }
                if element == one {
                    t = nextScalar(text, after: t)
                    p += 1
                    continue
                }
                let byte = foldsCase ? lower(text[t]) : text[t]
                if element == Int32(byte) {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard starAt >= 0 else { return false }
            // Let the last star absorb one more scalar and retry the rest of the pattern from there.
            starText = nextScalar(text, after: starText)
            t = starText
            p = starAt
        }
        while p < pattern.endIndex, pattern[p] == star { p += 1 }
        return p == pattern.endIndex
    }

    /// The index after the UTF-8 scalar starting at `index` (continuation bytes are 10xxxxxx).
    private static func nextScalar(_ text: ArraySlice<UInt8>, after index: Int) -> Int {
        var next = index + 1
        while next < text.endIndex, text[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// `key` or `key, 'default'` (IAM's default-value syntax); nil when the key is empty.
    private static func parseVariable(_ inner: [UInt8]) -> Variable? {
        var keyBytes = inner
        var defaultValue: [UInt8]?
        if let comma = inner.firstIndex(of: UInt8(ascii: ",")) {
            keyBytes = Array(inner[..<comma])
            let rest = trimmed(Array(inner[(comma + 1)...]))
            guard rest.count >= 2, rest.first == UInt8(ascii: "'"), rest.last == UInt8(ascii: "'") else { return nil }
            defaultValue = Array(rest[1..<(rest.count - 1)])
        }
        let key = trimmed(keyBytes)
        guard !key.isEmpty else { return nil }
        return Variable(key: String(decoding: key.map(lower), as: UTF8.self), defaultValue: defaultValue)
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var slice = bytes[...]
        while let first = slice.first, first == UInt8(ascii: " ") { slice = slice.dropFirst() }
        while let last = slice.last, last == UInt8(ascii: " ") { slice = slice.dropLast() }
        return Array(slice)
    }
}
