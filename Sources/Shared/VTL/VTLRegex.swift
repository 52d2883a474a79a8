/// The subset of Java's `java.util.regex` that mapping templates use with `replaceAll`,
/// `replaceFirst`, `matches` and `split`, compiled into a small tree and run by `VTLRegexMatcher`.
///
/// Supported: literals; `.` (not a line terminator, as Java); `^`, `$`, `\b`, `\B`; classes
/// `[abc]`, `[^a-z]` with ranges and escapes inside; `\d \D \w \W \s \S`, `\t \n \r \f \e`,
/// `\xhh`, `\uhhhh`, `\Q…\E`, an escaped punctuation character; groups `(…)`, `(?:…)`;
/// alternation `|`; quantifiers `* + ? {n} {n,} {n,m}`, greedy or lazy (`*?`). Anything else
/// (look-around, back-references, named groups, flags, possessive quantifiers, class
/// intersections) is a `SyntaxError`, which the template sees as Java's `PatternSyntaxException`.
/// Characters are Unicode scalars (Java counts UTF-16 units; they differ only beyond U+FFFF).
package struct VTLRegex: Sendable {
    package struct SyntaxError: Error, Equatable, Sendable {
        package let message: String
    }

    indirect enum Node: Sendable {
        case empty
        case scalar(Unicode.Scalar)
        case any
        case set(CharacterSet)
        case lineStart
        case lineEnd
        case wordBoundary(Bool)
        case group(Node, capture: Int?)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?, greedy: Bool)
    }

    /// A character class: ranges, predefined classes, negation.
    struct CharacterSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [(kind: UInt8, negated: Bool)] = []
        var negated = false

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            var found = ranges.contains { $0.contains(scalar.value) }
            if !found { found = classes.contains { VTLRegex.classContains($0.kind, scalar) != $0.negated } }
            return found != negated
        }
    }

    let root: Node
    let groupCount: Int

    /// Compiles `pattern`; throws for syntax outside the subset.
    package init(_ pattern: String) throws(SyntaxError) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        let root = try parser.parseAlternation(depth: 0)
        guard parser.index == parser.scalars.count else { throw SyntaxError(message: "Unmatched closing ')' in \(pattern)") }
        self.root = root
        self.groupCount = parser.groups
    }

    /// `\d`, `\w`, `\s` as Java defines them without UNICODE_CHARACTER_CLASS (ASCII only).
    static func classContains(_ kind: UInt8, _ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch kind {
        case UInt8(ascii: "d"): return v >= 0x30 && v <= 0x39
        case UInt8(ascii: "w"): return (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) || v == 0x5F
        default: return v == 0x20 || (v >= 0x09 && v <= 0x0D)
        }
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var groups = 0

        func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func next() throws(SyntaxError) -> Unicode.Scalar {
            guard index < scalars.count else { throw SyntaxError(message: "Unexpected end of pattern") }
            index += 1
            return scalars[index - 1]
        }

        mutating func parseAlternation(depth: Int) throws(SyntaxError) -> Node {
            guard depth < 50 else { throw SyntaxError(message: "Pattern nests too deep") }
            var branches = [try parseSequence(depth: depth)]
            while peek() == "|" {
                index += 1
                branches.append(try parseSequence(depth: depth))
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseSequence(depth: Int) throws(SyntaxError) -> Node {
            var items: [Node] = []
            while let scalar = peek(), scalar != "|", scalar != ")" {
                if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "Q" {
                    index += 2
                    while index < scalars.count {
                        if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "E" { index += 2; break }
                        items.append(.scalar(scalars[index]))
                        index += 1
                    }
                    continue
                }
                let atom = try parseAtom(depth: depth)
                items.append(try parseQuantifier(atom))
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        mutating func parseQuantifier(_ atom: Node) throws(SyntaxError) -> Node {
            var min = 0
            var max: Int? = nil
            switch peek() {
            case "*": index += 1
            case "+": index += 1; min = 1
            case "?": index += 1; max = 1
            case "{":
                index += 1
                min = try number()
                max = min
                if peek() == "," {
                    index += 1
                    max = peek() == "}" ? nil : try number()
                }
                guard try next() == "}" else { throw SyntaxError(message: "Unclosed counted closure") }
                if let max, max < min { throw SyntaxError(message: "Illegal repetition range") }
            default: return atom
            }
            var greedy = true
            if peek() == "?" { index += 1; greedy = false } else if peek() == "+" {
                throw SyntaxError(message: "Possessive quantifiers are not supported")
            }
            if case .lineStart = atom { return atom }
            return .repetition(atom, min: min, max: max, greedy: greedy)
        }

        mutating func number() throws(SyntaxError) -> Int {
            var value = 0
            var digits = 0
            while let scalar = peek(), scalar.value >= 0x30, scalar.value <= 0x39 {
                value = value * 10 + Int(scalar.value - 0x30)
                digits += 1
                index += 1
                guard value <= 100_000 else { throw SyntaxError(message: "Repetition count too large") }
            }
            guard digits > 0 else { throw SyntaxError(message: "Illegal repetition") }
            return value
        }

        mutating func parseAtom(depth: Int) throws(SyntaxError) -> Node {
            let scalar = try next()
            switch scalar {
            case ".": return .any
            case "^": return .lineStart
            case "$": return .lineEnd
            case "(":
                var capture: Int? = nil
                if peek() == "?" {
                    index += 1
                    guard try next() == ":" else { throw SyntaxError(message: "Unsupported group construct") }
                } else {
                    groups += 1
                    capture = groups
                }
                let inner = try parseAlternation(depth: depth + 1)
                guard try next() == ")" else { throw SyntaxError(message: "Unclosed group") }
                return .group(inner, capture: capture)
            case "[": return .set(try parseClass())
            case "\\": return try parseEscape(inClass: false)
            case "*", "+", "?", "{": throw SyntaxError(message: "Dangling meta character '\(scalar)'")
            default: return .scalar(scalar)
            }
        }

        mutating func parseClass() throws(SyntaxError) -> CharacterSet {
            var set = CharacterSet()
            if peek() == "^" { index += 1; set.negated = true }
            var first = true
            while true {
                let scalar = try next()
                if scalar == "]", !first { return set }
                first = false
                var low: Unicode.Scalar
                if scalar == "[" || (scalar == "&" && peek() == "&") {
                    throw SyntaxError(message: "Nested classes and intersections are not supported")
                }
                if scalar == "\\" {
                    switch try parseEscape(inClass: true) {
                    case .scalar(let value): low = value
                    case .set(let inner): set.classes += inner.classes; continue
                    default: throw SyntaxError(message: "Illegal escape in class")
                    }
                } else {
                    low = scalar
                }
                if peek() == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    var high = try next()
                    if high == "\\" {
                        guard case .scalar(let value) = try parseEscape(inClass: true) else { throw SyntaxError(message: "Illegal character range") }
                        high = value
                    }
                    guard high.value >= low.value else { throw SyntaxError(message: "Illegal character range") }
                    set.ranges.append(low.value...high.value)
                } else {
                    set.ranges.append(low.value...low.value)
                }
            }
        }

        mutating func parseEscape(inClass: Bool) throws(SyntaxError) -> Node {
            let scalar = try next()
            switch scalar {
            case "d", "w", "s":
                return .set(CharacterSet(classes: [(UInt8(scalar.value), false)]))
            case "D", "W", "S":
                return .set(CharacterSet(classes: [(UInt8(scalar.value | 0x20), true)]))
            case "t": return .scalar("\t")
            case "n": return .scalar("\n")
            case "r": return .scalar("\r")
            case "f": return .scalar("\u{0C}")
            case "e": return .scalar("\u{1B}")
            case "b" where !inClass: return .wordBoundary(true)
            case "B" where !inClass: return .wordBoundary(false)
            case "x": return .scalar(try hex(count: 2))
            case "u": return .scalar(try hex(count: 4))
            default:
                let v = scalar.value
                let alphanumeric = (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A)
                guard !alphanumeric else { throw SyntaxError(message: "Unsupported escape sequence \\\(scalar)") }
                return .scalar(scalar)
            }
        }

        mutating func hex(count: Int) throws(SyntaxError) -> Unicode.Scalar {
            var value: UInt32 = 0
            for _ in 0..<count {
                let scalar = try next()
                guard scalar.value < 0x80, let digit = Hex.value(of: UInt8(scalar.value)) else {
                    throw SyntaxError(message: "Illegal hexadecimal escape sequence")
                }
                value = value << 4 | UInt32(digit)
            }
            guard let scalar = Unicode.Scalar(value) else { throw SyntaxError(message: "Illegal hexadecimal escape sequence") }
            return scalar
        }
    }
}
