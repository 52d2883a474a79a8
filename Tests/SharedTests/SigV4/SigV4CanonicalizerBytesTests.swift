import Testing
@testable import Shared

/// The verifier's byte path writes exactly what the `String` functions (the signer's, checked
/// against the AWS suite in `SigV4SuiteTests`) produce, on every suite case.
@Suite struct SigV4CanonicalizerBytesTests {
    static func signedHeaders(_ testCase: SigV4SuiteCase) -> String {
        String(testCase.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last!)
    }

    @Test(arguments: sigV4SuiteCases)
    func theCanonicalRequestBytesAreTheSuitesCanonicalRequest(_ testCase: SigV4SuiteCase) {
        var request = SigV4TestSupport.parseRequest(testCase.request)
        request.head.headers.add("X-Amz-Date", "20150830T123600Z")
        if let token = testCase.token { request.head.headers.add("X-Amz-Security-Token", token) }
        if testCase.signBody { request.head.headers.add("X-Amz-Content-Sha256", Digest.sha256Hex(request.body)) }
        let signedText = Self.signedHeaders(testCase)
        let signed = signedText.split(separator: ";").map(String.init)
        let payloadHash = String(testCase.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false).last!)
        let uri = SigV4Canonicalizer.canonicalURI(path: SigV4Canonicalizer.originPath(ofTarget: request.target), normalize: testCase.normalize)
        let query = SigV4Canonicalizer.canonicalQuery(request.head.query)
        let bytes = SigV4Canonicalizer.canonicalRequestBytes(method: request.method.rawValue, canonicalURI: uri, canonicalQuery: query,
                                                             headers: request.headers, signedHeaders: signed,
                                                             signedHeadersText: signedText, payloadHash: payloadHash)
        #expect(String(decoding: bytes, as: UTF8.self) == testCase.canonicalRequest)
        let text = SigV4Canonicalizer.canonicalRequest(method: request.method.rawValue, canonicalURI: uri, canonicalQuery: query,
                                                       canonicalHeaders: SigV4Canonicalizer.canonicalHeaders(request.headers, signedHeaders: signed),
                                                       signedHeaders: signedText, payloadHash: payloadHash)
        #expect(bytes == Array(text.utf8))
    }

    @Test(arguments: sigV4SuiteCases)
    func theStringToSignAndSignatureBytesMatchTheSuite(_ testCase: SigV4SuiteCase) {
        let scope = SigV4Scope(date: "20150830", region: "us-east-1", service: "service")
        let stringToSign = SigV4Canonicalizer.stringToSignBytes(amzDate: "20150830T123600Z", scope: scope,
                                                                canonicalRequestDigest: Digest.sha256(testCase.canonicalRequest.utf8))
        #expect(String(decoding: stringToSign, as: UTF8.self) == SigV4TestSupport.suiteStringToSignPrefix + testCase.stringToSignHash)
        let key = SigV4Canonicalizer.signingKey(secretAccessKey: SigV4TestSupport.suiteSecret, scope: scope)
        #expect(String(decoding: SigV4Canonicalizer.signatureHexBytes(signingKey: key, stringToSign: stringToSign), as: UTF8.self)
                == testCase.signature)
    }

    @Test(arguments: [("value1", "value1"), ("  a   b\t\tc  ", "a b c"), ("", ""), ("\t", ""), ("x\r\n y", "x y"), ("\"a   b\"", "\"a b\"")])
    func aValueIsTrimmedAndItsInnerWhitespaceCollapsedAsTheStringPathDoes(_ value: String, _ canonical: String) {
        var out: [UInt8] = Array("prefix:".utf8)
        SigV4Canonicalizer.appendCanonicalValue(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "prefix:" + canonical)
        #expect(SigV4Canonicalizer.canonicalHeaderValue(value) == canonical)
    }

    @Test(arguments: [("/a/b?q=1", "/a/b"), ("/", "/"), ("", ""), ("/p?", "/p"), ("http://h:1/x/y?z", "/x/y"), ("http://h", "/"),
                      ("*", "*"), ("/%E2%82%AC?a=%3F", "/%E2%82%AC")])
    func theOriginPathEndsAtTheFirstQuestionMark(_ target: String, _ path: String) {
        #expect(SigV4Canonicalizer.originPath(ofTarget: target) == path)
    }
}
