// MARK: - Literal and folded block scalars

extension YAMLScanner {
    /// A `|` or `>` block scalar (§8.1): the header's chomping (`-` strip, `+` keep, clip by
    /// default) and indentation indicator, then lines at the detected or given indentation.
    /// Folding joins adjacent non-empty, not more-indented lines with a space.
    mutating func scanBlockScalar(literal: Bool) throws(YAMLError) -> YAMLToken {
        let start = mark
        advance()
        var chomping = 0
        var increment = 0
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        for _ in 0..<2 {
            let c = at(0)
            if chomping == 0 && (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) {
                chomping = c == UInt8(ascii: "+") ? 1 : -1
                advance()
            } else if increment == 0 && isDigit(c) {
                guard c != UInt8(ascii: "0") else { throw error("a block scalar's indentation indicator must be 1 to 9") }
                increment = Int(c - UInt8(ascii: "0"))
                advance()
            }
        }
        while Self.isBlank(at(0)) { advance() }
        if at(0) == UInt8(ascii: "#") {
            guard Self.isBlank(bytes[pos - 1]) else { throw error("a comment must be separated from other tokens by white space") }
            while !atEnd, !Self.isBreak(bytes[pos]) { advance() }
        }
        guard Self.isBlankZ(at(0)) else { throw error("only a comment may follow a block scalar's header") }
        if !atEnd { skipBreak() }

        let parentIndent = indent
        var blockIndent = increment > 0 ? max(parentIndent, 0) + increment : 0
        var trailingBreaks = 0
        if increment == 0 {
            // Detect the indentation from the first non-empty line.
            var maxEmpty = 0
            while true {
                while at(0) == 0x20 { pos += 1; column += 1 }
                if atEnd && column > 0 {
                    // A last line of spaces without a line break still counts as an empty line.
                    maxEmpty = max(maxEmpty, column)
                    trailingBreaks += 1
                }
                if atEnd || !Self.isBreak(at(0)) { break }
                maxEmpty = max(maxEmpty, column)
                skipBreak()
                trailingBreaks += 1
            }
            let hasContent = !atEnd && !atDocumentMarker
            if hasContent && at(0) == 0x09 && column < parentIndent + 1 {
                throw error("a tab cannot indent a block scalar")
            }
            if hasContent && maxEmpty > column {
                throw error("a leading empty line of a block scalar has more spaces than its first line")
            }
            blockIndent = max(hasContent ? column : maxEmpty, parentIndent + 1)
        } else {
            trailingBreaks = scanBlockBreaks(blockIndent)
        }

        var out: [UInt8] = []
        var leadingBreak = false
        var leadingBlank = false
        while column == blockIndent && !atEnd && !atDocumentMarker {
            let trailingBlank = Self.isBlank(at(0))
            if !literal && leadingBreak && !leadingBlank && !trailingBlank {
                if trailingBreaks == 0 { out.append(0x20) }
            } else if leadingBreak {
                out.append(0x0A)
            }
            leadingBreak = false
            for _ in 0..<trailingBreaks { out.append(0x0A) }
            trailingBreaks = 0
            leadingBlank = trailingBlank
            let lineStartOffset = pos
            while pos < bytes.count, !Self.isBreak(bytes[pos]) {
                if bytes[pos] & 0xC0 != 0x80 { column += 1 }
                pos += 1
            }
            out.append(contentsOf: bytes[lineStartOffset..<pos])
            if atEnd {
                // The last line lacks a line break; it ends as if it had one.
                leadingBreak = true
                break
            }
            skipBreak()
            leadingBreak = true
            trailingBreaks = scanBlockBreaks(blockIndent)
        }
        if chomping != -1 && leadingBreak { out.append(0x0A) }
        if chomping == 1 {
            for _ in 0..<trailingBreaks { out.append(0x0A) }
        }
        let text = String(decoding: out, as: UTF8.self)
        return YAMLToken(kind: .scalar(text, literal ? .literal : .folded), mark: start)
    }

    /// Skips the indentation of empty lines inside a block scalar; returns how many it passed.
    private mutating func scanBlockBreaks(_ blockIndent: Int) -> Int {
        var count = 0
        while true {
            while column < blockIndent && at(0) == 0x20 { pos += 1; column += 1 }
            guard !atEnd, Self.isBreak(bytes[pos]) else { return count }
            skipBreak()
            count += 1
        }
    }

    // MARK: - Tags and directives

    /// `!<verbatim>`, `!`, `!suffix`, `!!suffix` or `!handle!suffix`; the suffix percent-decoded.
    mutating func scanTag() throws(YAMLError) -> YAMLToken {
        let start = mark
        advance()
        var handle = "!"
        var suffix: [UInt8] = []
        if at(0) == UInt8(ascii: "<") {
            advance()
            handle = ""
            while !Self.isBlankZ(at(0)) && at(0) != UInt8(ascii: ">") { try appendTagChar(to: &suffix, allowBang: true) }
            guard at(0) == UInt8(ascii: ">"), !suffix.isEmpty else { throw error("a verbatim tag must end with '>'") }
            advance()
        } else {
            let wordStart = pos
            while Self.isWordChar(at(0)) { advance() }
            if at(0) == UInt8(ascii: "!") {
                advance()
                handle = String(decoding: bytes[(wordStart - 1)..<pos], as: UTF8.self)
            } else {
                suffix.append(contentsOf: bytes[wordStart..<pos])
            }
            while !Self.isBlankZ(at(0)) && !Self.isFlowIndicator(at(0)) { try appendTagChar(to: &suffix) }
            if handle != "!" && suffix.isEmpty { throw error("a tag needs a suffix after its handle") }
        }
        guard Self.isBlankZ(at(0)) || (flowLevel > 0 && Self.isFlowIndicator(at(0))) else {
            throw error("a tag must be followed by white space")
        }
        return YAMLToken(kind: .tag(handle: handle, suffix: String(decoding: suffix, as: UTF8.self)), mark: start)
    }

    private mutating func appendTagChar(to out: inout [UInt8], allowBang: Bool = false) throws(YAMLError) {
        if at(0) == UInt8(ascii: "%") {
            guard let high = Self.hexValue(at(1)), let low = Self.hexValue(at(2)) else {
                throw error("a '%' in a tag must be followed by two hexadecimal digits")
            }
            out.append(high << 4 | low)
            advance(3)
        } else {
            guard allowBang || at(0) != UInt8(ascii: "!") else { throw error("a tag suffix cannot contain '!'") }
            out.append(at(0))
            advance()
        }
    }

    static func isWordChar(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
            || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "-")
    }

    /// `%YAML major.minor`, `%TAG handle prefix`, or a reserved directive (ignored, §6.8).
    mutating func scanDirective() throws(YAMLError) -> YAMLToken? {
        let start = mark
        advance()
        let nameStart = pos
        while !Self.isBlankZ(at(0)) { advance() }
        let name = String(decoding: bytes[nameStart..<pos], as: UTF8.self)
        var token: YAMLToken? = nil
        switch name {
        case "YAML":
            try skipDirectiveBlanks()
            let versionStart = pos
            while !Self.isBlankZ(at(0)) { advance() }
            let version = Array(bytes[versionStart..<pos])
            let parts = version.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else {
                throw error("a %YAML directive needs a version such as 1.2")
            }
            token = YAMLToken(kind: .versionDirective, mark: start)
        case "TAG":
            try skipDirectiveBlanks()
            let handleStart = pos
            while !Self.isBlankZ(at(0)) { advance() }
            let handle = String(decoding: bytes[handleStart..<pos], as: UTF8.self)
            guard handle.utf8.first == UInt8(ascii: "!"), handle.utf8.last == UInt8(ascii: "!") else {
                throw error("a %TAG handle must start and end with '!'")
            }
            try skipDirectiveBlanks()
            var prefix: [UInt8] = []
            while !Self.isBlankZ(at(0)) {
                if at(0) == UInt8(ascii: "!") { prefix.append(at(0)); advance(); continue }
                try appendTagChar(to: &prefix)
            }
            token = YAMLToken(kind: .tagDirective(handle: handle, prefix: String(decoding: prefix, as: UTF8.self)), mark: start)
        default:
            while !atEnd, !Self.isBreak(bytes[pos]), bytes[pos] != UInt8(ascii: "#") || !Self.isBlank(bytes[pos - 1]) { advance() }
        }
        while Self.isBlank(at(0)) { advance() }
        if at(0) == UInt8(ascii: "#") {
            while !atEnd, !Self.isBreak(bytes[pos]) { advance() }
        }
        guard atEnd || Self.isBreak(at(0)) else { throw error("unexpected text after a directive") }
        return token
    }

    private mutating func skipDirectiveBlanks() throws(YAMLError) {
        guard Self.isBlank(at(0)) else { throw error("a directive's parameters must be separated by white space") }
        while Self.isBlank(at(0)) { advance() }
    }
}
