import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// SigV4 signing of the node's AWS calls: verified by the gateway's own verifier (an independent
/// path through the canonicaliser: the signer itself is checked against the AWS suite in SharedTests).
@Suite struct AWSRequestSignerTests {
    static let role = "arn:aws:iam::123456789012:role/caller"
    static let keys = SigV4Credentials(accessKeyId: "AKIDROLE", secretAccessKey: "role-secret", sessionToken: "session-token")
    static let store = AWSCredentialStore(roles: [role: keys])
    static let at: Int64 = 1_700_000_000

    static func request(body: String = #"{"TableName":"t"}"#) -> UpstreamRequest {
        UpstreamRequest(isTLS: false, host: "127.0.0.1", port: 5000, method: .POST, target: "/?Action=PutItem",
                        headers: HTTPHeaders([("Host", "127.0.0.1:5000"), ("Content-Type", "application/x-amz-json-1.0"),
                                              ("X-Amz-Target", "DynamoDB_20120810.PutItem"), ("User-Agent", "AmazonAPIGateway_x")]),
                        body: Array(body.utf8), timeout: .seconds(1))
    }

    static func verify(_ request: UpstreamRequest, service: String, region: String, normalizePath: Bool = true) -> Result<SigV4Identity, SigV4Error> {
        let verifier = SigV4Verifier(credentials: { $0 == keys.accessKeyId ? keys.secretAccessKey : nil }, clock: { at + 10 },
                                     service: service, region: region, normalizePath: normalizePath)
        return verifier.verify(HTTPRequest(head: HTTPRequestHead(method: request.method, target: request.target, headers: request.headers),
                                           body: request.body))
    }

    @Test func signsWithTheRolesKeysForTheServiceAndRegion() throws {
        let signer = AWSRequestSigner(credentials: Self.store, log: { _ in })
        let signed = try signer.sign(Self.request(), role: Self.role, service: "dynamodb", region: "eu-west-1", at: Self.at, what: "test").get()
        let identity = try Self.verify(signed, service: "dynamodb", region: "eu-west-1").get()
        #expect(identity.accessKeyId == "AKIDROLE")
        #expect(identity.securityToken == "session-token")
        #expect(signed.headers["X-Amz-Date"] == "20231114T221320Z")
        #expect(signed.headers["Authorization"]?.contains("Credential=AKIDROLE/20231114/eu-west-1/dynamodb/aws4_request") == true)
        // The body is covered: another body under the same headers fails verification.
        var tampered = signed
        tampered.body = Array(#"{"TableName":"other"}"#.utf8)
        #expect(throws: SigV4Error.self) { try Self.verify(tampered, service: "dynamodb", region: "eu-west-1").get() }
    }

    @Test func derivedKeysAreReusedAndGiveTheSameSignature() throws {
        let signer = AWSRequestSigner(credentials: Self.store, log: { _ in })
        let first = try signer.sign(Self.request(), role: Self.role, service: "lambda", region: "us-east-1", at: Self.at, what: "test").get()
        let second = try signer.sign(Self.request(), role: Self.role, service: "lambda", region: "us-east-1", at: Self.at + 5, what: "test").get()
        #expect(signer.signingKeys.count == 1)
        let uncached = SigV4Signer(credentials: Self.keys, region: "us-east-1", service: "lambda")
            .sign(HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/?Action=PutItem", headers: Self.request().headers),
                              body: Self.request().body), at: Self.at + 5)
        #expect(second.headers["Authorization"] == uncached.headers["Authorization"])
        #expect(first.headers["Authorization"] != second.headers["Authorization"])
        #expect(throws: Never.self) { try Self.verify(second, service: "lambda", region: "us-east-1").get() }
    }

    @Test func s3IsSignedWithThePayloadHashAndTheRawPath() throws {
        let signer = AWSRequestSigner(credentials: AWSCredentialStore(defaultCredentials: Self.keys), log: { _ in })
        var request = Self.request(body: "object bytes")
        request.target = "/bucket//a/../key"
        let signed = try signer.sign(request, role: nil, service: "s3", region: "us-east-1", at: Self.at, what: "test").get()
        #expect(signed.headers["X-Amz-Content-Sha256"] == Digest.sha256Hex(Array("object bytes".utf8)))
        #expect(throws: Never.self) { try Self.verify(signed, service: "s3", region: "us-east-1", normalizePath: false).get() }
    }

    @Test func aRoleWithoutKeysFailsAndLogsTheRole() {
        let lines = Mutex<[String]>([])
        let signer = AWSRequestSigner(credentials: Self.store, log: { line in lines.withLock { $0.append(line) } })
        let other = "arn:aws:iam::123456789012:role/unmapped"
        #expect(signer.sign(Self.request(), role: other, service: "sqs", region: "us-east-1", at: Self.at, what: "POST /q").failure == .unmappedRole(other))
        let logged = lines.withLock { $0 }
        #expect(logged.count == 1)
        #expect(logged.first?.contains(other) == true && logged.first?.contains("POST /q") == true)
        #expect(logged.first?.contains("role-secret") == false)
    }

    @Test func withoutAnyKeysTheRequestIsLeftUnsigned() throws {
        let signed = try AWSRequestSigner(credentials: .none, log: { _ in })
            .sign(Self.request(), role: Self.role, service: "sqs", region: "us-east-1", at: Self.at, what: "test").get()
        #expect(signed == Self.request())
    }
}

extension Result {
    /// The failure, nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
