import Testing
@testable import DataPlane
@testable import Shared

/// `AWS_IAM` routes of HTTP APIs through the real pipeline: REST's SigV4 verification and policy
/// evaluation (`PolicyAuthorizationFilter`, reused) on the route ARN, HTTP API refusals, and the
/// caller in `requestContext.authorizer.iam` of 2.0 events.
@Suite struct HttpApiIamAuthorizationTests {
    typealias F = PipelineFixtures
    typealias P = PolicyAuthorizationFilterTests

    static let allowMe = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/me"}]}"#

    static func snapshot(policies: [String] = [allowMe]) throws -> CompiledSnapshot {
        let seal = SecretSeal(clusterSecret: P.clusterSecret)
        let integration = V2Integration(integrationId: "fn", integrationType: "AWS_PROXY", connectionType: "INTERNET",
                                        integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:fn", payloadFormatVersion: "2.0",
                                        timeoutInMillis: 2_000)
        let routes = ["GET /me", "GET /other"].enumerated().map { index, key in
            V2Route(routeId: "r\(index)", routeKey: key, apiKeyRequired: false, authorizationType: "AWS_IAM", target: "integrations/fn")
        }
        let content = V2DeployedContent(routes: routes, integrations: [integration], authorizers: [])
        let api = SnapshotHttpApi(apiId: F.apiId, name: "h", stages: [SnapshotHttpApiStage(stageName: "prod", deploymentId: "d1", deployment: content)])
        let iam = SnapshotIAM(users: [SnapshotIAMUser(
            arn: P.userArn, userName: "alice", userId: "AIDAALICE00000000000", accessKeys: [
                SnapshotIAMAccessKey(accessKeyId: P.key.accessKeyId, active: true, sealedSecret: seal.seal(P.key.secretAccessKey, context: P.key.accessKeyId)),
            ], policies: policies)])
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: [], iam: iam,
                                                     httpApis: [api]))
    }

    static func serve(_ request: HTTPRequest, _ snapshot: CompiledSnapshot) -> (HTTPResponse?, RecordingInvoker) {
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: 200, body: Array(#"{"statusCode":200,"body":"in"}"#.utf8))))
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9001"), accountId: P.account,
                                                  region: P.region, secretSeal: SecretSeal(clusterSecret: P.clusterSecret))
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let box = ResponseBox()
        pipeline.handle(request, connection: F.connection, snapshot: snapshot, chains: pipeline.chains(for: snapshot)) { box.put($0) }
        return (box.responses.first, invoker)
    }

    @Test func aSignedCallTheUsersPoliciesAllowReachesTheIntegrationWithItsIdentity() throws {
        let (response, invoker) = Self.serve(P.signed("GET", "/prod/me"), try Self.snapshot())
        #expect(response?.status == 200)
        let event = try JSONParser.parse(try #require(invoker.requests.first).body)
        let iam = event["requestContext"]?["authorizer"]?["iam"]
        #expect(iam?["userArn"] == .string(P.userArn))
        #expect(iam?["accessKey"] == .string(P.key.accessKeyId))
        #expect(iam?["accountId"] == .string("123456789012"))
        #expect(iam?["userId"] == .string("AIDAALICE00000000000"))
    }

    @Test func unsignedWronglySignedAndUnknownCallersAre403() throws {
        let snapshot = try Self.snapshot()
        var tampered = P.signed("GET", "/prod/me")
        tampered.head.headers.set("Authorization", tampered.headers["Authorization"]!.replacingLastCharacter())
        let stranger = SigV4Credentials(accessKeyId: "AKIASTRANGER00000001", secretAccessKey: "secret-of-nobody-0123456789abcdefghijklm")
        for (what, request) in [("unsigned", F.request("GET", "/prod/me")), ("tampered", tampered),
                                ("unknown key", P.signed("GET", "/prod/me", as: stranger)),
                                ("other secret", P.signed("GET", "/prod/me", as: SigV4Credentials(accessKeyId: P.key.accessKeyId, secretAccessKey: "wrong-secret-0123456789abcdefghijklmnopq")))] {
            let (response, invoker) = Self.serve(request, snapshot)
            #expect(response?.status == 403, "\(what)")
            #expect(response?.body == Array(#"{"message":"Forbidden"}"#.utf8), "\(what)")
            #expect(response?.headers["x-amzn-ErrorType"] == nil, "\(what)")
            #expect(invoker.requests.isEmpty, "\(what)")
        }
    }

    @Test func aRouteThePoliciesDoNotAllowIs403() throws {
        let (response, invoker) = Self.serve(P.signed("GET", "/prod/other"), try Self.snapshot())
        #expect(response?.status == 403 && response?.body == Array(#"{"message":"Forbidden"}"#.utf8))
        #expect(invoker.requests.isEmpty)
    }
}

extension String {
    /// This text with its last character changed (a signature one digit off).
    func replacingLastCharacter() -> String {
        String(dropLast()) + (last == "0" ? "1" : "0")
    }
}
