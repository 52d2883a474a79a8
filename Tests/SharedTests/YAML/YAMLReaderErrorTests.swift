import Testing
@testable import Shared

/// One refusal per row: the reader must fail at this line and column with this message.
@Suite struct YAMLReaderErrorTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "unclosed double quote", yaml: "k: \"abc\n", line: 1, column: 4, message: "the quoted scalar is not closed before the end of the input"),
        Row(name: "unclosed flow sequence", yaml: "k: [a, b\n", line: 2, column: 1, message: "expected ',' or ']' in a flow sequence"),
        Row(name: "unknown escape", yaml: #"k: "\q""#, line: 1, column: 5, message: "unknown escape sequence in a double-quoted scalar"),
        Row(name: "short hex escape", yaml: #"k: "\x4""#, line: 1, column: 5, message: "an escape needs 2 hexadecimal digits"),
        Row(name: "surrogate escape", yaml: #"k: "\ud800""#, line: 1, column: 5, message: "the escape is not a Unicode scalar value"),
        Row(name: "bad indentation of a key", yaml: "a:\n    b: 1\n  c: 2\n", line: 3, column: 3, message: "expected a mapping key at this indentation"),
        Row(name: "mapping under a plain sequence entry", yaml: "- a\n  b: c\n", line: 2, column: 4, message: "a mapping value is not allowed here"),
        Row(name: "value on the key's line after another value", yaml: "a: b: c\n", line: 1, column: 5, message: "a mapping value is not allowed here"),
        Row(name: "sequence entry after a key on the same line", yaml: "a: - b\n", line: 1, column: 4, message: "a block sequence entry is not allowed here"),
        Row(name: "implicit key without colon", yaml: "a: 1\nb\n", line: 2, column: 1, message: "could not find the ':' of an implicit mapping key"),
        Row(name: "multi-line implicit key", yaml: "a\nb: c\n", line: 2, column: 2, message: "a mapping value is not allowed here"),
        Row(name: "tab indentation", yaml: "a:\n\tb: 1\n", line: 2, column: 2, message: "tabs must not be used for indentation"),
        Row(name: "comment glued to a token", yaml: "k: \"v\"# c\n", line: 1, column: 7, message: "a comment must be separated from other tokens by white space"),
        Row(name: "unknown alias", yaml: "a: *nope\n", line: 1, column: 4, message: "the alias *nope names no anchor defined before it"),
        Row(name: "alias before its anchor", yaml: "a: *x\nb: &x 1\n", line: 1, column: 4, message: "the alias *x names no anchor defined before it"),
        Row(name: "two anchors", yaml: "a: &x &y 1\n", line: 1, column: 7, message: "a node can have only one anchor"),
        Row(name: "undeclared tag handle", yaml: "a: !e!x 1\n", line: 1, column: 4, message: "the tag handle !e! is not declared by a %TAG directive"),
        Row(name: "directive without document start", yaml: "%YAML 1.2\na: 1\n", line: 2, column: 1, message: "expected '---' after the directives"),
        Row(name: "directive after an unterminated document", yaml: "'a'\n%YAML 1.2\n---\n", line: 2, column: 1, message: "a directive must follow a document end marker '...'"),
        Row(name: "duplicate %YAML", yaml: "%YAML 1.2\n%YAML 1.2\n---\n", line: 2, column: 1, message: "a document can have only one %YAML directive"),
        Row(name: "content after document end", yaml: "a\n... b\n", line: 2, column: 5, message: "only a comment may follow a document end marker on its line"),
        Row(name: "text after block scalar header", yaml: "k: | x\n  a\n", line: 1, column: 6, message: "only a comment may follow a block scalar's header"),
        Row(name: "zero indentation indicator", yaml: "k: |0\n  a\n", line: 1, column: 5, message: "a block scalar's indentation indicator must be 1 to 9"),
        Row(name: "block entry in flow", yaml: "[- a]\n", line: 1, column: 2, message: "a block sequence entry '-' is not allowed inside a flow collection"),
        Row(name: "comma outside flow", yaml: ", a\n", line: 1, column: 1, message: "',' is only allowed inside a flow collection"),
        Row(name: "reserved indicator", yaml: "k: @x\n", line: 1, column: 4, message: "found a character that cannot start any token"),
        Row(name: "flow content not indented", yaml: "k: [a,\nb]\n", line: 2, column: 1, message: "flow content must be indented more than its enclosing block"),
        Row(name: "quoted continuation line not indented", yaml: "k: \"a\nb\"\n", line: 2, column: 1, message: "a quoted scalar's continuation line must be indented more than its block"),
        Row(name: "document marker inside quotes", yaml: "\"a\n---\nb\"\n", line: 2, column: 1, message: "a document marker cannot appear inside a quoted scalar"),
        Row(name: "control character", yaml: "k: a\u{01}b\n", line: 1, column: 5, message: "the control character U+1 is not allowed in YAML"),
        // Found by the fuzzer: the key candidate of an unclosed flow mapping kept asking for tokens.
        Row(name: "unclosed flow mapping after a key", yaml: "{\"a\"[x", line: 1, column: 5, message: "expected ',' or '}' in a flow mapping"),
        Row(name: "stray closing bracket", yaml: "[a]]\n", line: 1, column: 4, message: "expected the end of the document, found more content"),
    ]

    @Test(arguments: rows)
    func refusesWithLineAndColumn(_ row: Row) {
        #expect(throws: YAMLError(line: row.line, column: row.column, message: row.message), "\(row.name)") {
            try YAMLReader.documents(Array(row.yaml.utf8))
        }
    }

    @Test func refusesInvalidUTF8WithItsPosition() {
        #expect(throws: YAMLError(line: 2, column: 4, message: "the input is not valid UTF-8")) {
            try YAMLReader.documents(Array("a: 1\nb: ".utf8) + [0xC3, 0x28])
        }
    }

    @Test func describesAnErrorAsLineColonColumn() {
        #expect(YAMLError(line: 3, column: 7, message: "boom").description == "3:7: boom")
    }

    // MARK: - Limits

    @Test func refusesABillionLaughsDocumentInsteadOfExpandingIt() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = level
        }
        #expect {
            _ = try YAMLReader.documents(Array(yaml.utf8)).count  // a count, so a failure cannot print a huge tree
        } throws: { error in
            (error as? YAMLError)?.message == "aliases expand to more than 1000000 nodes"
        }
    }

    @Test func allowsAliasesWithinTheBudget() throws {
        let limits = YAMLLimits(maxAliasExpansion: 4)
        let yaml = "a: &a [1, 2, 3]\nb: *a\n"
        #expect(try YAMLReader.json(Array(yaml.utf8), limits: limits)["b"] == .array([.number(1), .number(2), .number(3)]))
        #expect(throws: YAMLError.self) { try YAMLReader.json(Array((yaml + "c: *a\n").utf8), limits: limits) }
    }

    @Test(arguments: ["[", "{a: ", "- "])
    func refusesNestingDeeperThanTheLimit(_ opener: String) {
        let deep = String(repeating: opener, count: 300) + "x"
        #expect {
            _ = try YAMLReader.documents(Array(deep.utf8)).count
        } throws: { error in
            (error as? YAMLError)?.message == "collections are nested deeper than 256 levels"
        }
    }
}
