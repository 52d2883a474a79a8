import Testing
@testable import DataPlane

@Suite struct BinaryMediaTypesTests {
    @Test(arguments: [
        ("image/png", ["image/png"], true),
        ("Image/PNG; q=0.9", ["image/png"], true),
        ("image/jpeg", ["image/*"], true),
        ("text/plain", ["*/*"], true),
        ("image/png, text/html", ["text/html"], false),
        ("application/json", ["image/png"], false),
        ("garbage", ["image/png"], false),
    ])
    func matchesTheFirstMediaType(value: String, types: [String], expected: Bool) {
        #expect(BinaryMediaTypes.matches(value, types) == expected)
    }

    @Test func nothingMatchesWithoutTypesOrValue() {
        #expect(!BinaryMediaTypes.matches(nil, ["*/*"]))
        #expect(!BinaryMediaTypes.matches("image/png", []))
    }
}
