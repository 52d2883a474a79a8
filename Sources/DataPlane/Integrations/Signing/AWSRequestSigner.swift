import Shared

/// Signs the node's calls to AWS APIs (Lambda Invoke, AWS service integrations, Lambda authorizers)
/// with SigV4, using the keys `AWSCredentialStore` holds for the call's role.
///
/// Runs on the request's event loop, once per call (the signature covers the time and the body).
/// The signing time is the request's arrival (`$context.requestTimeEpoch`, whole seconds), so a
/// request is signed deterministically. A role without keys fails closed: the caller answers
/// AWS's generic 500 and one log line names the role (never a key).
package struct AWSRequestSigner: Sendable {
    package let credentials: AWSCredentialStore
    let log: @Sendable (String) -> Void
    /// Derived keys by key, day, region and service: a call costs one HMAC for its signature, not five.
    let signingKeys: SigV4SigningKeyCache

    package init(credentials: AWSCredentialStore = .none, log: @escaping @Sendable (String) -> Void = MappingTemplateRenderer.standardError) {
        self.credentials = credentials
        self.log = log
        signingKeys = SigV4SigningKeyCache(capacity: 256)
    }

    /// Why a call could not be signed.
    package enum Failure: Error, Sendable, Equatable {
        /// Keys are configured, but not for this role (nil: no role and no default).
        case unmappedRole(String?)
    }

    /// `request` signed for `service` in `region` with `role`'s keys at `epochSeconds`; unchanged
    /// when the node has no keys at all. `what` names the call in the log line (`GET /items` of API x).
    /// `s3` requests are signed as S3 wants them: path not normalised, `X-Amz-Content-Sha256` sent.
    package func sign(_ request: UpstreamRequest, role: String?, service: String, region: String, at epochSeconds: Int64,
                      what: @autoclosure () -> String) -> Result<UpstreamRequest, Failure> {
        let keys: SigV4Credentials
        switch credentials.lookup(role: role) {
        case .unsigned:
            return .success(request)
        case .unmapped(let role):
            log("AWS call for \(what()) refused: " + (role.map { "no keys for role \($0) in --aws-credentials" }
                ?? "it names no role and the node has no default keys (--aws-credentials \"default\" or AWS_ACCESS_KEY_ID)"))
            return .failure(.unmappedRole(role))
        case .signed(let found):
            keys = found
        }
        let isS3 = service == "s3"
        let signer = SigV4Signer(credentials: keys, region: region, service: service, normalizePath: !isS3, signingKeys: signingKeys)
        let signed = signer.sign(HTTPRequest(head: HTTPRequestHead(method: request.method, target: request.target, headers: request.headers),
                                             body: request.body),
                                 at: epochSeconds, addContentSHA256: isS3)
        var result = request
        result.headers = signed.head.headers
        return .success(result)
    }
}

extension Invocation {
    /// The request's arrival in whole Unix seconds: the time calls made for it are signed at.
    var signingTime: Int64 { requestTimeEpochMillis / 1000 }
}
