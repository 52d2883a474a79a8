import Testing
@testable import Shared

@Suite struct PathSafetyTests {
    /// (request path after the stage, normalised path or nil when it climbs above the stage).
    static let normalisation: [(String, String?)] = [
        ("", ""),
        ("/", "/"),
        ("/pets/1", "/pets/1"),
        ("/file.txt", "/file.txt"),
        ("/a/.../b", "/a/.../b"),                // three dots are a name
        ("/.hidden/x", "/.hidden/x"),
        ("/a/./b", "/a/b"),
        ("/a/b/../c", "/a/c"),
        ("/a/b/..", "/a/"),
        ("/a/.", "/a/"),
        ("/.", "/"),
        ("/a/..", "/"),
        ("/a/%2e%2e/b", "/b"),
        ("/a/%2E%2E/b", "/b"),
        ("/a/.%2e/b", "/b"),
        ("/a/%2e./b", "/b"),
        ("/a/%2E./b", "/b"),
        ("/a/%2e/b", "/a/b"),
        ("/a//../b", "/a/b"),
        ("/a/b%20c/../d", "/a/d"),
        ("/..", nil),
        ("/../admin", nil),
        ("/%2e%2e/admin", nil),
        ("/%2E%2E/admin", nil),
        ("/.%2e/admin", nil),
        ("/%2e%2E/admin", nil),
        ("/a/../../admin", nil),
        ("/a/%2e%2e/%2e%2e/admin", nil),
        ("/./../admin", nil),
        // One decoding only: these are not dot segments for routing (`isSafeValue` refuses them).
        ("/..%2fadmin", "/..%2fadmin"),
        ("/%252e%252e/admin", "/%252e%252e/admin"),
        ("/%2e%2e%2fadmin", "/%2e%2e%2fadmin"),
        ("/..%5cadmin", "/..%5cadmin"),
        ("/..;/admin", "/..;/admin"),
        ("/%2g%2e/x", "/%2g%2e/x"),
    ]

    @Test(arguments: normalisation)
    func removesDotSegmentsBeforeRouting(_ path: String, _ expected: String?) {
        #expect(PathSafety.removeDotSegments(path[...]).map(String.init) == expected)
    }

    @Test func aPathWithoutDotSegmentsIsReturnedAsTheSameSlice() {
        let path = "/prod/pets/1.json"
        let slice = path.dropFirst(5)
        let out = PathSafety.removeDotSegments(slice)
        #expect(out?.startIndex == slice.startIndex && out?.endIndex == slice.endIndex)
    }

    /// Values about to be placed into an upstream path: (value, safe).
    static let values: [(String, Bool)] = [
        ("admin", true),
        ("a/b/c", true),
        ("file.txt", true),
        ("...", true),
        ("a..b", true),
        ("%2e%2e%2e", true),
        ("100%25", true),
        ("100%", true),
        ("a%2Fb", true),
        ("caf%C3%A9", true),
        ("", true),
        (".", false),
        ("..", false),
        ("../admin", false),
        ("a/../../admin", false),
        ("a/./b", false),
        ("%2e%2e", false),
        ("%2E%2E", false),
        (".%2e", false),
        ("%2e.", false),
        ("..%2fadmin", false),
        ("..%2Fadmin", false),
        ("%2e%2e%2fadmin", false),
        ("a%2f..%2fb", false),
        ("%252e%252e", false),                   // double-encoded: refused, an upstream may decode twice
        ("%252e%252e%252fadmin", false),
        ("%25252e%25252e", false),
        ("..%5cadmin", false),                   // backslash is a separator to Windows-style upstreams
        ("..\\admin", false),
        ("a\\..\\b", false),
        ("..;/admin", false),                    // Tomcat and Jetty read `..;` as `..`
        ("..;jsessionid=1", false),
        ("%00", false),
        ("..%00", false),
        ("a%00b", false),
        ("a\u{0}b", false),
        ("%2500", false),
    ]

    @Test(arguments: values)
    func judgesValuesPlacedIntoAnUpstreamPath(_ value: String, _ safe: Bool) {
        #expect(PathSafety.isSafeValue(value) == safe)
    }

    @Test func anEncodingDeeperThanEightRoundsIsRefused() {
        var value = "a"
        for _ in 0..<9 { value = value.replacingPercent() }
        #expect(!PathSafety.isSafeValue(value))
        #expect(PathSafety.isSafeValue("%2541"))
    }
}

private extension String {
    /// `%` → `%25`, and a leading `a` → `%61` on the first round: one more level of encoding.
    func replacingPercent() -> String {
        if self == "a" { return "%61" }
        var out = ""
        for character in self { out += character == "%" ? "%25" : String(character) }
        return out
    }
}
