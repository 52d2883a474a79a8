import Synchronization
import Testing
@testable import Shared

@Suite struct SigV4VerifierTests {
    static let keyId = "AKIDADMIN"
    static let secret = "admin-secret-EXAMPLE"
    static let time: Int64 = 1_767_225_600   // 2026-01-01T00:00:00Z

    let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyId: keyId, secretAccessKey: secret),
                             region: "us-east-1", service: "apigateway")

    func verifier(at time: Int64 = time, service: String? = "apigateway", region: String? = nil) -> SigV4Verifier {
        SigV4Verifier(credentials: { $0 == Self.keyId ? Self.secret : nil }, clock: { time }, service: service, region: region)
    }

    var request: HTTPRequest {
        HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/restapis/a1b2c3d4e5/deployments?x=1",
                                          headers: ["Host": "cp.local:9000", "Content-Type": "application/json"]),
                    body: Array(#"{"stageName":"prod"}"#.utf8))
    }

    var signed: HTTPRequest { signer.sign(request, at: Self.time) }

    /// `signed` with its Authorization header replaced.
    func with(authorization: String, removing others: [String] = []) -> HTTPRequest {
        var copy = signed
        copy.head.headers.set("Authorization", authorization)
        for name in others { copy.head.headers.remove(name) }
        return copy
    }

    // MARK: - Accepting

    @Test func acceptsAGoodSignatureAndReportsTheIdentity() {
        #expect(verifier().verify(signed) == .success(SigV4Identity(
            accessKeyId: Self.keyId, region: "us-east-1", service: "apigateway", signedAt: Self.time)))
    }

    @Test func aVerifierWithASigningKeyCacheAcceptsEachDayAndRejectsAForgery() {
        let cache = SigV4SigningKeyCache()
        let cached = SigV4Verifier(credentials: { $0 == Self.keyId ? Self.secret : nil }, clock: { Self.time },
                                   service: "apigateway", signingKeys: cache)
        let nextDay = Self.time + 86_400
        #expect(cached.verify(signed, now: Self.time).isSuccess)
        #expect(cached.verify(signed, now: Self.time).isSuccess)
        #expect(cached.verify(signer.sign(request, at: nextDay), now: nextDay).isSuccess)
        let forger = SigV4Signer(credentials: SigV4Credentials(accessKeyId: Self.keyId, secretAccessKey: "guess"),
                                 region: "us-east-1", service: "apigateway")
        #expect(cached.verify(forger.sign(request, at: Self.time), now: Self.time)
            == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
        #expect(cache.count == 2)
    }

    @Test func aCachedSigningKeyStopsWorkingOnceItsAccessKeyIsGone() {
        let known = Mutex(true)
        let cached = SigV4Verifier(credentials: { id in known.withLock { $0 } && id == Self.keyId ? Self.secret : nil },
                                   clock: { Self.time }, service: "apigateway", signingKeys: SigV4SigningKeyCache())
        #expect(cached.verify(signed).isSuccess)
        known.withLock { $0 = false }
        #expect(cached.verify(signed) == .failure(.unrecognizedClient))
    }

    @Test func acceptsAnyRegionUnlessOneIsConfigured() {
        let elsewhere = SigV4Signer(credentials: signer.credentials, region: "ap-southeast-2", service: "apigateway")
        let request = elsewhere.sign(request, at: Self.time)
        #expect(verifier().verify(request).map(\.region) == .success("ap-southeast-2"))
        #expect(verifier(region: "us-east-1").verify(request)
                == .failure(.invalidSignature("Credential should be scoped to a valid region, not 'ap-southeast-2'. ")))
    }

    @Test func acceptsTheClockSkewBoundaryAndRejectsOneSecondBeyond() {
        #expect(verifier(at: Self.time + 300).verify(signed).map(\.accessKeyId) == .success(Self.keyId))
        #expect(verifier(at: Self.time - 300).verify(signed).map(\.accessKeyId) == .success(Self.keyId))
        #expect(verifier(at: Self.time + 301).verify(signed) == .failure(.signatureExpired(
            "Signature expired: 20260101T000000Z is now earlier than 20260101T000001Z (20260101T000501Z - 5 min.)")))
        #expect(verifier(at: Self.time - 301).verify(signed) == .failure(.signatureExpired(
            "Signature not yet current: 20260101T000000Z is still later than 20251231T235959Z (20251231T235459Z + 5 min.)")))
    }

    @Test func acceptsAContentSHA256HeaderThatMatchesTheBody() {
        let withHash = signer.sign(request, at: Self.time, addContentSHA256: true)
        #expect(withHash.headers["X-Amz-Content-Sha256"] == Digest.sha256Hex(request.body))
        #expect(verifier().verify(withHash).map(\.accessKeyId) == .success(Self.keyId))
    }

    @Test func acceptsTheHTTPDateHeaderWhenXAmzDateIsAbsent() {
        var dated = request
        dated.head.headers.add("Date", "Thu, 01 Jan 2026 00:00:00 GMT")
        let scope = SigV4Scope(date: "20260101", region: "us-east-1", service: "apigateway")
        let canonical = SigV4Canonicalizer.canonicalRequest(
            method: "POST", canonicalURI: "/restapis/a1b2c3d4e5/deployments", canonicalQuery: "x=1",
            canonicalHeaders: SigV4Canonicalizer.canonicalHeaders(dated.headers, signedHeaders: ["date", "host"]),
            signedHeaders: "date;host", payloadHash: Digest.sha256Hex(dated.body))
        let signature = SigV4Canonicalizer.signature(
            signingKey: SigV4Canonicalizer.signingKey(secretAccessKey: Self.secret, scope: scope),
            stringToSign: SigV4Canonicalizer.stringToSign(amzDate: "20260101T000000Z", scope: scope, canonicalRequest: canonical))
        dated.head.headers.add("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDADMIN/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=date;host, Signature=\(signature)")
        #expect(verifier().verify(dated).map(\.signedAt) == .success(Self.time))
    }

    @Test func presignedRequestFromOurSignerVerifies() {
        let presigned = signer.presign(request, at: Self.time, expires: 60)
        #expect(presigned.headers["Authorization"] == nil)
        #expect(verifier(at: Self.time + 60).verify(presigned).map(\.accessKeyId) == .success(Self.keyId))
        #expect(verifier(at: Self.time + 61).verify(presigned) == .failure(.signatureExpired("Request has expired")))
    }

    // MARK: - Missing or malformed

    @Test func noAuthorizationAndNoPresignIsMissingAuthentication() {
        let result = verifier().verify(request)
        #expect(result == .failure(.missingAuthentication))
        if case .failure(let error) = result {
            #expect(error.awsErrorType == "MissingAuthenticationTokenException")
            #expect(error.message == "Missing Authentication Token")
            #expect(error.httpStatus == 403)
        }
    }

    @Test func parameterWithoutEqualsSignIsIncomplete() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDADMIN /20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"
        #expect(verifier().verify(with(authorization: header)) == .failure(.incompleteSignature(
            "'/20260101/us-east-1/apigateway/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'.")))
        #expect(verifier().verify(with(authorization: "Bearer abc.def")) == .failure(.incompleteSignature(
            "'abc.def' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer abc.def'.")))
    }

    @Test func missingParametersAreAllListed() {
        #expect(verifier().verify(with(authorization: "AWS4-HMAC-SHA256 Credential=AKIDADMIN", removing: ["X-Amz-Date"]))
                == .failure(.incompleteSignature(
                    "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256")))
        #expect(verifier().verify(with(authorization: "eyJhbGciOiJIUzI1NiJ9.e30.sig"))
                == .failure(.incompleteSignature(
                    "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=eyJhbGciOiJIUzI1NiJ9.e30.sig")))
    }

    @Test func unsupportedAlgorithmIsIncomplete() {
        #expect(verifier().verify(with(authorization: "AWS5-HMAC-SHA256 FooBar, BazBurp"))
                == .failure(.incompleteSignature("Unsupported AWS 'algorithm': 'AWS5-HMAC-SHA256'.")))
    }

    @Test func unreadableDateIsIncomplete() {
        var request = signed
        request.head.headers.set("X-Amz-Date", "2026/01/01T00/00/00Z")
        #expect(verifier().verify(request) == .failure(.incompleteSignature(
            "Date must be in ISO-8601 'basic format'. Got '2026/01/01T00/00/00Z'. See http://en.wikipedia.org/wiki/ISO_8601")))
    }

    @Test func credentialWithoutFiveElementsIsIncomplete() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDADMIN/20260101/us-east-1/apigateway, SignedHeaders=host;x-amz-date, Signature=00"
        #expect(verifier().verify(with(authorization: header)) == .failure(.incompleteSignature(
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDADMIN/20260101/us-east-1/apigateway'")))
    }

    @Test func unsignedHostIsInvalid() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDADMIN/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=x-amz-date, Signature=00"
        #expect(verifier().verify(with(authorization: header)) == .failure(.invalidSignature(
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")))
    }

    // MARK: - Scope, key, signature

    @Test func wrongServiceIsInvalid() {
        let other = SigV4Signer(credentials: signer.credentials, region: "us-east-1", service: "execute-api").sign(request, at: Self.time)
        #expect(verifier().verify(other) == .failure(.invalidSignature("Credential should be scoped to correct service: 'apigateway'. ")))
        #expect(verifier(service: nil).verify(other).map(\.service) == .success("execute-api"))
    }

    @Test func everyScopeProblemIsReportedTogether() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDADMIN/20251231/eu-west-1/s3/aws5_request, SignedHeaders=host;x-amz-date, Signature=00"
        #expect(verifier(region: "us-east-1").verify(with(authorization: header)) == .failure(.invalidSignature(
            "Credential should be scoped to a valid region, not 'eu-west-1'. Credential should be scoped to correct service: 'apigateway'. Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20251231' != '20260101', from '20260101T000000Z'. ")))
    }

    @Test func scopeDateMustEqualTheRequestDate() {
        let header = signed.headers["Authorization"]!.replacing("/20260101/", with: "/20251231/")
        #expect(verifier().verify(with(authorization: header)) == .failure(.invalidSignature(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20251231' != '20260101', from '20260101T000000Z'. ")))
    }

    @Test func unknownAccessKeyIsUnrecognizedClient() {
        let stranger = SigV4Signer(credentials: SigV4Credentials(accessKeyId: "AKIDSTRANGER", secretAccessKey: Self.secret),
                                   region: "us-east-1", service: "apigateway")
        let result = verifier().verify(stranger.sign(request, at: Self.time))
        #expect(result == .failure(.unrecognizedClient))
        if case .failure(let error) = result {
            #expect(error.awsErrorType == "UnrecognizedClientException")
            #expect(error.message == "The security token included in the request is invalid.")
        }
    }

    @Test func wrongSecretIsInvalidSignature() {
        let forger = SigV4Signer(credentials: SigV4Credentials(accessKeyId: Self.keyId, secretAccessKey: "guess"),
                                 region: "us-east-1", service: "apigateway")
        let result = verifier().verify(forger.sign(request, at: Self.time))
        #expect(result == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
        if case .failure(let error) = result {
            #expect(error.awsErrorType == "InvalidSignatureException")
            #expect(error.message.hasPrefix("The request signature we calculated does not match the signature you provided."))
        }
    }

    @Test func signatureComparisonIsExact() {
        let authorization = signed.headers["Authorization"]!
        let upper = String(authorization.dropLast(64)) + authorization.suffix(64).uppercased()
        #expect(verifier().verify(with(authorization: upper)) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
        let truncated = String(authorization.dropLast())
        #expect(verifier().verify(with(authorization: truncated)) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
    }

    /// `signed`'s Authorization with its 64-hex-digit signature passed through `change`.
    func withSignature(_ change: (String) -> String) -> HTTPRequest {
        let authorization = signed.headers["Authorization"]!
        return with(authorization: String(authorization.dropLast(64)) + change(String(authorization.suffix(64))))
    }

    /// `hex` with the digit at `position` replaced by a different hex digit.
    static func flippingDigit(at position: Int, of hex: String) -> String {
        var digits = Array(hex)
        digits[position] = digits[position] == "0" ? "1" : "0"
        return String(digits)
    }

    /// Every single-digit change of an otherwise valid signature fails: first, middle, last and
    /// every position between (a comparison that skips any digit is caught here).
    @Test(arguments: 0..<64)
    func changingOneHexDigitOfTheSignatureIsInvalid(position: Int) {
        #expect(verifier().verify(withSignature { Self.flippingDigit(at: position, of: $0) })
                == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
    }

    @Test func aSignatureOneDigitShortOrLongIsInvalid() {
        for change in [{ (s: String) in String(s.dropLast()) }, { String($0.dropFirst()) }, { $0 + "0" }, { "0" + $0 },
                       { $0 + $0 }, { _ in "" }] {
            #expect(verifier().verify(withSignature(change)) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
        }
        #expect(verifier().verify(withSignature { $0 }).map(\.accessKeyId) == .success(Self.keyId))
    }

    @Test(arguments: [0, 31, 63])
    func changingOneHexDigitOfAPresignedSignatureIsInvalid(position: Int) throws {
        var presigned = signer.presign(request, at: Self.time, expires: 60)
        let target = presigned.target
        let start = try #require(target.range(of: "X-Amz-Signature=")).upperBound
        let end = target[start...].firstIndex(of: "&") ?? target.endIndex
        let signature = String(target[start..<end])
        #expect(signature.count == 64)
        presigned.head.target = String(target[..<start]) + Self.flippingDigit(at: position, of: signature) + String(target[end...])
        #expect(verifier().verify(presigned) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
    }

    @Test func alteredBodyIsInvalid() {
        var altered = signed
        altered.body = Array(#"{"stageName":"evil"}"#.utf8)
        #expect(verifier().verify(altered) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
    }

    @Test func contentSHA256HeaderMustDescribeTheBody() {
        var altered = signer.sign(request, at: Self.time, addContentSHA256: true)
        altered.body = Array(#"{"stageName":"evil"}"#.utf8)
        #expect(verifier().verify(altered) == .failure(.invalidSignature(
            "The provided 'x-amz-content-sha256' header does not match what was computed.")))
    }

    @Test func sessionTokenIsReportedWhenSigned() {
        let withToken = SigV4Signer(credentials: SigV4Credentials(accessKeyId: Self.keyId, secretAccessKey: Self.secret, sessionToken: "tok"),
                                    region: "us-east-1", service: "apigateway").sign(request, at: Self.time)
        #expect(verifier().verify(withToken).map(\.securityToken) == .success("tok"))
    }

    @Test func presignedQueryMissingParametersIsIncomplete() {
        var presigned = signer.presign(request, at: Self.time)
        presigned.head.target = presigned.target.replacing("X-Amz-Expires=3600&", with: "")
        #expect(verifier().verify(presigned) == .failure(.incompleteSignature(
            "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Re-examine the query-string parameters.")))
    }

    @Test func errorTypesAndStatusesMatchAWS() {
        let cases: [(SigV4Error, String)] = [
            (.missingAuthentication, "MissingAuthenticationTokenException"),
            (.incompleteSignature("x"), "IncompleteSignatureException"),
            (.unrecognizedClient, "UnrecognizedClientException"),
            (.invalidSignature("x"), "InvalidSignatureException"),
            (.signatureExpired("x"), "InvalidSignatureException"),
        ]
        for (error, type) in cases {
            #expect(error.awsErrorType == type)
            #expect(error.httpStatus == 403)
        }
    }
}

private extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
