import Testing
@testable import Shared

/// `path` and `query` split the target at its first `?`, whatever the target's bytes.
@Suite struct HTTPRequestHeadTests {
    @Test(arguments: [
        ("/a/b?x=1&y=2", "/a/b", "x=1&y=2"),
        ("/a/b", "/a/b", nil),
        ("/a?", "/a", ""),
        ("?x", "", "x"),
        ("", "", nil),
        ("/a?b?c", "/a", "b?c"),
        ("/caf\u{e9}/\u{1F600}?q=\u{e9}", "/caf\u{e9}/\u{1F600}", "q=\u{e9}"),
        ("http://h:8080/p?z", "http://h:8080/p", "z"),
    ] as [(String, String, String?)])
    func splitsTheTargetAtItsFirstQuestionMark(target: String, path: String, query: String?) {
        let head = HTTPRequestHead(method: .GET, target: target)
        #expect(head.path == path[...])
        #expect(head.query.map(String.init) == query)
    }
}
