import Testing
@testable import DataPlane
@testable import Shared

/// A Lambda authorizer's Invoke call is signed with the keys of its `authorizerCredentials`; a
/// role the node has no keys for is a configuration error (500), never an unsigned call.
@Suite struct LambdaAuthorizerSigningTests {
    typealias F = PipelineFixtures
    static let role = "arn:aws:iam::123456789012:role/authorizer-invoker"
    static let keys = SigV4Credentials(accessKeyId: "AKIDAUTH", secretAccessKey: "auth-secret")

    static func snapshot(credentials: String) throws -> CompiledSnapshot {
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "served"])])
        var get = F.method("GET", mock)
        get.authorizationType = "CUSTOM"
        get.authorizerId = "au1"
        var content = F.content([("/pets/{id}", ["GET": get])])
        content.authorizers = [Authorizer(id: "au1", name: "a", type: "TOKEN", authorizerUri: LambdaAuthorizerFilterTests.uri,
                                          authorizerCredentials: credentials, identitySource: "method.request.header.Authorization",
                                          authorizerResultTtlInSeconds: 0)]
        return try F.snapshot(content)
    }

    static func run(credentials: String) throws -> (RecordingInvoker, HTTPResponse) {
        let allow = UpstreamResponse(status: 200, body: LambdaAuthorizerFilterTests.policy("Allow", "*"))
        let invoker = RecordingInvoker(.success(allow))
        var configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9"), accountId: "123456789012",
                                                  region: "ap-southeast-2")
        configuration.awsSigner = AWSRequestSigner(credentials: AWSCredentialStore(roles: [role: keys]), log: { _ in })
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let response = LambdaAuthorizerFilterTests.run(pipeline, try snapshot(credentials: credentials), headers: [("Authorization", "token")])
        return (invoker, response)
    }

    @Test func theCallIsSignedWithTheAuthorizersRole() throws {
        let (invoker, response) = try Self.run(credentials: Self.role)
        #expect(response.status == 200)
        let authorization = try #require(invoker.requests.first?.headers["Authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDAUTH/20200304/ap-southeast-2/lambda/aws4_request"))
    }

    @Test func aRoleWithoutKeysIsAConfigurationErrorAndNothingIsSent() throws {
        let (invoker, response) = try Self.run(credentials: "arn:aws:iam::123456789012:role/unknown")
        #expect(invoker.requests.isEmpty)
        #expect(response.status == 500)
        #expect(response.headers["x-amzn-ErrorType"] == "AuthorizerConfigurationException")
    }
}
