/// Signs HTTP requests with AWS Signature Version 4 the way botocore does, for Tollgate's CLI tools
/// and tests that call the admin API.
///
/// Header signing adds `X-Amz-Date`, `X-Amz-Security-Token` (with a session token), optionally
/// `X-Amz-Content-Sha256`, and `Authorization`; presigning moves the same information into the
/// query. Every header present is signed except hop-by-hop ones and `User-Agent`/`Expect`/
/// `X-Amzn-Trace-Id` (botocore's exclusions), so the request must already carry its final `Host`.
/// Immutable and `Sendable`; the time is passed in, so results are deterministic.
package struct SigV4Signer: Sendable {
    package let credentials: SigV4Credentials
    package let region: String
    package let service: String
    /// Remove dot segments and repeated slashes from the path before encoding (false only for S3).
    package let normalizePath: Bool
    /// Where derived signing keys are kept between signatures (a signer that signs per request, as
    /// the data plane's AWS calls do, saves four HMACs each); nil derives one per signature.
    package let signingKeys: SigV4SigningKeyCache?

    /// Headers never signed: they are hop-by-hop or routinely rewritten between client and server.
    package static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    package init(credentials: SigV4Credentials, region: String, service: String, normalizePath: Bool = true,
                 signingKeys: SigV4SigningKeyCache? = nil) {
        self.signingKeys = signingKeys
        self.credentials = credentials
        self.region = region
        self.service = service
        self.normalizePath = normalizePath
    }

    /// Everything computed while signing, for tests and debugging.
    package struct Signature: Sendable, Equatable {
        package var canonicalRequest: String
        package var stringToSign: String
        /// Lowercase hex.
        package var signature: String
        /// `host;x-amz-date;…`
        package var signedHeaders: String
        /// The full `Authorization` header value (empty for presigned requests).
        package var authorization: String
    }

    // MARK: - Header signing

    /// A copy of `request` signed at `epochSeconds` (Unix time, UTC). With `addContentSHA256`, the
    /// body's SHA-256 is sent (and signed) in `X-Amz-Content-Sha256`.
    package func sign(_ request: HTTPRequest, at epochSeconds: Int64, addContentSHA256: Bool = false) -> HTTPRequest {
        var signed = prepare(request, at: epochSeconds, addContentSHA256: addContentSHA256)
        let result = signature(ofPrepared: signed, at: epochSeconds)
        signed.head.headers.set("Authorization", result.authorization)
        return signed
    }

    /// The canonical request, string to sign and signature `sign` would produce.
    package func signature(for request: HTTPRequest, at epochSeconds: Int64, addContentSHA256: Bool = false) -> Signature {
        signature(ofPrepared: prepare(request, at: epochSeconds, addContentSHA256: addContentSHA256), at: epochSeconds)
    }

    private func prepare(_ request: HTTPRequest, at epochSeconds: Int64, addContentSHA256: Bool) -> HTTPRequest {
        var prepared = request
        prepared.head.headers.remove("Authorization")
        prepared.head.headers.set("X-Amz-Date", SigV4Date.iso8601Basic(epochSeconds))
        if let token = credentials.sessionToken {
            prepared.head.headers.set("X-Amz-Security-Token", token)
        }
        if addContentSHA256 {
            prepared.head.headers.set("X-Amz-Content-Sha256", Digest.sha256Hex(request.body))
        }
        return prepared
    }

    private func signature(ofPrepared request: HTTPRequest, at epochSeconds: Int64) -> Signature {
        let signedNames = Self.signedHeaderNames(request.headers)
        let payloadHash = request.headers["X-Amz-Content-Sha256"] ?? Digest.sha256Hex(request.body)
        var result = compute(request: request, query: request.head.query, excludingFromQuery: [],
                             signedNames: signedNames, payloadHash: payloadHash, at: epochSeconds)
        result.authorization = "\(SigV4Canonicalizer.algorithm) Credential=\(credentials.accessKeyId)/\(scope(at: epochSeconds)), "
            + "SignedHeaders=\(result.signedHeaders), Signature=\(result.signature)"
        return result
    }

    // MARK: - Presigning

    /// A copy of `request` whose target carries a presigned query (`X-Amz-Algorithm`,
    /// `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Security-Token`
    /// with a session token, and `X-Amz-Signature`), valid for `expires` seconds (1…604800).
    package func presign(_ request: HTTPRequest, at epochSeconds: Int64, expires: Int = 3600) -> HTTPRequest {
        precondition((1...604_800).contains(expires), "SigV4Signer.presign: expires must be 1…604800 seconds")
        var presigned = request
        presigned.head.headers.remove("Authorization")
        let signedNames = Self.signedHeaderNames(presigned.headers)
        var authParameters = [
            ("X-Amz-Algorithm", SigV4Canonicalizer.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope(at: epochSeconds))"),
            ("X-Amz-Date", SigV4Date.iso8601Basic(epochSeconds)),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedNames.joined(separator: ";")),
        ]
        if let token = credentials.sessionToken { authParameters.append(("X-Amz-Security-Token", token)) }
        let encoded = authParameters.map { PercentEncoding.encode($0.0, keeping: .unreserved) + "=" + PercentEncoding.encode($0.1, keeping: .unreserved) }
            .joined(separator: "&")
        let path = presigned.head.path
        let query = presigned.head.query.map { $0.isEmpty ? encoded : $0 + "&" + encoded } ?? encoded
        let payloadHash = presigned.headers["X-Amz-Content-Sha256"] ?? Digest.sha256Hex(presigned.body)
        let result = compute(request: presigned, query: query[...], excludingFromQuery: ["X-Amz-Signature"],
                             signedNames: signedNames, payloadHash: payloadHash, at: epochSeconds)
        presigned.head.target = path + "?" + query + "&X-Amz-Signature=" + result.signature
        return presigned
    }

    // MARK: - Shared

    private func scope(at epochSeconds: Int64) -> SigV4Scope {
        SigV4Scope(date: String(SigV4Date.iso8601Basic(epochSeconds).prefix(8)), region: region, service: service)
    }

    private func compute(request: HTTPRequest, query: Substring?, excludingFromQuery: Set<String>, signedNames: [String],
                         payloadHash: String, at epochSeconds: Int64) -> Signature {
        let signedHeaders = signedNames.joined(separator: ";")
        let canonicalRequest = SigV4Canonicalizer.canonicalRequest(
            method: request.method.rawValue,
            canonicalURI: SigV4Canonicalizer.canonicalURI(
                path: SigV4Canonicalizer.originPath(ofTarget: request.target), normalize: normalizePath),
            canonicalQuery: SigV4Canonicalizer.canonicalQuery(query, excluding: excludingFromQuery),
            canonicalHeaders: SigV4Canonicalizer.canonicalHeaders(request.headers, signedHeaders: signedNames),
            signedHeaders: signedHeaders,
            payloadHash: payloadHash)
        let scope = scope(at: epochSeconds)
        let stringToSign = SigV4Canonicalizer.stringToSign(
            amzDate: SigV4Date.iso8601Basic(epochSeconds), scope: scope, canonicalRequest: canonicalRequest)
        let key = signingKeys?.signingKey(accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, scope: scope)
            ?? SigV4Canonicalizer.signingKey(secretAccessKey: credentials.secretAccessKey, scope: scope)
        return Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                         signature: SigV4Canonicalizer.signature(signingKey: key, stringToSign: stringToSign),
                         signedHeaders: signedHeaders, authorization: "")
    }

    /// Lower-cased, de-duplicated, sorted names of the headers to sign.
    static func signedHeaderNames(_ headers: HTTPHeaders) -> [String] {
        Set(headers.map { $0.name.lowercased() }).subtracting(unsignedHeaders).sorted()
    }
}
