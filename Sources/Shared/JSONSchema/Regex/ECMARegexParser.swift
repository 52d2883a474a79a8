/// A recursive-descent parser for ECMA 262 patterns (the `Pattern` grammar with Annex B's lenient
/// literals: a `{`, `}` or `]` that starts no quantifier or class is itself), over Unicode scalars.
///
/// Supported: alternation, groups (capturing, `(?:…)`, named `(?<n>…)`), greedy and lazy
/// quantifiers, classes with ranges, `\d \D \w \W \s \S`, `\p{…}`/`\P{…}` general categories,
/// `.`, `^ $ \b \B`, lookahead `(?=…)`/`(?!…)`, backreferences `\1`, `\k<n>`, and the character
/// escapes `\t \n \v \f \r \0 \cX \xHH \uHHHH \u{H…}` (a `\uD83D\uDC32` surrogate pair is one
/// scalar). Refused with an error: lookbehind (ES2018; the ECMA 5 engines draft 4 was written
/// against have none), unknown `\p` names, unbalanced groups, quantifiers on nothing, `{n,m}` with
/// n > m, and nesting deeper than `maxNesting`. Pure; runs at schema compile time only.
struct ECMARegexParser {
    static let maxNesting = 64
    /// `{n,m}` bounds above this are refused: the compiler unrolls counted repetition.
    static let maxCount = 1_000

    private let scalars: [UInt32]
    private var position = 0
    private var groupCount = 0
    private var groupNames: [String: Int] = [:]
    private var pendingNamedReferences: [(name: String, offset: Int)] = []
    private(set) var usesBackreferences = false

    /// Parses `pattern`; returns the tree, the number of capturing groups and whether any
    /// backreference appears.
    static func parse(_ pattern: String) throws(ECMARegexError) -> (ECMARegexNode, groups: Int, backreferences: Bool) {
        var parser = ECMARegexParser(scalars: pattern.unicodeScalars.map(\.value))
        let node = try parser.parseDisjunction(depth: 0)
        guard parser.position == parser.scalars.count else { throw parser.error("unmatched ')'") }
        for reference in parser.pendingNamedReferences where parser.groupNames[reference.name] == nil {
            throw ECMARegexError(offset: reference.offset, reason: "unknown group name '\(reference.name)'")
        }
        return (try parser.resolveNamed(node), parser.groupCount, parser.usesBackreferences)
    }

    private init(scalars: [UInt32]) { self.scalars = scalars }

    private func error(_ reason: String) -> ECMARegexError { ECMARegexError(offset: position, reason: reason) }
    private var atEnd: Bool { position >= scalars.count }
    private func peek(_ ahead: Int = 0) -> UInt32? { position + ahead < scalars.count ? scalars[position + ahead] : nil }
    private func peekIs(_ c: Character, _ ahead: Int = 0) -> Bool { peek(ahead) == c.unicodeScalars.first!.value }

    // MARK: - Structure

    private mutating func parseDisjunction(depth: Int) throws(ECMARegexError) -> ECMARegexNode {
        guard depth < Self.maxNesting else { throw error("groups nested too deeply") }
        var alternatives = [try parseAlternative(depth: depth)]
        while peekIs("|") {
            position += 1
            alternatives.append(try parseAlternative(depth: depth))
        }
        return alternatives.count == 1 ? alternatives[0] : .alternate(alternatives)
    }

    private mutating func parseAlternative(depth: Int) throws(ECMARegexError) -> ECMARegexNode {
        var terms: [ECMARegexNode] = []
        while let c = peek(), c != 0x7C /* | */, c != 0x29 /* ) */ {
            terms.append(try parseTerm(depth: depth))
        }
        switch terms.count {
        case 0: return .empty
        case 1: return terms[0]
        default: return .concat(terms)
        }
    }

    private mutating func parseTerm(depth: Int) throws(ECMARegexError) -> ECMARegexNode {
        let c = scalars[position]
        switch c {
        case 0x5E: position += 1; return .start          // ^
        case 0x24: position += 1; return .end            // $
        case 0x5C where peekIs("b", 1): position += 2; return .wordBoundary(negated: false)
        case 0x5C where peekIs("B", 1): position += 2; return .wordBoundary(negated: true)
        case 0x28 where peekIs("?", 1) && (peekIs("=", 2) || peekIs("!", 2)):
            let negated = peekIs("!", 2)
            position += 3
            let body = try parseDisjunction(depth: depth + 1)
            guard peekIs(")") else { throw error("unterminated lookahead") }
            position += 1
            // Annex B allows a quantifier after a lookahead; it changes nothing useful, so refuse it.
            return .lookahead(body, negated: negated)
        case 0x28 where peekIs("?", 1) && peekIs("<", 2) && (peekIs("=", 3) || peekIs("!", 3)):
            throw error("lookbehind is not supported")
        default:
            break
        }
        let atom = try parseAtom(depth: depth)
        return try parseQuantifier(on: atom)
    }

    private mutating func parseQuantifier(on atom: ECMARegexNode) throws(ECMARegexError) -> ECMARegexNode {
        guard let c = peek() else { return atom }
        var bounds: (Int, Int?)
        switch c {
        case 0x2A: position += 1; bounds = (0, nil)      // *
        case 0x2B: position += 1; bounds = (1, nil)      // +
        case 0x3F: position += 1; bounds = (0, 1)        // ?
        case 0x7B:                                         // {
            guard let counted = try parseBraces() else { return atom }
            bounds = counted
        default:
            return atom
        }
        var greedy = true
        if peekIs("?") { position += 1; greedy = false }
        switch atom {
        case .start, .end, .wordBoundary, .empty: throw error("nothing to repeat")
        default: break
        }
        return .repetition(atom, min: bounds.0, max: bounds.1, greedy: greedy)
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil (and no input consumed) when the brace starts no quantifier.
    private mutating func parseBraces() throws(ECMARegexError) -> (Int, Int?)? {
        let start = position
        position += 1
        guard let low = parseDecimal() else { position = start; return nil }
        var high: Int? = low
        if peekIs(",") {
            position += 1
            high = peekIs("}") ? nil : parseDecimal()
            if high == nil && !peekIs("}") { position = start; return nil }
        }
        guard peekIs("}") else { position = start; return nil }
        position += 1
        if let high, high < low { throw error("numbers out of order in {} quantifier") }
        if low > Self.maxCount || (high ?? 0) > Self.maxCount { throw error("repetition count above \(Self.maxCount)") }
        return (low, high)
    }

    private mutating func parseDecimal() -> Int? {
        var value = 0
        var digits = 0
        while let c = peek(), c >= 0x30, c <= 0x39 {
            value = min(value * 10 + Int(c - 0x30), 1_000_000)
            digits += 1
            position += 1
        }
        return digits > 0 ? value : nil
    }

    private mutating func parseAtom(depth: Int) throws(ECMARegexError) -> ECMARegexNode {
        let c = scalars[position]
        switch c {
        case 0x2E: position += 1; return .any                 // .
        case 0x28: return try parseGroup(depth: depth)        // (
        case 0x5B: return .set(try parseClass())              // [
        case 0x5C: return try parseAtomEscape()               // \
        case 0x2A, 0x2B, 0x3F: throw error("nothing to repeat")
        case 0x7B:
            if (try? parseBracesProbe()) == true { throw error("nothing to repeat") }
            position += 1
            return .scalar(c)
        default:
            position += 1
            return .scalar(c)
        }
    }

    /// Whether a `{` here would be a quantifier (then it has nothing to repeat).
    private mutating func parseBracesProbe() throws(ECMARegexError) -> Bool {
        let start = position
        defer { position = start }
        return try parseBraces() != nil
    }

    private mutating func parseGroup(depth: Int) throws(ECMARegexError) -> ECMARegexNode {
        position += 1
        var capture: Int? = nil
        if peekIs("?") {
            if peekIs(":", 1) {
                position += 2
            } else if peekIs("<", 1) {
                position += 2
                var name = ""
                while let c = peek(), c != 0x3E, let scalar = Unicode.Scalar(c) {
                    name.unicodeScalars.append(scalar)
                    position += 1
                }
                guard peekIs(">"), !name.isEmpty else { throw error("invalid group name") }
                position += 1
                guard groupNames[name] == nil else { throw error("duplicate group name '\(name)'") }
                groupCount += 1
                groupNames[name] = groupCount
                capture = groupCount
            } else {
                throw error("invalid group")
            }
        } else {
            groupCount += 1
            capture = groupCount
        }
        let body = try parseDisjunction(depth: depth + 1)
        guard peekIs(")") else { throw error("unterminated group") }
        position += 1
        return .group(body, capture: capture)
    }

    // MARK: - Escapes

    private mutating func parseAtomEscape() throws(ECMARegexError) -> ECMARegexNode {
        position += 1
        guard let c = peek() else { throw error("\\ at end of pattern") }
        if c >= 0x31, c <= 0x39 {                             // \1 … backreference
            let number = parseDecimal() ?? 0
            usesBackreferences = true
            return .backreference(number)
        }
        if c == 0x6B, peekIs("<", 1) {                        // \k<name>
            let offset = position
            position += 2
            var name = ""
            while let c = peek(), c != 0x3E, let scalar = Unicode.Scalar(c) { name.unicodeScalars.append(scalar); position += 1 }
            guard peekIs(">") else { throw error("invalid \\k reference") }
            position += 1
            usesBackreferences = true
            pendingNamedReferences.append((name, offset))
            return .backreference(-(pendingNamedReferences.count))
        }
        if let builtin = try parseClassEscape() { return .set(ECMARegexCharSet(builtins: [builtin])) }
        return .scalar(try parseCharacterEscape(inClass: false))
    }

    /// `\d \D \w \W \s \S \p{…} \P{…}` (the backslash already consumed); nil for other escapes.
    private mutating func parseClassEscape() throws(ECMARegexError) -> ECMARegexCharSet.Builtin? {
        guard let c = peek() else { return nil }
        switch c {
        case 0x64: position += 1; return .digit
        case 0x44: position += 1; return .notDigit
        case 0x77: position += 1; return .word
        case 0x57: position += 1; return .notWord
        case 0x73: position += 1; return .space
        case 0x53: position += 1; return .notSpace
        case 0x70, 0x50:
            guard peekIs("{", 1) else { return nil }
            position += 2
            var name = ""
            while let c = peek(), c != 0x7D, let scalar = Unicode.Scalar(c) { name.unicodeScalars.append(scalar); position += 1 }
            guard peekIs("}") else { throw error("unterminated \\p{") }
            guard let mask = ECMARegexCharSet.categoryMask(named: name) else { throw error("unknown Unicode property '\(name)'") }
            position += 1
            return c == 0x70 ? .category(mask) : .notCategory(mask)
        default:
            return nil
        }
    }

    /// A character escape (the backslash already consumed) as the scalar it denotes.
    private mutating func parseCharacterEscape(inClass: Bool) throws(ECMARegexError) -> UInt32 {
        let c = scalars[position]
        position += 1
        switch c {
        case 0x74: return 0x09      // t
        case 0x6E: return 0x0A      // n
        case 0x76: return 0x0B      // v
        case 0x66: return 0x0C      // f
        case 0x72: return 0x0D      // r
        case 0x62 where inClass: return 0x08   // [\b] is backspace
        case 0x2D where inClass: return 0x2D
        case 0x30 where !(peek().map { $0 >= 0x30 && $0 <= 0x39 } ?? false): return 0
        case 0x63:                  // cX
            if let letter = peek(), (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A) {
                position += 1
                return letter % 32
            }
            position -= 1           // Annex B: a lone \c is a backslash then 'c'
            return 0x5C
        case 0x78:                  // xHH
            if let value = hex(count: 2) { return value }
            return 0x78
        case 0x75:                  // uHHHH, u{H…}
            if peekIs("{") {
                let start = position
                position += 1
                var value: UInt32 = 0
                var digits = 0
                while let d = peek(), let digit = Self.hexValue(d) {
                    value = value &* 16 &+ digit
                    digits += 1
                    position += 1
                    if value > 0x10FFFF { throw error("\\u{} escape above U+10FFFF") }
                }
                if digits > 0, peekIs("}") { position += 1; return value }
                position = start
                return 0x75
            }
            guard let high = hex(count: 4) else { return 0x75 }
            if (0xD800...0xDBFF).contains(high), peekIs("\\"), peekIs("u", 1) {
                let save = position
                position += 2
                if let low = hex(count: 4), (0xDC00...0xDFFF).contains(low) {
                    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                }
                position = save
            }
            return high
        default:
            return c                // identity escape
        }
    }

    private mutating func hex(count: Int) -> UInt32? {
        guard position + count <= scalars.count else { return nil }
        var value: UInt32 = 0
        for i in 0..<count {
            guard let digit = Self.hexValue(scalars[position + i]) else { return nil }
            value = value << 4 | digit
        }
        position += count
        return value
    }

    /// A hex digit's value (`Hex.value` on the ASCII range).
    private static func hexValue(_ c: UInt32) -> UInt32? {
        guard c < 0x80, let value = Hex.value(of: UInt8(c)) else { return nil }
        return UInt32(value)
    }

    // MARK: - Classes

    private mutating func parseClass() throws(ECMARegexError) -> ECMARegexCharSet {
        position += 1
        var set = ECMARegexCharSet()
        if peekIs("^") { set.negated = true; position += 1 }
        while true {
            guard let c = peek() else { throw error("unterminated character class") }
            if c == 0x5D { position += 1; return set }     // ]
            let low = try parseClassAtom()
            if peekIs("-"), let next = peek(1), next != 0x5D {
                position += 1
                let high = try parseClassAtom()
                guard case .scalar(let a) = low, case .scalar(let b) = high else {
                    // Annex B: a range with a class escape at either end is the three atoms.
                    for atom in [low, .scalar(0x2D), high] { add(atom, to: &set) }
                    continue
                }
                guard a <= b else { throw error("range out of order in character class") }
                set.ranges.append(a...b)
            } else {
                add(low, to: &set)
            }
        }
    }

    private enum ClassAtom { case scalar(UInt32), builtin(ECMARegexCharSet.Builtin) }

    private func add(_ atom: ClassAtom, to set: inout ECMARegexCharSet) {
        switch atom {
        case .scalar(let value): set.ranges.append(value...value)
        case .builtin(let builtin): set.builtins.append(builtin)
        }
    }

    private mutating func parseClassAtom() throws(ECMARegexError) -> ClassAtom {
        let c = scalars[position]
        guard c == 0x5C else { position += 1; return .scalar(c) }
        position += 1
        guard !atEnd else { throw error("\\ at end of pattern") }
        if let builtin = try parseClassEscape() { return .builtin(builtin) }
        return .scalar(try parseCharacterEscape(inClass: true))
    }

    // MARK: - Named references

    /// Replaces the placeholders `\k<name>` left (negative numbers) by their group numbers.
    private func resolveNamed(_ node: ECMARegexNode) throws(ECMARegexError) -> ECMARegexNode {
        switch node {
        case .backreference(let n) where n < 0:
            return .backreference(groupNames[pendingNamedReferences[-n - 1].name] ?? 0)
        case .concat(let items):
            var out: [ECMARegexNode] = []
            for item in items { out.append(try resolveNamed(item)) }
            return .concat(out)
        case .alternate(let items):
            var out: [ECMARegexNode] = []
            for item in items { out.append(try resolveNamed(item)) }
            return .alternate(out)
        case .group(let body, let capture): return .group(try resolveNamed(body), capture: capture)
        case .repetition(let body, let lo, let hi, let greedy): return .repetition(try resolveNamed(body), min: lo, max: hi, greedy: greedy)
        case .lookahead(let body, let negated): return .lookahead(try resolveNamed(body), negated: negated)
        default: return node
        }
    }
}
