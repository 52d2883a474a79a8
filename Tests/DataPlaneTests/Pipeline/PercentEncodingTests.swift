import Testing
@testable import DataPlane

@Suite struct PercentEncodingTests {
    @Test func encodesQueryComponentsPathSegmentsAndFunctionNames() {
        #expect(PercentEncoding.queryComponent("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
        #expect(PercentEncoding.functionName("arn:aws:lambda:us-east-1:1:function:f") == "arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af")
        #expect(PercentEncoding.queryComponent("plain-._~") == "plain-._~")
    }

    /// Decoded text placed into a path: `/` and every reserved character are encoded.
    @Test(arguments: [
        ("a b/c", "a%20b%2Fc"),
        ("../admin", "..%2Fadmin"),
        ("a?b#c;d", "a%3Fb%23c%3Bd"),
        ("100%", "100%25"),
        ("%2e%2e", "%252e%252e"),
        ("a\\b", "a%5Cb"),
        ("x@y:z", "x%40y%3Az"),
        ("plain-._~", "plain-._~"),
    ])
    func encodesDecodedTextAsOnePathSegment(_ text: String, _ expected: String) {
        #expect(PercentEncoding.pathSegment(text) == expected)
    }

    /// A captured path parameter keeps what is valid in a path as received; the rest is encoded.
    @Test(arguments: [
        ("a%20b", "a%20b"),
        ("a/b//c", "a/b//c"),
        ("x@y:z;k=v,w!$&'()*+", "x@y:z;k=v,w!$&'()*+"),
        ("a%2Fb", "a%2Fb"),
        ("100%", "100%25"),
        ("%zz", "%25zz"),
        ("a\\b", "a%5Cb"),
        ("a\"b<c>{d}|^`", "a%22b%3Cc%3E%7Bd%7D%7C%5E%60"),
    ])
    func keepsACapturedParameterAsReceivedWhereValid(_ raw: String, _ expected: String) {
        #expect(PercentEncoding.rawPathValue(raw) == expected)
    }
}
