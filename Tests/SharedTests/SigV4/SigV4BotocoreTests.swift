import Testing
@testable import Shared

/// A request exactly as botocore 1.43.11 signed it for Amazon API Gateway's admin API.
///
/// Produced by `python3 Tests/Fixtures/SigV4/botocore_vectors.py` (clock pinned to
/// 2026-01-01T00:00:00Z, key AKIDTOLLGATEEXAMPLE, region eu-west-1, endpoint
/// http://127.0.0.1:4566; nothing is sent). `Host` is the value botocore signed and urllib3 sends;
/// `amz-sdk-*` and `Content-Length` are added by botocore after signing, so they are unsigned.
struct BotocoreVector: Sendable, CustomTestStringConvertible {
    var name: String
    var method: String
    var target: String
    /// Headers present when botocore signed (besides Host and the ones it adds itself).
    var signedTimeHeaders: [(String, String)]
    var authorization: String
    var token: String? = nil
    var body: String = ""

    var testDescription: String { name }

    static let keyId = "AKIDTOLLGATEEXAMPLE"
    static let secret = "tollgate/Secret+Key/EXAMPLE0123456789abcdef"
    static let time: Int64 = 1_767_225_600   // 2026-01-01T00:00:00Z
    static let userAgent = "Botocore/1.43.11 ua/2.1 os/linux#6.18.44-fc-v657 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/e,b,D,N,Z cfg/retry-mode#legacy"

    /// The request as it arrives on the wire.
    var wireRequest: HTTPRequest {
        var headers = HTTPHeaders([("Host", "127.0.0.1:4566")] + signedTimeHeaders)
        headers.add("X-Amz-Date", "20260101T000000Z")
        if let token { headers.add("X-Amz-Security-Token", token) }
        headers.add("Authorization", authorization)
        headers.add("amz-sdk-invocation-id", "2f264b1f-2c8e-45b6-9906-4f7012f8a9e8")
        headers.add("amz-sdk-request", "attempt=1")
        if !body.isEmpty { headers.add("Content-Length", String(body.utf8.count)) }
        return HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(method), target: target, headers: headers),
                           body: Array(body.utf8))
    }

    /// The request as botocore had it just before signing.
    var unsignedRequest: HTTPRequest {
        HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(method), target: target,
                                          headers: HTTPHeaders([("Host", "127.0.0.1:4566")] + signedTimeHeaders)),
                    body: Array(body.utf8))
    }
}

private let jsonHeaders = [("Content-Type", "application/json"), ("User-Agent", BotocoreVector.userAgent), ("Accept", "application/json")]
private let getHeaders = [("User-Agent", BotocoreVector.userAgent), ("Accept", "application/json")]
private func auth(_ signedHeaders: String, _ signature: String) -> String {
    "AWS4-HMAC-SHA256 Credential=AKIDTOLLGATEEXAMPLE/20260101/eu-west-1/apigateway/aws4_request, SignedHeaders=\(signedHeaders), Signature=\(signature)"
}

let botocoreVectors: [BotocoreVector] = [
    .init(name: "get_rest_apis(limit=2, position='abc/def+ghi== x')", method: "GET",
          target: "/restapis?limit=2&position=abc%2Fdef%2Bghi%3D%3D%20x", signedTimeHeaders: getHeaders,
          authorization: auth("accept;host;x-amz-date", "c7343cb3407b0a18c41a807c8616131a25b13bd258af3a69326890c2e4a7b90c")),
    .init(name: "create_rest_api (JSON body, non-ASCII)", method: "POST", target: "/restapis", signedTimeHeaders: jsonHeaders,
          authorization: auth("accept;content-type;host;x-amz-date", "294ec2bd6972519ba8dfc45fb68ccd507376e1bad0de26ddcb93def23050c5f4"),
          body: #"{"name": "demo api", "description": "\u00fcn\u00efcode \u2713"}"#),
    .init(name: "tag_resource (percent-encoded ARN in the path: double encoding)", method: "PUT",
          target: "/tags/arn%3Aaws%3Aapigateway%3Aeu-west-1%3A%3A%2Frestapis%2Fa1b2c3d4e5%2Fstages%2Fprod", signedTimeHeaders: jsonHeaders,
          authorization: auth("accept;content-type;host;x-amz-date", "87bf11bed73135141acd03d092d65537dbf8c06658ed001ce173f6930d7b5228"),
          body: #"{"tags": {"team": "edge"}}"#),
    .init(name: "get_resource(embed=['methods'])", method: "GET", target: "/restapis/a1b2c3d4e5/resources/abc123?embed=methods",
          signedTimeHeaders: getHeaders,
          authorization: auth("accept;host;x-amz-date", "aaa3b1cf34575021ad8276e66bbd1c4a9e23c8d4266aaa7e2497fa8f368b12ed")),
    .init(name: "get_account with a session token", method: "GET", target: "/account", signedTimeHeaders: getHeaders,
          authorization: auth("accept;host;x-amz-date;x-amz-security-token", "f02ef47dcc3efb74beff225287b020cf7753e611fc50887df365143dde02f30b"),
          token: "FwoGZXIvYXdzEXAMPLETOKEN//+="),
]

/// `generate_presigned_url('get_rest_apis', Params={'limit': 5}, ExpiresIn=900)` from the same script.
let botocorePresignedTarget = "/restapis?limit=5&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDTOLLGATEEXAMPLE%2F20260101%2Feu-west-1%2Fapigateway%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=88507b7c4f13316fee45787524dd4328df7ae79edf0745d25ab858748a07a8b2"

@Suite struct SigV4BotocoreTests {
    private func verifier(at time: Int64 = BotocoreVector.time) -> SigV4Verifier {
        SigV4Verifier(credentials: { $0 == BotocoreVector.keyId ? BotocoreVector.secret : nil },
                      clock: { time }, service: "apigateway")
    }

    @Test(arguments: botocoreVectors)
    func verifierAcceptsBotocoreSignedRequest(_ vector: BotocoreVector) {
        #expect(verifier().verify(vector.wireRequest) == .success(SigV4Identity(
            accessKeyId: BotocoreVector.keyId, region: "eu-west-1", service: "apigateway",
            securityToken: vector.token, signedAt: BotocoreVector.time)))
    }

    @Test(arguments: botocoreVectors)
    func signerProducesBotocoresAuthorization(_ vector: BotocoreVector) {
        let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyId: BotocoreVector.keyId, secretAccessKey: BotocoreVector.secret,
                                                               sessionToken: vector.token),
                                 region: "eu-west-1", service: "apigateway")
        let signed = signer.sign(vector.unsignedRequest, at: BotocoreVector.time)
        #expect(signed.headers["Authorization"] == vector.authorization)
    }

    @Test(arguments: botocoreVectors)
    func tamperingWithABotocoreRequestIsDetected(_ vector: BotocoreVector) {
        var changedPath = vector.wireRequest
        changedPath.head.target = "/v2" + changedPath.target
        #expect(verifier().verify(changedPath) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))

        if vector.target.contains("?") {
            var changedQuery = vector.wireRequest
            changedQuery.head.target += "&extra=1"
            #expect(verifier().verify(changedQuery) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
        }

        var changedHeader = vector.wireRequest
        changedHeader.head.headers.set("Accept", "text/html")
        #expect(verifier().verify(changedHeader) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))

        if !vector.body.isEmpty {
            var changedBody = vector.wireRequest
            changedBody.body[changedBody.body.count - 3] ^= 0x01
            #expect(verifier().verify(changedBody) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
        }
    }

    @Test func verifierAcceptsBotocorePresignedURLUntilItExpires() {
        let request = HTTPRequest(head: HTTPRequestHead(method: .GET, target: botocorePresignedTarget,
                                                        headers: ["Host": "127.0.0.1:4566"]))
        let identity = SigV4Identity(accessKeyId: BotocoreVector.keyId, region: "eu-west-1", service: "apigateway",
                                     signedAt: BotocoreVector.time)
        #expect(verifier().verify(request) == .success(identity))
        #expect(verifier(at: BotocoreVector.time + 900).verify(request) == .success(identity))
        #expect(verifier(at: BotocoreVector.time + 901).verify(request) == .failure(.signatureExpired("Request has expired")))

        var tampered = request
        tampered.head.target = botocorePresignedTarget.replacing("limit=5", with: "limit=500")
        #expect(verifier().verify(tampered) == .failure(.invalidSignature(SigV4Error.signatureMismatchMessage)))
    }

    @Test func signerPresignsExactlyAsBotocoreDoes() {
        let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyId: BotocoreVector.keyId, secretAccessKey: BotocoreVector.secret),
                                 region: "eu-west-1", service: "apigateway")
        let request = HTTPRequest(head: HTTPRequestHead(method: .GET, target: "/restapis?limit=5", headers: ["Host": "127.0.0.1:4566"]))
        #expect(signer.presign(request, at: BotocoreVector.time, expires: 900).target == botocorePresignedTarget)
    }
}
