/// References and expressions: what appears after `$` in text and inside directive parentheses,
/// method arguments and index brackets.
///
/// Precedence, lowest first, as Velocity: `||`/`or`, `&&`/`and`, `==`/`!=`/`eq`/`ne`,
/// `<`/`>`/`<=`/`>=`/`lt`/`gt`/`le`/`ge`, `+`/`-`, `*`/`/`/`%`, then unary `!`/`not`/`-`.
/// Primaries: references, `'single'` (no interpolation) and `"double"` (interpolated) strings, in
/// which a doubled quote is a quote and backslashes stay as written (so
/// `.replaceAll("\\'", "'")` gets the Java regex `\\'`), integers (Java `long`), decimals,
/// `true`/`false`, `[a, b]` lists, `[a..b]` ranges, `{k: v}` maps and parentheses.
extension VTLParser {
    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    // MARK: - References

    /// A reference at a `$`, or nil (cursor unmoved) when the `$` does not start one.
    mutating func parseReference() throws(VTLCompileError) -> VTLReference? {
        let start = mark
        let position = here
        advance()
        var quiet = false
        if peek() == UInt8(ascii: "!") { quiet = true; advance() }
        let braced = peek() == UInt8(ascii: "{")
        if braced { advance() }
        guard Self.isIdentifierStart(peek()) else {
            reset(to: start)
            return nil
        }
        let name = identifier()
        var steps: [VTLReferenceStep] = []
        while true {
            if peek() == UInt8(ascii: "."), Self.isIdentifierStart(peek(1)) {
                let stepPosition = here
                advance()
                let member = identifier()
                if peek() == UInt8(ascii: "(") {
                    advance()
                    let arguments = try parseArgumentList(closing: UInt8(ascii: ")"), commasOptional: false)
                    steps.append(.method(member, arguments, regex: Self.precompiledRegex(member, arguments), stepPosition))
                } else {
                    steps.append(.property(member, stepPosition))
                }
            } else if peek() == UInt8(ascii: "[") {
                let saved = mark
                let stepPosition = here
                advance()
                skipWhitespace()
                guard let index = try? parseExpression() else { reset(to: saved); break }
                skipWhitespace()
                guard peek() == UInt8(ascii: "]") else { reset(to: saved); break }
                advance()
                steps.append(.index(index, stepPosition))
            } else {
                break
            }
        }
        if braced {
            guard peek() == UInt8(ascii: "}") else { throw error(.unterminatedReference, at: position) }
            advance()
        }
        return VTLReference(slot: slot(for: name), steps: steps, quiet: quiet,
                            source: Array(bytes[start.position..<self.position]), position: position)
    }

    /// The regular expression of `replaceAll`/`replaceFirst`/`matches`/`split`, compiled with the
    /// template when it is a constant (a bad one fails when it runs, as Java's would).
    static func precompiledRegex(_ method: String, _ arguments: [VTLExpression]) -> VTLRegex? {
        guard ["replaceAll", "replaceFirst", "matches", "split"].contains(method),
              case .constant(.string(let pattern))? = arguments.first else { return nil }
        return try? VTLRegex(pattern)
    }

    /// Expressions up to `closing`, separated by commas (or, for macro calls, by whitespace).
    mutating func parseArgumentList(closing: UInt8, commasOptional: Bool) throws(VTLCompileError) -> [VTLExpression] {
        try enter()
        defer { depth -= 1 }
        var arguments: [VTLExpression] = []
        skipWhitespace()
        if peek() == closing { advance(); return arguments }
        while true {
            arguments.append(try parseExpression())
            skipWhitespace()
            if peek() == closing { advance(); return arguments }
            if peek() == UInt8(ascii: ",") {
                advance()
                skipWhitespace()
                continue
            }
            guard commasOptional, !atEnd else { throw error(.invalidExpression("expected ',' or '\(Character(Unicode.Scalar(closing)))'")) }
        }
    }

    // MARK: - Operators

    mutating func parseExpression() throws(VTLCompileError) -> VTLExpression {
        try enter()
        defer { depth -= 1 }
        return try parseBinary(level: 0)
    }

    /// The operators of each precedence level, lowest first: symbol spellings, then word spellings.
    static let levels: [[(symbol: String, word: String?, op: VTLOperator)]] = [
        [("||", "or", .or)],
        [("&&", "and", .and)],
        [("==", "eq", .equal), ("!=", "ne", .notEqual)],
        [("<=", "le", .lessOrEqual), (">=", "ge", .greaterOrEqual), ("<", "lt", .less), (">", "gt", .greater)],
        [("+", nil, .add), ("-", nil, .subtract)],
        [("*", nil, .multiply), ("/", nil, .divide), ("%", nil, .modulo)],
    ]

    mutating func parseBinary(level: Int) throws(VTLCompileError) -> VTLExpression {
        guard level < Self.levels.count else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while true {
            let saved = mark
            skipWhitespace()
            let position = here
            guard let op = matchOperator(Self.levels[level]) else { reset(to: saved); return left }
            let right = try parseBinary(level: level + 1)
            left = .binary(op, left, right, position: position)
        }
    }

    mutating func matchOperator(_ candidates: [(symbol: String, word: String?, op: VTLOperator)]) -> VTLOperator? {
        for candidate in candidates {
            if matches(candidate.symbol) {
                // `=` alone is not `==`; `..` is a range, not two operators.
                advance(candidate.symbol.utf8.count)
                return candidate.op
            }
            if let word = candidate.word, matchesWord(word) {
                advance(word.utf8.count)
                return candidate.op
            }
        }
        return nil
    }

    func matches(_ symbol: String) -> Bool {
        for (offset, byte) in symbol.utf8.enumerated() where peek(offset) != byte { return false }
        return true
    }

    func matchesWord(_ word: String) -> Bool {
        matches(word) && !Self.isIdentifierPart(peek(word.utf8.count))
    }

    mutating func parseUnary() throws(VTLCompileError) -> VTLExpression {
        skipWhitespace()
        let position = here
        if peek() == UInt8(ascii: "!"), peek(1) != UInt8(ascii: "=") {
            advance()
            try enter()
            defer { depth -= 1 }
            return .not(try parseUnary())
        }
        if matchesWord("not") {
            advance(3)
            try enter()
            defer { depth -= 1 }
            return .not(try parseUnary())
        }
        if peek() == UInt8(ascii: "-") {
            if let next = peek(1), next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") { return try parseNumber() }
            advance()
            try enter()
            defer { depth -= 1 }
            return .negate(try parseUnary(), position: position)
        }
        return try parsePrimary()
    }

    // MARK: - Primaries

    mutating func parsePrimary() throws(VTLCompileError) -> VTLExpression {
        skipWhitespace()
        let position = here
        guard let byte = peek() else { throw error(.invalidExpression("unexpected end of template")) }
        switch byte {
        case UInt8(ascii: "$"):
            guard let reference = try parseReference() else { throw error(.invalidExpression("expected a reference")) }
            return .reference(reference)
        case UInt8(ascii: "("):
            advance()
            let inner = try parseExpression()
            try expect(UInt8(ascii: ")"), directive: "(")
            return inner
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try parseString()
        case UInt8(ascii: "["):
            advance()
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { advance(); return .list([]) }
            try enter()
            defer { depth -= 1 }
            let first = try parseExpression()
            skipWhitespace()
            if matches("..") {
                advance(2)
                let last = try parseExpression()
                try expect(UInt8(ascii: "]"), directive: "range")
                return .range(from: first, to: last, position: position)
            }
            var items = [first]
            while true {
                skipWhitespace()
                if peek() == UInt8(ascii: "]") { advance(); return .list(items) }
                guard peek() == UInt8(ascii: ",") else { throw error(.invalidExpression("expected ',' or ']'")) }
                advance()
                items.append(try parseExpression())
            }
        case UInt8(ascii: "{"):
            advance()
            try enter()
            defer { depth -= 1 }
            var entries: [VTLMapEntryExpression] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "}") { advance(); return .map(entries) }
            while true {
                let key = try parseExpression()
                try expect(UInt8(ascii: ":"), directive: "map")
                let value = try parseExpression()
                entries.append(VTLMapEntryExpression(key: key, value: value))
                skipWhitespace()
                if peek() == UInt8(ascii: "}") { advance(); return .map(entries) }
                guard peek() == UInt8(ascii: ",") else { throw error(.invalidExpression("expected ',' or '}'")) }
                advance()
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            if matchesWord("true") { advance(4); return .constant(.bool(true)) }
            if matchesWord("false") { advance(5); return .constant(.bool(false)) }
            throw error(.invalidExpression("unexpected '\(Character(Unicode.Scalar(byte)))'"), at: position)
        }
    }

    mutating func parseNumber() throws(VTLCompileError) -> VTLExpression {
        let start = position
        let position = here
        if peek() == UInt8(ascii: "-") { advance() }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        while isDigit(peek()) { advance() }
        var isDecimal = false
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            isDecimal = true
            advance()
            while isDigit(peek()) { advance() }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E"),
           isDigit(peek(1)) || ((peek(1) == UInt8(ascii: "-") || peek(1) == UInt8(ascii: "+")) && isDigit(peek(2))) {
            isDecimal = true
            advance(2)
            while isDigit(peek()) { advance() }
        }
        let text = String(decoding: bytes[start..<self.position], as: UTF8.self)
        if !isDecimal, let value = Int64(text) { return .constant(.int(value)) }
        guard let value = Double(text) else { throw error(.invalidExpression("invalid number"), at: position) }
        return .constant(.double(value))
    }

    /// A string literal; a double-quoted one with `$` or `#` in it becomes a template of its own.
    mutating func parseString() throws(VTLCompileError) -> VTLExpression {
        let start = here
        let quote = bytes[position]
        advance()
        let contentStart = position
        let contentStartMark = mark
        var doubled = false
        while true {
            guard let byte = peek() else { throw error(.unterminatedString, at: start) }
            if byte == quote {
                if peek(1) == quote { doubled = true; advance(2); continue }
                break
            }
            if byte == UInt8(ascii: "\\"), position + 1 < end { advance() }
            advance()
        }
        let contentEnd = position
        advance()
        var content = Array(bytes[contentStart..<contentEnd])
        if doubled {
            var unescaped: [UInt8] = []
            var i = 0
            while i < content.count {
                unescaped.append(content[i])
                i += content[i] == quote && i + 1 < content.count && content[i + 1] == quote ? 2 : 1
            }
            content = unescaped
        }
        guard quote == UInt8(ascii: "\""), content.contains(UInt8(ascii: "$")) || content.contains(UInt8(ascii: "#")) else {
            return .constant(.string(String(decoding: content, as: UTF8.self)))
        }
        return .interpolated(try parseEmbedded(content, doubled ? nil : contentStartMark, at: start))
    }

    /// Parses `content` as a template, in place when it is a slice of the source (positions stay
    /// exact) or from its own buffer when quotes were unescaped (positions are the string's).
    mutating func parseEmbedded(_ content: [UInt8], _ inPlace: Mark?, at start: VTLPosition) throws(VTLCompileError) -> [VTLNode] {
        let after = mark
        let savedEnd = end
        var savedBytes: [UInt8]? = nil
        if let inPlace {
            reset(to: inPlace)
            end = inPlace.position + content.count
        } else {
            savedBytes = bytes
            bytes = content
            position = 0
            end = content.count
            line = Int(start.line)
            column = Int(start.column) + 1
        }
        defer {
            if let savedBytes { bytes = savedBytes }
            end = savedEnd
            reset(to: after)
        }
        let (nodes, _) = try parseNodes(inBlock: false, acceptsElse: false)
        return nodes
    }
}
