/// The YAML 1.2 scanner: UTF-8 bytes in, tokens out, pulled one at a time by `YAMLParser`.
///
/// The design is libyaml's (and PyYAML's): indentation becomes explicit block-start and
/// block-end tokens, and a "simple key" (an implicit mapping key) is remembered where it could
/// start, then turned into a KEY token retroactively when its `:` arrives. On top of that come the
/// YAML 1.2 rules libyaml lacks: `:` right after a JSON-like key in flow context (`{"a":1}`),
/// multi-line implicit keys inside flow mappings, plain scalars starting with `-?:`, tabs refused
/// as block indentation, and flow content indented under its block parent. Pure and synchronous;
/// all input is read from one `[UInt8]`, never decoded into `Character`s.
struct YAMLScanner {
    /// Where an implicit key could start at one flow level (index 0 is block context).
    struct SimpleKey {
        var possible = false
        var required = false
        var afterTab = false
        var tokenNumber = 0
        var mark = YAMLMark.start
    }

    let bytes: [UInt8]
    var pos = 0
    /// 1-based line and 0-based column (in Unicode scalars) of `pos`.
    var line = 1
    var column = 0
    /// Offset of the first byte of the current line.
    var lineStart = 0

    var tokens: [YAMLToken] = []
    var head = 0
    /// Tokens already handed to the parser; a simple key's `tokenNumber` counts from the start.
    var tokensParsed = 0
    var streamStartProduced = false
    var streamEndProduced = false

    var indent = -1
    var indents: [Int] = []
    var flowLevel = 0
    /// For each open flow collection, whether it is a mapping (its keys may span lines).
    var flowIsMapping: [Bool] = []
    var simpleKeyAllowed = false
    var simpleKeys: [SimpleKey] = [SimpleKey()]
    /// Whether the last token was a quoted scalar or a flow collection's end: in flow context a
    /// `:` after such a JSON-like node is a value indicator even without a following space.
    var lastWasJSONLike = false
    /// Whether the white space before the current token on its line contains a tab (a tab may
    /// not separate a block indicator from a block collection that starts after it).
    var tabBeforeToken = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: - Token queue

    /// The next token without consuming it.
    mutating func peek() throws(YAMLError) -> YAMLToken {
        try fetchMoreTokens()
        return tokens[head]
    }

    /// Consumes the token `peek` returned.
    mutating func skip() {
        head += 1
        tokensParsed += 1
        if head == tokens.count {
            tokens.removeAll(keepingCapacity: true)
            head = 0
        }
    }

    private mutating func fetchMoreTokens() throws(YAMLError) {
        while true {
            var need = head == tokens.count
            if !need && !streamEndProduced {
                try staleSimpleKeys()
                for key in simpleKeys where key.possible && key.tokenNumber == tokensParsed {
                    need = true
                    break
                }
            }
            if !need { return }
            try fetchNextToken()
        }
    }

    // MARK: - Bytes

    @inline(__always) func at(_ k: Int) -> UInt8 {
        let i = pos &+ k
        return i < bytes.count ? bytes[i] : 0
    }

    var atEnd: Bool { pos >= bytes.count }

    var mark: YAMLMark { YAMLMark(offset: pos, line: line, column: column + 1) }

    /// Moves past one byte that is not a line break.
    @inline(__always) mutating func advance() {
        if bytes[pos] & 0xC0 != 0x80 { column += 1 }
        pos += 1
    }

    mutating func advance(_ n: Int) {
        for _ in 0..<n { advance() }
    }

    /// Moves past a line break (`\n`, `\r\n` or `\r`).
    mutating func skipBreak() {
        if bytes[pos] == 0x0D, pos + 1 < bytes.count, bytes[pos + 1] == 0x0A { pos += 2 } else { pos += 1 }
        line += 1
        column = 0
        lineStart = pos
    }

    @inline(__always) static func isBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    /// Blank, break or the end of input (which `at` reports as 0; NUL never passes validation).
    @inline(__always) static func isBlankZ(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0 }
    @inline(__always) static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    func error(_ message: String) -> YAMLError { YAMLError(message, at: mark) }

    /// `---` or `...` at the start of a line, followed by a blank or the end.
    var atDocumentMarker: Bool {
        guard column == 0, pos + 2 < bytes.count else { return false }
        let c = bytes[pos]
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        return bytes[pos + 1] == c && bytes[pos + 2] == c && Self.isBlankZ(at(3))
    }

    /// Whether everything between the start of the line and `pos` is blanks; sets `hasTab`.
    func inLineIndentation(hasTab: inout Bool) -> Bool {
        var i = lineStart
        while i < pos {
            let b = bytes[i]
            if b == 0x09 { hasTab = true } else if b != 0x20 { return false }
            i += 1
        }
        return true
    }

    // MARK: - Fetching

    private mutating func fetchNextToken() throws(YAMLError) {
        if !streamStartProduced {
            streamStartProduced = true
            simpleKeyAllowed = true
            if at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF { pos += 3; lineStart = 3 }
            tokens.append(YAMLToken(kind: .streamStart, mark: mark))
            return
        }
        let afterJSONLike = lastWasJSONLike
        lastWasJSONLike = false
        try scanToNextToken()
        try staleSimpleKeys()
        unrollIndent(column)
        if atEnd { return try fetchStreamEnd() }
        let c = at(0)
        if column == 0 {
            if c == UInt8(ascii: "%") { return try fetchDirective() }
            if atDocumentMarker {
                return try fetchDocumentIndicator(c == UInt8(ascii: "-") ? .documentStart : .documentEnd)
            }
        }
        let next = at(1)
        switch c {
        case UInt8(ascii: "["): try fetchFlowCollectionStart(.flowSequenceStart, mapping: false)
        case UInt8(ascii: "{"): try fetchFlowCollectionStart(.flowMappingStart, mapping: true)
        case UInt8(ascii: "]"): try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): try fetchFlowEntry()
        case UInt8(ascii: "-") where Self.isBlankZ(next): try fetchBlockEntry()
        case UInt8(ascii: "?") where Self.isBlankZ(next): try fetchKey()
        case UInt8(ascii: ":") where Self.isBlankZ(next) || (flowLevel > 0 && (Self.isFlowIndicator(next) || afterJSONLike)):
            try fetchValue()
        case UInt8(ascii: "*"): try fetchAnchor(alias: true)
        case UInt8(ascii: "&"): try fetchAnchor(alias: false)
        case UInt8(ascii: "!"): try fetchTag()
        case UInt8(ascii: "|") where flowLevel == 0: try fetchBlockScalar(literal: true)
        case UInt8(ascii: ">") where flowLevel == 0: try fetchBlockScalar(literal: false)
        case UInt8(ascii: "'"): try fetchFlowScalar(double: false)
        case UInt8(ascii: "\""): try fetchFlowScalar(double: true)
        default:
            guard canStartPlain(c, next) else { throw error("found a character that cannot start any token") }
            try saveSimpleKey()
            simpleKeyAllowed = false
            tokens.append(try scanPlainScalar())
        }
    }

    /// YAML 1.2 `ns-plain-first`: not an indicator, or `-?:` followed by a safe character.
    private func canStartPlain(_ c: UInt8, _ next: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !Self.isBlankZ(next) && !(flowLevel > 0 && Self.isFlowIndicator(next))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        default:
            return !Self.isBlankZ(c)
        }
    }

    /// Skips blanks, comments and line breaks up to the next token; refuses tabs used as block
    /// indentation and flow content that is not indented under its enclosing block.
    private mutating func scanToNextToken() throws(YAMLError) {
        tabBeforeToken = false
        while true {
            while Self.isBlank(at(0)) {
                if bytes[pos] == 0x09 { tabBeforeToken = true }
                pos += 1
                column += 1
            }
            if at(0) == UInt8(ascii: "#") {
                if pos > lineStart, !Self.isBlank(bytes[pos - 1]) {
                    throw error("a comment must be separated from other tokens by white space")
                }
                while !atEnd, !Self.isBreak(bytes[pos]) { advance() }
            }
            guard !atEnd, Self.isBreak(bytes[pos]) else { break }
            skipBreak()
            tabBeforeToken = false
            if flowLevel == 0 { simpleKeyAllowed = true }
        }
        guard !atEnd else { return }
        var hasTab = false
        guard inLineIndentation(hasTab: &hasTab), hasTab || flowLevel > 0 else { return }
        tabBeforeToken = tabBeforeToken || hasTab
        var spaces = 0
        while bytes[lineStart + spaces] == 0x20 { spaces += 1 }
        if spaces <= indent {
            throw error(hasTab ? "tabs must not be used for indentation" : "flow content must be indented more than its enclosing block")
        }
    }

    /// Refuses a block collection that a tab separates from the indicator before it (`-\t- a`).
    func refuseTabBeforeBlockCollection(_ mark: YAMLMark) throws(YAMLError) {
        throw YAMLError("a tab cannot separate a block indicator from a nested block collection", at: mark)
    }

    mutating func staleSimpleKeys() throws(YAMLError) {
        for i in simpleKeys.indices where simpleKeys[i].possible {
            let key = simpleKeys[i]
            let multiline = i > 0 && flowIsMapping[i - 1]
            if (!multiline && key.mark.line < line) || key.mark.offset + 1024 < pos {
                if key.required { throw YAMLError("could not find the ':' of an implicit mapping key", at: key.mark) }
                simpleKeys[i].possible = false
            }
        }
    }

    mutating func saveSimpleKey() throws(YAMLError) {
        guard simpleKeyAllowed else { return }
        let required = flowLevel == 0 && indent == column
        try removeSimpleKey()
        simpleKeys[simpleKeys.count - 1] = SimpleKey(
            possible: true, required: required, afterTab: tabBeforeToken, tokenNumber: tokensParsed + tokens.count - head, mark: mark)
    }

    mutating func removeSimpleKey() throws(YAMLError) {
        let key = simpleKeys[simpleKeys.count - 1]
        if key.possible && key.required {
            throw YAMLError("could not find the ':' of an implicit mapping key", at: key.mark)
        }
        simpleKeys[simpleKeys.count - 1].possible = false
    }

    mutating func rollIndent(_ column: Int, tokenNumber: Int?, _ kind: YAMLToken.Kind, _ mark: YAMLMark) {
        guard flowLevel == 0, indent < column else { return }
        indents.append(indent)
        indent = column
        let token = YAMLToken(kind: kind, mark: mark)
        if let tokenNumber {
            tokens.insert(token, at: head + tokenNumber - tokensParsed)
        } else {
            tokens.append(token)
        }
    }

    mutating func unrollIndent(_ column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            tokens.append(YAMLToken(kind: .blockEnd, mark: mark))
            indent = indents.removeLast()
        }
    }
}
