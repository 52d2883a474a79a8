import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Lambda Invoke calls of AWS_PROXY and AWS (Lambda) integrations are SigV4-signed for `lambda` in
/// the node's region with the integration's `credentials` role; unsigned when the node has no keys.
@Suite struct LambdaProxySigningTests {
    typealias F = PipelineFixtures
    static let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:echo/invocations"
    static let role = "arn:aws:iam::123456789012:role/invoker"
    static let keys = SigV4Credentials(accessKeyId: "AKIDLAMBDA", secretAccessKey: "lambda-secret")
    static let endpoint = LambdaEndpoint(url: "http://127.0.0.1:9001")!
    static let answer = UpstreamResponse(status: 200, body: Array(#"{"statusCode": 200, "body": "ok"}"#.utf8))

    static func invocation(type: String = "AWS_PROXY", credentials: String?) throws -> Invocation {
        let integration = Integration(type: type, httpMethod: "POST", uri: uri, credentials: credentials,
                                      integrationResponses: type == "AWS" ? ["200": IntegrationResponse(statusCode: "200")] : nil)
        return try F.invocation(try F.snapshot(F.content([("/fn", ["GET": F.method("GET", integration)])])), F.request("GET", "/prod/fn"))
    }

    static func runProxy(_ invocation: Invocation, store: AWSCredentialStore) -> (RecordingInvoker, Result<HTTPResponse, GatewayError>?) {
        let invoker = RecordingInvoker(.success(answer))
        let step = LambdaProxyIntegration(function: "echo", endpoint: endpoint, invoker: invoker,
                                          signer: AWSRequestSigner(credentials: store, log: { _ in }), region: "eu-central-1")
        let result = Mutex<Result<HTTPResponse, GatewayError>?>(nil)
        step.run(invocation) { outcome in result.withLock { $0 = outcome } }
        return (invoker, result.withLock { $0 })
    }

    @Test func theProxyCallIsSignedWithTheIntegrationsRoleForLambdaInTheNodesRegion() throws {
        let (invoker, result) = Self.runProxy(try Self.invocation(credentials: Self.role), store: AWSCredentialStore(roles: [Self.role: Self.keys]))
        #expect(try #require(result).get().status == 200)
        let request = try #require(invoker.requests.first)
        let verifier = SigV4Verifier(credentials: { $0 == Self.keys.accessKeyId ? Self.keys.secretAccessKey : nil },
                                     clock: { F.now / 1000 }, service: "lambda", region: "eu-central-1")
        let identity = try verifier.verify(HTTPRequest(head: HTTPRequestHead(method: request.method, target: request.target, headers: request.headers),
                                                       body: request.body)).get()
        #expect(identity.accessKeyId == "AKIDLAMBDA")
    }

    @Test func noRoleUsesTheDefaultKeys() throws {
        let (invoker, _) = Self.runProxy(try Self.invocation(credentials: nil), store: AWSCredentialStore(defaultCredentials: Self.keys))
        #expect(try #require(invoker.requests.first).headers["Authorization"]?.contains("Credential=AKIDLAMBDA/") == true)
    }

    @Test func anUnmappedRoleAnswers500WithoutCalling() throws {
        let (invoker, result) = Self.runProxy(try Self.invocation(credentials: "arn:aws:iam::123456789012:role/other"),
                                              store: AWSCredentialStore(roles: [Self.role: Self.keys]))
        #expect(invoker.requests.isEmpty)
        #expect(result?.failure == .internalServerError)
    }

    @Test func withoutKeysTheCallIsUnsigned() throws {
        let (invoker, result) = Self.runProxy(try Self.invocation(credentials: Self.role), store: .none)
        #expect(try #require(result).get().status == 200)
        #expect(try #require(invoker.requests.first).headers["Authorization"] == nil)
    }

    @Test func theCustomIntegrationsCallIsSignedAndAnUnmappedRoleFailsClosed() throws {
        for (role, signed) in [(Self.role, true), ("arn:aws:iam::123456789012:role/other", false)] {
            let invoker = RecordingInvoker(.success(UpstreamResponse(status: 200, body: Array("{}".utf8))))
            let step = LambdaIntegration(function: "echo", endpoint: Self.endpoint, invoker: invoker, renderer: MappingTemplateRenderer(log: { _ in }),
                                         signer: AWSRequestSigner(credentials: AWSCredentialStore(roles: [Self.role: Self.keys]), log: { _ in }),
                                         region: "us-east-1")
            let result = Mutex<Result<HTTPResponse, GatewayError>?>(nil)
            step.run(try Self.invocation(type: "AWS", credentials: role)) { outcome in result.withLock { $0 = outcome } }
            if signed {
                #expect(invoker.requests.first?.headers["Authorization"]?.contains("/us-east-1/lambda/aws4_request") == true)
            } else {
                #expect(invoker.requests.isEmpty)
                #expect(result.withLock { $0 }?.failure == .internalServerError)
            }
        }
    }
}
