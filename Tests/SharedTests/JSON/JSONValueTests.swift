import Testing
@testable import Shared

@Suite struct JSONValueTests {
    @Test func keepingLastOfDuplicateKeysDropsEarlierRepeatsAtEveryDepth() throws {
        let value = try JSONParser.parse(Array(#"{"a":1,"b":{"x":1,"x":[{"y":1,"y":2}]},"a":3}"#.utf8))
        #expect(value.keepingLastOfDuplicateKeys() == .object([
            ("b", .object([("x", .array([.object([("y", .number(2))])]))])),
            ("a", .number(3)),
        ]))
    }

    @Test func keepingLastOfDuplicateKeysLeavesADocumentWithoutRepeatsAlone() throws {
        let value = try JSONParser.parse(Array(#"{"b":[1,"s",null,{"c":true}],"a":{}}"#.utf8))
        #expect(value.keepingLastOfDuplicateKeys() == value)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("line\r\nnext\ttab", #""line\r\nnext\ttab""#),
        ("\u{08}\u{0C}\u{00}\u{1F}", #""\b\f\u0000\u001f""#),
        ("é\u{301}\"ü€𝄞", #""é\#u{301}\"ü€𝄞""#),
    ])
    func escapesStringsTheSameIntoTextAndIntoBytes(text: String, expected: String) {
        var string = ""
        JSONValue.writeEscaped(text, into: &string)
        var bytes: [UInt8] = []
        JSONValue.writeEscaped(text, into: &bytes)
        #expect(string == expected)
        #expect(bytes == Array(expected.utf8))
    }
}
