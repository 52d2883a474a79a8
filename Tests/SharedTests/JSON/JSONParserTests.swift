import Testing
@testable import Shared

@Suite struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValueKeepingKeyOrder() throws {
        let value = try Self.parse(#" {"b": [1, -2.5e2, true, false, null], "a": {"x": "y"}, "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} "#)
        #expect(value == .object([
            ("b", .array([.number(1), .number(-250), .bool(true), .bool(false), .null])),
            ("a", .object([("x", .string("y"))])),
            ("s", .string("q\"\\/\u{8}\u{c}\n\r\té😀")),
        ]))
        #expect(value["a"]?["x"] == .string("y"))
    }

    @Test func keepsBooleansAndNumbersApart() throws {
        #expect(try Self.parse("true") == .bool(true))
        #expect(try Self.parse("1") == .number(1))
        #expect(try Self.parse("true") != .number(1))
    }

    @Test func theLastDuplicateKeyWins() throws {
        #expect(try Self.parse(#"{"a":1,"a":2}"#)["a"] == .number(2))
    }

    @Test(arguments: ["", " ", "{", "[1,]", "{\"a\" 1}", "{'a':1}", "01", "1.", "-", "tru", "\"\u{01}\"", "\"\\x\"", "[1] 2", "{\"a\":1,}",
                      "\"unterminated", "\"\\u12\""])
    func rejectsInvalidDocuments(text: String) {
        #expect(throws: JSONParser.ParseError.self) { try Self.parse(text) }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParser.ParseError.self) { try Self.parse(deep) }
    }

    @Test func serializesCompactlyAndRoundTrips() throws {
        let value = JSONValue.object([("n", .number(3)), ("f", .number(0.5)), ("s", .string("a\"b\n\u{1}")), ("z", .null), ("l", .array([]))])
        #expect(value.serialized() == #"{"n":3,"f":0.5,"s":"a\"b\n\u0001","z":null,"l":[]}"#)
        #expect(try Self.parse(value.serialized()) == value)
    }
}
