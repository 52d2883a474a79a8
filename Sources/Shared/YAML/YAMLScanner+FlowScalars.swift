// MARK: - Plain and quoted scalars

extension YAMLScanner {
    /// A plain scalar (YAML 1.2 §7.3.3): lines folded into spaces, ended by `: `, ` #`, a flow
    /// indicator in flow context, a document marker, or a line indented at or left of the parent
    /// block. A single-line scalar is sliced from the input without copying into a buffer.
    mutating func scanPlainScalar() throws(YAMLError) -> YAMLToken {
        let start = mark
        let minColumn = indent + 1
        var out: [UInt8]? = nil
        var first = 0..<0
        var started = false
        var breaks = 0
        var spaces = 0..<0
        while true {
            if atDocumentMarker || at(0) == UInt8(ascii: "#") { break }
            let chunkStart = pos
            while true {
                let c = at(0)
                if Self.isBlankZ(c) { break }
                if c == UInt8(ascii: ":") {
                    let n = at(1)
                    if Self.isBlankZ(n) || (flowLevel > 0 && Self.isFlowIndicator(n)) { break }
                } else if flowLevel > 0 && Self.isFlowIndicator(c) {
                    break
                }
                if c < 0x80 { pos += 1; column += 1 } else { advance() }
            }
            if pos == chunkStart { break }
            if !started {
                started = true
                first = chunkStart..<pos
            } else if out == nil && breaks == 0 {
                first = first.lowerBound..<pos
            } else {
                if out == nil { out = Array(bytes[first]) }
                if breaks == 0 {
                    out!.append(contentsOf: bytes[spaces])
                } else if breaks == 1 {
                    out!.append(0x20)
                } else {
                    for _ in 1..<breaks { out!.append(0x0A) }
                }
                out!.append(contentsOf: bytes[chunkStart..<pos])
            }
            breaks = 0
            guard Self.isBlank(at(0)) || Self.isBreak(at(0)) else { break }
            let spaceStart = pos
            var spaceEnd = pos
            while true {
                let c = at(0)
                if Self.isBlank(c) {
                    pos += 1
                    column += 1
                    if breaks == 0 { spaceEnd = pos }
                } else if Self.isBreak(c) {
                    skipBreak()
                    breaks += 1
                } else {
                    break
                }
            }
            spaces = spaceStart..<spaceEnd
            if breaks > 0 {
                if flowLevel == 0 && column < minColumn { break }
                if flowLevel > 0 && indent >= 0 && column <= indent { break }
            }
        }
        if breaks > 0 { simpleKeyAllowed = true }
        let text = out.map { String(decoding: $0, as: UTF8.self) } ?? String(decoding: bytes[first], as: UTF8.self)
        return YAMLToken(kind: .scalar(text, .plain), mark: start)
    }

    /// A single- or double-quoted scalar (§7.3.1–2): escapes, `''`, and line folding; a
    /// continuation line must be indented more than the enclosing block collection.
    mutating func scanQuotedScalar(double: Bool) throws(YAMLError) -> YAMLToken {
        let start = mark
        let quote: UInt8 = double ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        advance()
        var out: [UInt8] = []
        while true {
            if atDocumentMarker { throw error("a document marker cannot appear inside a quoted scalar") }
            if atEnd { throw YAMLError("the quoted scalar is not closed before the end of the input", at: start) }
            var escapedBreak = false
            while true {
                let runStart = pos
                while pos < bytes.count {
                    let b = bytes[pos]
                    if b == quote || b == 0x5C || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { break }
                    if b & 0xC0 != 0x80 { column += 1 }
                    pos += 1
                }
                if pos > runStart { out.append(contentsOf: bytes[runStart..<pos]) }
                let c = at(0)
                if Self.isBlankZ(c) { break }
                if c == quote {
                    if !double && at(1) == quote {
                        out.append(quote)
                        advance(2)
                        continue
                    }
                    break
                }
                if c == 0x5C && !double {
                    out.append(c)
                    advance()
                    continue
                }
                // A backslash in a double-quoted scalar.
                if Self.isBreak(at(1)) {
                    advance()
                    skipBreak()
                    escapedBreak = true
                    break
                }
                try scanEscape(into: &out)
            }
            if at(0) == quote { break }
            var whitespace = pos..<pos
            var breaks = 0
            var sawBreak = escapedBreak
            while true {
                let c = at(0)
                if Self.isBlank(c) {
                    if !sawBreak { whitespace = whitespace.lowerBound..<(pos + 1) }
                    pos += 1
                    column += 1
                } else if Self.isBreak(c) {
                    skipBreak()
                    if sawBreak { breaks += 1 } else { sawBreak = true }
                } else {
                    break
                }
            }
            if sawBreak {
                if flowLevel == 0, indent >= 0, !atEnd {
                    var spaces = 0
                    while lineStart + spaces < pos, bytes[lineStart + spaces] == 0x20 { spaces += 1 }
                    if spaces <= indent { throw error("a quoted scalar's continuation line must be indented more than its block") }
                }
                if escapedBreak || breaks > 0 {
                    for _ in 0..<breaks { out.append(0x0A) }
                } else {
                    out.append(0x20)
                }
            } else {
                out.append(contentsOf: bytes[whitespace])
            }
        }
        advance()
        let text = String(decoding: out, as: UTF8.self)
        return YAMLToken(kind: .scalar(text, double ? .doubleQuoted : .singleQuoted), mark: start)
    }

    /// One escape sequence after `\` in a double-quoted scalar (§5.7), appended as UTF-8.
    private mutating func scanEscape(into out: inout [UInt8]) throws(YAMLError) {
        let escapeMark = mark
        advance()
        let c = at(0)
        var hexDigits = 0
        switch c {
        case UInt8(ascii: "0"): out.append(0)
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"), 0x09: out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case 0x20, UInt8(ascii: "\""), UInt8(ascii: "/"), 0x5C: out.append(c)
        case UInt8(ascii: "N"): Self.appendUTF8(0x85, to: &out)
        case UInt8(ascii: "_"): Self.appendUTF8(0xA0, to: &out)
        case UInt8(ascii: "L"): Self.appendUTF8(0x2028, to: &out)
        case UInt8(ascii: "P"): Self.appendUTF8(0x2029, to: &out)
        case UInt8(ascii: "x"): hexDigits = 2
        case UInt8(ascii: "u"): hexDigits = 4
        case UInt8(ascii: "U"): hexDigits = 8
        default: throw YAMLError("unknown escape sequence in a double-quoted scalar", at: escapeMark)
        }
        advance()
        guard hexDigits > 0 else { return }
        var value: UInt32 = 0
        for _ in 0..<hexDigits {
            guard let digit = Self.hexValue(at(0)) else {
                throw YAMLError("an escape needs \(hexDigits) hexadecimal digits", at: escapeMark)
            }
            value = value << 4 | UInt32(digit)
            advance()
        }
        guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
            throw YAMLError("the escape is not a Unicode scalar value", at: escapeMark)
        }
        Self.appendUTF8(value, to: &out)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | value >> 6))
            out.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | value >> 12))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        default:
            out.append(UInt8(0xF0 | value >> 18))
            out.append(UInt8(0x80 | value >> 12 & 0x3F))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
