import Testing
@testable import Shared

/// The one encoder, with the sets its callers use (moved from the data plane's `PercentEncoding`
/// and SigV4's `SigV4Encoding` tests; the assertions are theirs).
@Suite struct PercentEncodingTests {
    /// Query components, Lambda function names, long-poll and admin-client query values.
    @Test func encodesQueryComponentsPathSegmentsAndFunctionNames() {
        #expect(PercentEncoding.encode("a b&c=d/é", keeping: .unreserved) == "a%20b%26c%3Dd%2F%C3%A9")
        #expect(PercentEncoding.encode("arn:aws:lambda:us-east-1:1:function:f", keeping: .unreserved) == "arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af")
        #expect(PercentEncoding.encode("plain-._~", keeping: .unreserved) == "plain-._~")
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
        #expect(PercentEncoding.encode(text, keeping: .unreserved) == expected)
    }

    /// A captured path parameter keeps what is valid in a path as received; the rest is encoded.
    @Test(arguments: [
        ("a%20b", "a%20b"),
        ("a/b//c", "a/b//c"),
        ("x@y:z;k=v,w!$&'()*+", "x@y:z;k=v,w!$&'()*+"),
        ("a%2Fb", "a%2Fb"),
        ("100%", "100%25"),
        ("%zz", "%25zz"),
        ("%4", "%254"),
        ("a\\b", "a%5Cb"),
        ("a\"b<c>{d}|^`", "a%22b%3Cc%3E%7Bd%7D%7C%5E%60"),
    ])
    func keepsACapturedParameterAsReceivedWhereValid(_ raw: String, _ expected: String) {
        #expect(PercentEncoding.encode(raw, keeping: .pathCharacters, keepingEscapes: true) == expected)
    }

    /// The SigV4 canonical URI keeps `/` and encodes `%` again (AWS's "double encoding").
    @Test(arguments: [
        ("/a b/c", "/a%20b/c"),
        ("/a%20b", "/a%2520b"),
        ("/é/~x", "/%C3%A9/~x"),
        ("/a+b=c", "/a%2Bb%3Dc"),
    ])
    func keepsSlashesForSigV4Paths(_ path: String, _ expected: String) {
        #expect(PercentEncoding.encode(path, keeping: .unreservedAndSlash) == expected)
    }

    /// Every byte outside the set becomes `%XY` with upper-case hex; the appending form agrees.
    @Test func encodesEveryByteOutsideTheSetWithUpperCaseHex() {
        let bytes = (0...255).map(UInt8.init)
        var out: [UInt8] = []
        PercentEncoding.encode(bytes, keeping: .unreserved, into: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix("%00%01%02"))
        #expect(text.contains("%2F0123456789%3A"))
        #expect(text.hasSuffix("%FD%FE%FF"))
        #expect(PercentDecoding.decode(out) == bytes)
        for byte in bytes {
            let expected = PercentEncoding.AllowedSet.unreserved.contains(byte)
            #expect(expected == (byte < 0x80 && "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8.contains(byte)))
        }
        #expect(!PercentEncoding.AllowedSet.pathCharacters.contains(0xC3))
    }
}
