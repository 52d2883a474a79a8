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
}
