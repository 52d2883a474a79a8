import Testing
@testable import Shared

/// The byte-level reader of the `Authorization` header (`SigV4Claim.scanParameters`, the hot path)
/// against the character-level one that words AWS's errors (`parseReportingErrors`): the same
/// answer for every header, and the fast path declines whatever only the slow one may judge.
@Suite struct SigV4ClaimTests {
    static let headers = HTTPHeaders([("Host", "h"), ("X-Amz-Date", "20260101T000000Z")])
    static let good = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123"

    /// (header, whether the byte reader takes it itself)
    static let cases: [(String, Bool)] = [
        (good, true),
        ("   " + good, true),                                                                   // leading spaces
        ("AWS4-HMAC-SHA256 Credential=A/B,SignedHeaders=host,Signature=1", true),               // commas only
        ("AWS4-HMAC-SHA256 Signature=1, Credential=A/B ,,  SignedHeaders=host, Signature=2", true), // order, doubled separators, later wins
        ("AWS4-HMAC-SHA256 Credential=A=B/C, SignedHeaders=host, Signature=1, Extra=x", true),  // '=' inside a value, unknown key
        ("AWS4-HMAC-SHA256 Credential=A/B, SignedHeaders=x-amz-date, Signature=1", true),      // host unsigned: the claim's own error
        ("AWS4-HMAC-SHA256 Credential=A/B, SignedHeaders=host", false),                        // a parameter missing
        ("AWS4-HMAC-SHA256 Credential=A /B, SignedHeaders=host, Signature=1", false),          // a piece without '='
        ("AWS4-HMAC-SHA256", false),
        ("AWS4-HMAC-SHA2567 Credential=A/B, SignedHeaders=host, Signature=1", false),          // another algorithm
        ("AWS4-HMAC-SHA256,Credential=A/B, SignedHeaders=host, Signature=1", false),
        ("aws4-hmac-sha256 Credential=A/B, SignedHeaders=host, Signature=1", false),
        ("AWS4-HMAC-SHA256 Credential=A/B, SignedHeaders=host, Signature=é1", false),          // non-ASCII
        ("AWS4-HMAC-SHA256 Credential=A/B, SignedHeaders=host, Signature=1 \u{301}", false),   // a space inside a grapheme cluster
        ("Bearer abc.def", false),
        ("", false),
    ]

    @Test(arguments: cases)
    func readsEveryHeaderAsTheCharacterLevelReaderDoes(_ header: String, takenByBytes: Bool) {
        #expect((SigV4Claim.scanParameters(header) != nil) == takenByBytes)
        #expect(SigV4Claim.parse(authorization: header, headers: Self.headers)
                == SigV4Claim.parseReportingErrors(authorization: header, headers: Self.headers))
    }

    @Test func takesTheLastOfRepeatedParameters() throws {
        let claim = try SigV4Claim.parse(authorization: "AWS4-HMAC-SHA256 Signature=1, Credential=A/B, SignedHeaders=host, Signature=2",
                                         headers: Self.headers).get()
        #expect(claim.signature == "2")
        #expect(claim.credential == "A/B")
        #expect(claim.signedHeaders == ["host"])
        #expect(claim.amzDate == "20260101T000000Z")
    }

    @Test func withoutADateHeaderTheErrorIsWorded() {
        let result = SigV4Claim.parse(authorization: Self.good, headers: HTTPHeaders([("Host", "h")]))
        #expect(result == .failure(.incompleteSignature(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256")))
    }
}
