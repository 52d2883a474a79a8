import Testing
@testable import Shared

/// One construct per row: YAML in, the JSON it must read as (YAML 1.2 core schema).
@Suite struct YAMLReaderTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let json: String
        var testDescription: String { name }
    }

    static func json(_ yaml: String) throws -> JSONValue { try YAMLReader.json(Array(yaml.utf8)) }

    static let constructs: [Row] = [
        // Block collections.
        Row(name: "block mapping", yaml: "a: 1\nb: two\n", json: #"{"a":1,"b":"two"}"#),
        Row(name: "block sequence", yaml: "- a\n- b\n", json: #"["a","b"]"#),
        Row(name: "nested mappings keep order", yaml: "z:\n  y: 1\n  x: 2\na: 3\n", json: #"{"z":{"y":1,"x":2},"a":3}"#),
        Row(name: "sequence at the mapping's indentation", yaml: "k:\n- 1\n- 2\nl: 3\n", json: #"{"k":[1,2],"l":3}"#),
        Row(name: "compact nested sequence", yaml: "- - a\n  - b\n- c\n", json: #"[["a","b"],"c"]"#),
        Row(name: "mapping in a sequence entry", yaml: "- name: x\n  id: 1\n- name: y\n", json: #"[{"name":"x","id":1},{"name":"y"}]"#),
        Row(name: "empty values", yaml: "a:\nb: ~\n", json: #"{"a":null,"b":null}"#),
        Row(name: "empty sequence entry", yaml: "- \n- x\n", json: #"[null,"x"]"#),
        // Flow collections.
        Row(name: "flow sequence", yaml: "[a, 'b', \"c\", 1, [2]]", json: #"["a","b","c",1,[2]]"#),
        Row(name: "flow mapping", yaml: "{a: 1, b: [x, y], c: {d: e}}", json: #"{"a":1,"b":["x","y"],"c":{"d":"e"}}"#),
        Row(name: "JSON is YAML", yaml: #"{"a":[1,2.5,true,null,"s"],"b":{}}"#, json: #"{"a":[1,2.5,true,null,"s"],"b":{}}"#),
        Row(name: "flow over several lines", yaml: "k: [a,\n  b,\n  c]\n", json: #"{"k":["a","b","c"]}"#),
        Row(name: "single-pair mapping in a flow sequence", yaml: "[a: 1, b]", json: #"[{"a":1},"b"]"#),
        Row(name: "trailing comma", yaml: "[a, b, ]", json: #"["a","b"]"#),
        Row(name: "flow key without value", yaml: "{a, b: c}", json: #"{"a":null,"b":"c"}"#),
        // Plain scalars.
        Row(name: "plain scalar folds lines", yaml: "k: one\n  two\n\n  three\n", json: #"{"k":"one two\nthree"}"#),
        Row(name: "plain scalar with inner colon and hash", yaml: "url: http://x/y#z\n", json: #"{"url":"http://x/y#z"}"#),
        Row(name: "plain scalars starting with an indicator", yaml: "- -1\n- ?x\n- :y\n", json: #"[-1,"?x",":y"]"#),
        Row(name: "trailing comment ends a plain scalar", yaml: "k: v # note\n", json: #"{"k":"v"}"#),
        // Quoted scalars.
        Row(name: "single quotes double an apostrophe", yaml: "k: 'it''s'\n", json: #"{"k":"it's"}"#),
        Row(name: "double-quoted escapes", yaml: #"k: "a\tb\n\"c\" \\ \x41\u00e9\U0001F600 \/""#, json: #"{"k":"a\tb\n\"c\" \\ Aé😀 /"}"#),
        Row(name: "double-quoted line folding", yaml: "k: \"one\n  two\n\n  three\"\n", json: #"{"k":"one two\nthree"}"#),
        Row(name: "escaped line break", yaml: "k: \"one \\\n  two\"\n", json: #"{"k":"one two"}"#),
        Row(name: "quoted numbers stay strings", yaml: "a: '1'\nb: \"true\"\n", json: #"{"a":"1","b":"true"}"#),
        Row(name: "quoted key with adjacent value in flow", yaml: #"{"a":b}"#, json: #"{"a":"b"}"#),
        // Block scalars.
        Row(name: "literal keeps line breaks (clip)", yaml: "k: |\n  a\n   b\n\n", json: #"{"k":"a\n b\n"}"#),
        Row(name: "literal strip", yaml: "k: |-\n  a\n\n", json: #"{"k":"a"}"#),
        Row(name: "literal keep", yaml: "k: |+\n  a\n\n", json: #"{"k":"a\n\n"}"#),
        Row(name: "folded joins lines", yaml: "k: >\n  a\n  b\n\n  c\n", json: #"{"k":"a b\nc\n"}"#),
        Row(name: "folded keeps more-indented lines", yaml: "k: >\n  a\n    b\n  c\n", json: #"{"k":"a\n  b\nc\n"}"#),
        Row(name: "indentation indicator", yaml: "k: |2\n   a\n  b\n", json: #"{"k":" a\nb\n"}"#),
        Row(name: "indicator order -2 and 2-", yaml: "- |-2\n   a\n- |2-\n   b\n", json: #"[" a"," b"]"#),
        Row(name: "block scalar with a comment header", yaml: "k: | # note\n  a\n", json: #"{"k":"a\n"}"#),
        // Comments, anchors, keys, documents.
        Row(name: "comments everywhere", yaml: "# head\na: 1 # one\n# between\nb: [x, # in flow\n  y]\n", json: #"{"a":1,"b":["x","y"]}"#),
        Row(name: "anchors and aliases", yaml: "base: &b {x: 1}\nuse: *b\nlist: [*b, *b]\n", json: #"{"base":{"x":1},"use":{"x":1},"list":[{"x":1},{"x":1}]}"#),
        Row(name: "anchor on a scalar redefined", yaml: "- &a one\n- *a\n- &a two\n- *a\n", json: #"["one","one","two","two"]"#),
        Row(name: "explicit multi-line key", yaml: "? |\n  multi\n  line\n: value\n", json: #"{"multi\nline\n":"value"}"#),
        Row(name: "explicit key without value", yaml: "? a\n? b\n: c\n", json: #"{"a":null,"b":"c"}"#),
        Row(name: "multi-line plain key in a flow mapping", yaml: "{multi\n line: v}", json: #"{"multi line":"v"}"#),
        Row(name: "explicit document with end marker", yaml: "%YAML 1.2\n---\na: 1\n...\n", json: #"{"a":1}"#),
        Row(name: "empty document", yaml: "---\n", json: "null"),
        Row(name: "comment-only stream", yaml: "# nothing\n", json: "null"),
        Row(name: "byte order mark and CRLF", yaml: "\u{FEFF}a: 1\r\nb: 2\r\n", json: #"{"a":1,"b":2}"#),
        Row(name: "tags", yaml: "a: !!str 1\nb: !!int '2'\nc: !custom x\nd: !!float 3\n", json: #"{"a":"1","b":2,"c":"x","d":3}"#),
        Row(name: "non-specific tag keeps a string", yaml: "a: ! 12\n", json: #"{"a":"12"}"#),
        Row(name: "number keys use their text", yaml: "responses:\n  200: ok\n  404: missing\n", json: #"{"responses":{"200":"ok","404":"missing"}}"#),
        Row(name: "unicode content", yaml: "naïve: \"日本\"\n", json: #"{"naïve":"日本"}"#),
    ]

    @Test(arguments: constructs)
    func readsEachConstruct(_ row: Row) throws {
        let expected = try JSONParser.parse(Array(row.json.utf8))
        #expect(try Self.json(row.yaml) == expected, "\(row.name)")
    }

    @Test func readsEveryDocumentOfAStream() throws {
        let documents = try YAMLReader.documents(Array("a\n---\nb\n...\n--- c\n".utf8))
        #expect(try documents.map { node throws(YAMLError) in try node.json() } == [.string("a"), .string("b"), .string("c")])
    }

    @Test func keepsScalarStylesTagsAndMarks() throws {
        let node = try YAMLReader.document(Array("k: 'v'\nl: !x |\n  t\n".utf8))
        guard case .mapping(let entries, _, _) = node, entries.count == 2 else { Issue.record("not a mapping"); return }
        guard case .scalar("v", .singleQuoted, nil, let mark) = entries[0].value else { Issue.record("style"); return }
        #expect(mark.line == 1 && mark.column == 4)
        guard case .scalar("t\n", .literal, "!x", let literalMark) = entries[1].value else { Issue.record("tag"); return }
        #expect(literalMark.line == 2 && literalMark.column == 4)
    }

    @Test func refusesASecondDocumentWhereOneIsExpected() {
        #expect(throws: YAMLError(line: 2, column: 5, message: "expected one document, found 2")) {
            try YAMLReader.document(Array("a\n--- b\n".utf8))
        }
    }
}
