/// Compiles Velocity template source (UTF-8 bytes) into the node tree of a `VTLProgram`: pure,
/// synchronous, run once per template when a snapshot is compiled, never per request.
///
/// Velocity 1.7's lexical rules as API Gateway runs them:
/// - References: `$a`, `$!a`, `${a}`, `$!{a}`, then `.prop`, `.method(args)`, `[index]`.
///   Identifiers are `[A-Za-z_][A-Za-z0-9_-]*` (1.7 allows `-`: `$a-1` is the variable `a-1`).
///   `$` not followed by an identifier is text.
/// - Directives: `#set #if #elseif #else #end #foreach #break #stop #define #macro`, also as
///   `#{name}`; any other `#name(…)` is a macro call. `##` comments to the end of the line
///   (the newline included), `#* … *#` block comments, `#[[ … ]]#` unparsed text.
/// - Escapes: backslashes before a reference or a directive (see `parseBackslashes`).
/// - Whitespace, as Velocity 1.7 gobbles it: after the `)` of a directive (`#set`, `#if`,
///   `#elseif`, `#foreach`, `#macro`, `#define`, a macro call) and after `#else`, `#end`,
///   `#break`, `#stop`, trailing spaces or tabs and one newline are dropped when nothing else
///   follows on the line; spaces and tabs right before `#set` are dropped too. Other leading
///   indentation is kept.
struct VTLParser {
    var bytes: [UInt8]
    var position = 0
    var end: Int
    var line = 1
    var column = 1
    var depth = 0
    let limits: VTLLimits
    var slotIndex: [String: Int] = [:]
    var slotNames: [String] = []
    var macros: [String: VTLMacro] = [:]
    var blocks: [[VTLNode]] = []

    init(bytes: [UInt8], limits: VTLLimits) {
        self.bytes = bytes
        self.end = bytes.count
        self.limits = limits
    }

    /// How a run of nodes ended.
    enum Terminator {
        case endOfInput
        case end
        case otherwise
        case elseIf(VTLExpression)
    }

    /// A saved cursor, to back out of a construct that turns out to be text.
    struct Mark {
        let position: Int
        let line: Int
        let column: Int
    }

    // MARK: - Cursor

    var here: VTLPosition { VTLPosition(line: line, column: column) }
    var mark: Mark { Mark(position: position, line: line, column: column) }
    var atEnd: Bool { position >= end }

    mutating func reset(to mark: Mark) {
        position = mark.position
        line = mark.line
        column = mark.column
    }

    func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < end ? bytes[index] : nil
    }

    mutating func advance() {
        let byte = bytes[position]
        position += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func advance(_ count: Int) {
        for _ in 0..<count where position < end { advance() }
    }

    func error(_ kind: VTLCompileError.Kind, at position: VTLPosition? = nil) -> VTLCompileError {
        VTLCompileError(kind: kind, position: position ?? here)
    }

    mutating func slot(for name: String) -> Int {
        if let slot = slotIndex[name] { return slot }
        slotIndex[name] = slotNames.count
        slotNames.append(name)
        return slotNames.count - 1
    }

    static func isIdentifierStart(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
    }

    static func isIdentifierPart(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
    }

    static func isDirectiveNamePart(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    mutating func identifier(allowingHyphen: Bool = true) -> String {
        let start = position
        while allowingHyphen ? Self.isIdentifierPart(peek()) : Self.isDirectiveNamePart(peek()) { advance() }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Drops `[ \t]*` and one line break when they end the line; otherwise drops nothing.
    mutating func gobbleLineEnd() {
        let saved = mark
        while peek() == 0x20 || peek() == 0x09 { advance() }
        if peek() == 0x0A { advance(); return }
        if peek() == 0x0D { advance(); if peek() == 0x0A { advance() }; return }
        reset(to: saved)
    }

    mutating func enter() throws(VTLCompileError) {
        depth += 1
        if depth > limits.maxParseDepth { throw error(.nestingTooDeep) }
    }

    // MARK: - Template body

    /// Parses nodes until the input ends or a block directive this level accepts ends it.
    mutating func parseNodes(inBlock: Bool, acceptsElse: Bool) throws(VTLCompileError) -> ([VTLNode], Terminator) {
        try enter()
        defer { depth -= 1 }
        var nodes: [VTLNode] = []
        var text: [UInt8] = []
        func flush() { Self.flush(&text, into: &nodes) }
        while !atEnd {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "$"):
                if let reference = try parseReference() {
                    flush()
                    nodes.append(.reference(reference))
                } else {
                    text.append(byte)
                    advance()
                }
            case UInt8(ascii: "\\"):
                if let node = try parseBackslashes(into: &text) { flush(); nodes.append(node) }
            case UInt8(ascii: "#"):
                let start = here
                switch try parseHash(into: &text, nodes: &nodes) {
                case .none: break
                case .some(let terminator):
                    switch terminator {
                    case .end where inBlock, .otherwise where acceptsElse, .elseIf where acceptsElse:
                        flush()
                        return (nodes, terminator)
                    case .end: throw error(.unexpectedDirective("#end"), at: start)
                    case .otherwise: throw error(.unexpectedDirective("#else"), at: start)
                    case .elseIf: throw error(.unexpectedDirective("#elseif"), at: start)
                    case .endOfInput: break
                    }
                }
            default:
                text.append(byte)
                advance()
            }
        }
        flush()
        return (nodes, .endOfInput)
    }

    /// Moves pending text into a text node.
    static func flush(_ text: inout [UInt8], into nodes: inout [VTLNode]) {
        if !text.isEmpty { nodes.append(.text(text)); text.removeAll(keepingCapacity: true) }
    }

    /// A run of backslashes. Before a reference or a directive they escape it, as Velocity 1.7
    /// does: with an even count, half of them are text and the construct works as usual; with an
    /// odd count, half (rounded down) are text and the construct is text (`\#if` is `#if`; `\$a`
    /// is `$a` when `$a` has a value and `\$a` when it has none, decided when it runs). Anywhere
    /// else backslashes are text.
    mutating func parseBackslashes(into text: inout [UInt8]) throws(VTLCompileError) -> VTLNode? {
        var count = 0
        while peek(count) == UInt8(ascii: "\\") { count += 1 }
        let next = peek(count)
        if next == UInt8(ascii: "$") {
            let saved = mark
            advance(count)
            if let reference = try parseReference() { return .escapedReference(reference, backslashes: count) }
            reset(to: saved)
        } else if next == UInt8(ascii: "#"), let name = directiveName(at: position + count + 1), Self.directives.contains(name.name) {
            text += Array(repeating: UInt8(ascii: "\\"), count: count / 2)
            advance(count)
            if count % 2 == 1 {
                text += bytes[position..<(position + 1 + name.length)]
                advance(1 + name.length)
            }
            return nil
        }
        text += Array(repeating: UInt8(ascii: "\\"), count: count)
        advance(count)
        return nil
    }

    static let directives: Set<String> = ["set", "if", "elseif", "else", "end", "foreach", "break", "stop", "define", "macro"]

    /// The directive name after a `#` at `index` (`name` or `{name}`), with its length in bytes.
    func directiveName(at index: Int) -> (name: String, length: Int)? {
        var i = index
        let braced = i < end && bytes[i] == UInt8(ascii: "{")
        if braced { i += 1 }
        guard i < end, Self.isIdentifierStart(bytes[i]) else { return nil }
        let start = i
        while i < end, Self.isDirectiveNamePart(bytes[i]) { i += 1 }
        let name = String(decoding: bytes[start..<i], as: UTF8.self)
        if braced {
            guard i < end, bytes[i] == UInt8(ascii: "}") else { return nil }
            i += 1
        }
        return (name, i - index)
    }

    /// Everything that starts with `#`: comments, unparsed blocks, directives, macro calls, or a
    /// literal `#`. Returns a terminator for `#end`/`#else`/`#elseif`.
    mutating func parseHash(into text: inout [UInt8], nodes: inout [VTLNode]) throws(VTLCompileError) -> Terminator? {
        func flush() { Self.flush(&text, into: &nodes) }
        let start = here
        let next = peek(1)
        if next == UInt8(ascii: "#") {
            while let byte = peek(), byte != 0x0A { advance() }
            if !atEnd { advance() }
            return nil
        }
        if next == UInt8(ascii: "*") {
            advance(2)
            while !atEnd, !(peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "#")) { advance() }
            guard !atEnd else { throw error(.unterminatedComment, at: start) }
            advance(2)
            return nil
        }
        if next == UInt8(ascii: "["), peek(2) == UInt8(ascii: "[") {
            advance(3)
            let contentStart = position
            while !atEnd, !(peek() == UInt8(ascii: "]") && peek(1) == UInt8(ascii: "]") && peek(2) == UInt8(ascii: "#")) { advance() }
            guard !atEnd else { throw error(.unterminatedUnparsedBlock, at: start) }
            text += bytes[contentStart..<position]
            advance(3)
            return nil
        }
        guard let (name, length) = directiveName(at: position + 1) else {
            text.append(UInt8(ascii: "#"))
            advance()
            return nil
        }
        let directiveStart = position
        switch name {
        case "end", "else", "break", "stop":
            advance(1 + length)
            gobbleLineEnd()
            switch name {
            case "end": return .end
            case "else": return .otherwise
            case "break": flush(); nodes.append(.breakScope)
            default: flush(); nodes.append(.stop)
            }
            return nil
        case "elseif":
            advance(1 + length)
            let condition = try parseParenthesizedExpression(directive: "#elseif")
            gobbleLineEnd()
            return .elseIf(condition)
        case "set", "if", "foreach", "define":
            if name == "set" { while let last = text.last, last == 0x20 || last == 0x09 { text.removeLast() } }
            advance(1 + length)
            flush()
            switch name {
            case "set": nodes.append(try parseSet(at: start))
            case "if": nodes.append(try parseIf(at: start))
            case "foreach": nodes.append(try parseForeach(at: start))
            default: nodes.append(try parseDefine())
            }
            return nil
        case "macro":
            advance(1 + length)
            try parseMacro()
            return nil
        default:
            let saved = mark
            advance(1 + length)
            skipWhitespace()
            guard peek() == UInt8(ascii: "(") else {
                reset(to: saved)
                text += bytes[directiveStart..<(directiveStart + 1 + length)]
                advance(1 + length)
                return nil
            }
            advance()
            let arguments = try parseArgumentList(closing: UInt8(ascii: ")"), commasOptional: true)
            let source = Array(bytes[directiveStart..<position])
            gobbleLineEnd()
            flush()
            nodes.append(.macroCall(name: name, arguments: arguments, source: source, position: start))
            return nil
        }
    }
}
