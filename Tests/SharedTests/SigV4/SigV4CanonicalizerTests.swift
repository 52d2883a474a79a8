import Testing
@testable import Shared

@Suite struct SigV4CanonicalizerTests {
    @Test(arguments: [
        ("", "/"), ("/", "/"), ("//", "/"), ("/a//b///c", "/a/b/c"), ("/a/./b/../c/", "/a/c/"),
        ("/../../a", "/a"), ("/a/..", "/"), ("/a/b/", "/a/b/"), ("/a%20b", "/a%2520b"),
        ("/tags/arn%3Aaws%3Aapigateway", "/tags/arn%253Aaws%253Aapigateway"), ("/ሴ", "/%E1%88%B4"),
        ("/{proxy+}", "/%7Bproxy%2B%7D"), ("/a b", "/a%20b"),
    ])
    func normalisesThenEncodesThePath(path: String, expected: String) {
        #expect(SigV4Canonicalizer.canonicalURI(path: path) == expected)
    }

    /// RFC 3986-style removal as the signer does it, spelled out the slow way: the oracle for the
    /// fast path that returns a path with nothing to remove unchanged.
    static func referenceRemoval(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." { if !segments.isEmpty { segments.removeLast() } } else { segments.append(segment) }
        }
        return (path.hasPrefix("/") ? "/" : "") + segments.joined(separator: "/") + (path.hasSuffix("/") && !segments.isEmpty ? "/" : "")
    }

    @Test func dotSegmentRemovalMatchesTheReferenceForEveryShortPath() {
        var paths = [""]
        var frontier = [""]
        for _ in 0..<6 {
            frontier = frontier.flatMap { prefix in ["a", "/", "."].map { prefix + $0 } }
            paths += frontier
        }
        #expect(paths.count == 1093)
        for path in paths {
            #expect(SigV4Canonicalizer.removeDotSegments(path) == Self.referenceRemoval(path), "\(path)")
        }
    }

    @Test func withoutNormalisationDotSegmentsAndSlashesStay() {
        #expect(SigV4Canonicalizer.canonicalURI(path: "//a/./b/..", normalize: false) == "//a/./b/..")
    }

    @Test(arguments: [
        ("/a/b?x=1", "/a/b"), ("/a", "/a"), ("http://host:80/a/b?x", "/a/b"), ("https://host", "/"), ("*", "*"),
    ])
    func extractsTheOriginPathOfATarget(target: String, expected: String) {
        #expect(SigV4Canonicalizer.originPath(ofTarget: target) == expected)
    }

    @Test(arguments: [
        (nil, ""), ("", ""), ("b=2&a=1", "a=1&b=2"), ("a=2&a=10&a=1", "a=1&a=10&a=2"), ("flag", "flag="),
        ("a=1&&b=2", "a=1&b=2"), ("k=a+b", "k=a%2Bb"), ("k=a%20b", "k=a%20b"), ("k=%7e%2f", "k=~%2F"),
        ("k=%zz", "k=%25zz"), ("Param-3=x&Param=y", "Param=y&Param-3=x"), ("b=&a", "a=&b="),
    ] as [(String?, String)])
    func canonicalQuerySortsAndReencodes(query: String?, expected: String) {
        #expect(SigV4Canonicalizer.canonicalQuery(query.map { $0[...] }) == expected)
    }

    @Test func canonicalQueryCanExcludeTheSignatureParameter() {
        #expect(SigV4Canonicalizer.canonicalQuery("X-Amz-Signature=abc&a=1", excluding: ["X-Amz-Signature"]) == "a=1")
    }

    @Test(arguments: [
        ("  a   b  ", "a b"), ("a\t\tb", "a b"), ("\"a   b   c\"", "\"a b c\""), ("", ""), ("   ", ""), ("x", "x"),
    ])
    func headerValuesAreTrimmedAndCollapsed(value: String, expected: String) {
        #expect(SigV4Canonicalizer.canonicalHeaderValue(value) == expected)
    }

    @Test func repeatedHeadersJoinWithCommasInWireOrder() {
        let headers: HTTPHeaders = HTTPHeaders([("X-B", " 2 "), ("Host", "h"), ("x-b", "1")])
        #expect(SigV4Canonicalizer.canonicalHeaders(headers, signedHeaders: ["host", "x-b", "x-missing"])
                == "host:h\nx-b:2,1\nx-missing:\n")
    }

    /// The signing-key example of the AWS General Reference ("Examples of how to derive a signing key").
    @Test func derivesTheDocumentedSigningKey() {
        let key = SigV4Canonicalizer.signingKey(secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                scope: SigV4Scope(date: "20120215", region: "us-east-1", service: "iam"))
        #expect(Hex.encode(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }
}
