/// Verifies AWS Signature Version 4 on incoming requests, in the `Authorization` header or in a
/// presigned query, the way AWS front ends do.
///
/// Checks, in order: the signature information is present and well-formed; `Host` (and any
/// `X-Amz-Security-Token` header) is signed; the request time is within `maxClockSkewSeconds` of
/// the injected clock (presigned: not in the future beyond the skew, not past `X-Amz-Expires`); the
/// credential has five elements with a valid scope (terminator, service when `service` is set,
/// region when `region` is set, scope date equal to the request date); the access key is known;
/// the signature matches (compared in constant time); a sent `X-Amz-Content-Sha256` matches the
/// body. Immutable and `Sendable`: one instance can serve every event loop.
package struct SigV4Verifier: Sendable {
    /// Returns the secret access key for an access key id, or nil when the id is unknown.
    package typealias CredentialsLookup = @Sendable (_ accessKeyId: String) -> String?
    /// Current Unix time in seconds.
    package typealias Clock = @Sendable () -> Int64

    private let credentials: CredentialsLookup
    private let clock: Clock
    /// The service the credential scope must name (`apigateway` for the admin API); nil accepts any.
    package let service: String?
    /// The region the credential scope must name; nil accepts any non-empty region.
    package let region: String?
    /// Allowed difference between the request time and the clock; AWS allows 5 minutes.
    package let maxClockSkewSeconds: Int64
    /// Normalise the path before encoding (true for every service except S3).
    package let normalizePath: Bool
    /// Where derived signing keys are kept between requests; nil derives one per request.
    private let signingKeys: SigV4SigningKeyCache?

    package init(credentials: @escaping CredentialsLookup, clock: @escaping Clock, service: String? = nil,
                 region: String? = nil, maxClockSkewSeconds: Int64 = 300, normalizePath: Bool = true,
                 signingKeys: SigV4SigningKeyCache? = nil) {
        self.credentials = credentials
        self.clock = clock
        self.service = service
        self.region = region
        self.maxClockSkewSeconds = maxClockSkewSeconds
        self.normalizePath = normalizePath
        self.signingKeys = signingKeys
    }

    /// Verifies `request`; on success, says who signed it.
    package func verify(_ request: HTTPRequest) -> Result<SigV4Identity, SigV4Error> {
        verify(request, now: clock())
    }

    /// `verify` against `now` (Unix seconds) instead of the clock: the data plane passes the
    /// request's own arrival time, so one verifier per snapshot serves every request.
    package func verify(_ request: HTTPRequest, now: Int64) -> Result<SigV4Identity, SigV4Error> {
        let claim: SigV4Claim
        var presignedParameters: [String: String] = [:]
        if let authorization = request.headers["Authorization"] {
            switch SigV4Claim.parse(authorization: authorization, headers: request.headers) {
            case .success(let parsed): claim = parsed
            case .failure(let error): return .failure(error)
            }
        } else {
            for (name, value) in SigV4Canonicalizer.queryParameters(request.head.query) {
                presignedParameters[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
            }
            guard !SigV4Claim.presignMarkers.isDisjoint(with: presignedParameters.keys) else {
                return .failure(.missingAuthentication)
            }
            switch SigV4Claim.parse(presignedParameters: presignedParameters, headers: request.headers) {
            case .success(let parsed): claim = parsed
            case .failure(let error): return .failure(error)
            }
        }

        if let failure = checkTime(claim, now: now) { return .failure(failure) }

        let elements = claim.credential.splitUTF8(UInt8(ascii: "/"))
        guard elements.count == 5 else {
            return .failure(.incompleteSignature(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(claim.credential)'"))
        }
        let accessKeyId = String(elements[0])
        let scope = SigV4Scope(date: String(elements[1]), region: String(elements[2]), service: String(elements[3]))
        if let failure = checkScope(scope, terminator: elements[4], amzDate: claim.amzDate) { return .failure(failure) }

        guard let secret = credentials(accessKeyId) else { return .failure(.unrecognizedClient) }

        let contentHash = request.headers["X-Amz-Content-Sha256"]
        let canonicalRequest = SigV4Canonicalizer.canonicalRequestBytes(
            method: request.method.rawValue,
            canonicalURI: SigV4Canonicalizer.canonicalURI(
                path: SigV4Canonicalizer.originPath(ofTarget: request.target), normalize: normalizePath),
            canonicalQuery: SigV4Canonicalizer.canonicalQuery(
                request.head.query, excluding: claim.form == .header ? [] : ["X-Amz-Signature"]),
            headers: request.headers, signedHeaders: claim.signedHeaders,
            signedHeadersText: claim.signedHeadersText,
            payloadHash: contentHash ?? Digest.sha256Hex(request.body))
        let stringToSign = SigV4Canonicalizer.stringToSignBytes(amzDate: claim.amzDate, scope: scope,
                                                                canonicalRequestDigest: Digest.sha256(canonicalRequest))
        let signingKey = signingKeys?.signingHMACKey(accessKeyId: accessKeyId, secretAccessKey: secret, scope: scope)
            ?? HMACSHA256Key(SigV4Canonicalizer.signingKey(secretAccessKey: secret, scope: scope))
        let expected = SigV4Canonicalizer.signatureHexBytes(signingKey: signingKey, stringToSign: stringToSign)
        guard ConstantTime.equals(expected, claim.signature.utf8) else {
            return .failure(.invalidSignature(SigV4Error.signatureMismatchMessage))
        }
        // The signature covers the header, not the body: make sure the header describes this body
        // (unless the client declared the body unsigned, which the signature then says).
        if let contentHash, contentHash != Self.unsignedPayload, contentHash.lowercased() != Digest.sha256Hex(request.body) {
            return .failure(.invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed."))
        }

        let token = request.headers["X-Amz-Security-Token"] ?? presignedParameters["X-Amz-Security-Token"]
        return .success(SigV4Identity(accessKeyId: accessKeyId, region: scope.region, service: scope.service,
                                      securityToken: token, signedAt: claim.signedAt))
    }

    /// The `X-Amz-Content-Sha256` value of a client that does not sign its body: the literal enters
    /// the canonical request in place of the hash, and the body is not compared.
    package static let unsignedPayload = "UNSIGNED-PAYLOAD"

    // MARK: - Checks

    private func checkTime(_ claim: SigV4Claim, now: Int64) -> SigV4Error? {
        let minutes = maxClockSkewSeconds / 60
        if claim.signedAt > now + maxClockSkewSeconds {
            return .signatureExpired(
                "Signature not yet current: \(claim.amzDate) is still later than \(SigV4Date.iso8601Basic(now + maxClockSkewSeconds)) (\(SigV4Date.iso8601Basic(now)) + \(minutes) min.)")
        }
        switch claim.form {
        case .header where claim.signedAt < now - maxClockSkewSeconds:
            return .signatureExpired(
                "Signature expired: \(claim.amzDate) is now earlier than \(SigV4Date.iso8601Basic(now - maxClockSkewSeconds)) (\(SigV4Date.iso8601Basic(now)) - \(minutes) min.)")
        case .presigned(let expires) where now > claim.signedAt + expires:
            return .signatureExpired("Request has expired")
        default:
            return nil
        }
    }

    /// AWS reports every scope problem at once, each sentence followed by a space.
    private func checkScope(_ scope: SigV4Scope, terminator: Substring, amzDate: String) -> SigV4Error? {
        var problems = ""
        if scope.region.isEmpty || (region != nil && scope.region != region) {
            problems += "Credential should be scoped to a valid region, not '\(scope.region)'. "
        }
        if let service, scope.service != service {
            problems += "Credential should be scoped to correct service: '\(service)'. "
        }
        if terminator != SigV4Canonicalizer.terminator {
            problems += "Credential should be scoped with a valid terminator: '\(SigV4Canonicalizer.terminator)', not '\(terminator)'. "
        }
        let requestDay = String(amzDate.prefix(8))
        if scope.date != requestDay {
            problems += "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(scope.date)' != '\(requestDay)', from '\(amzDate)'. "
        }
        return problems.isEmpty ? nil : .invalidSignature(problems)
    }
}
