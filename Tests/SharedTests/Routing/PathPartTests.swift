import Testing
@testable import Shared

@Suite struct PathPartTests {
    @Test(arguments: [
        ("pets", PathPart.literal("pets")),
        ("{petId}", .variable("petId")),
        ("{proxy+}", .greedy("proxy")),
        ("v1.2-beta_x", .literal("v1.2-beta_x")),
        ("a:b@c", .literal("a:b@c")),
    ])
    func parsesValidParts(text: String, expected: PathPart) {
        #expect(PathPart(parsing: text) == expected)
        #expect(PathPart(parsing: text)?.description == text)
    }

    @Test(arguments: ["", "a/b", "{}", "{+}", "{a", "a}", "{a b}", "has space", "a?b", "a%20", "{a}b", "{a/b}"])
    func rejectsInvalidParts(text: String) {
        #expect(PathPart(parsing: text) == nil)
    }
}
