import Testing
@testable import Shared

/// The JSONPath subset on `JSONValue`, and what it refuses.
@Suite struct VTLJSONPathTests {
    static let document = try! JSONParser.parse(Array(##"{"a": {"b": [10, 20, {"c": "deep"}]}, "k y": 1, "c": "top"}"##.utf8))

    static let cases: [(String, String)] = [
        ("$", ##"{"a":{"b":[10,20,{"c":"deep"}]},"k y":1,"c":"top"}"##),
        ("$.a.b[0]", "10"),
        ("$.a.b[-1].c", ##""deep""##),
        ("$['k y']", "1"),
        ("$[\"a\"]['b'][1]", "20"),
        ("$.a.b[*]", ##"[10,20,{"c":"deep"}]"##),
        // The current node's match comes before its descendants', as Jayway scans.
        ("$..c", ##"["top","deep"]"##),
        ("$.*", ##"[{"b":[10,20,{"c":"deep"}]},1,"top"]"##),
        ("a.b[1]", "20"),
        ("$.a.b[7]", "absent"),
        ("$.nope.x", "absent"),
    ]

    @Test(arguments: cases) func selects(path: String, expected: String) throws {
        let found = try VTLJSONPath(path).evaluate(Self.document)
        #expect((found?.serialized() ?? "absent") == expected)
    }

    @Test(arguments: ["$.a[?(@.b)]", "$.a[1:2]", "$.a.", "$..", "$[", "$['unterminated", "$.a.length()x[", "$[abc]"])
    func refusesWhatItDoesNotSupport(path: String) {
        #expect(throws: VTLJSONPath.SyntaxError.self) { try VTLJSONPath(path) }
    }
}
