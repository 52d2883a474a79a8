import Foundation
import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Lambda (REQUEST) authorizers on HTTP API routes through the real pipeline: both payload
/// formats, simple and policy answers, 401 without a call, 403 on deny, 500 on failures, caching
/// by identity values, and the context reaching the 2.0 integration event.
@Suite struct HttpApiLambdaAuthorizerFilterTests {
    typealias F = PipelineFixtures

    /// The Lambda Invoke API stand-in: `auth` answers what `answer` makes of the event, `fn` (the
    /// integration) a 2.0 result; every call is kept.
    final class Invoker: IntegrationInvoker {
        let calls = Mutex<[UpstreamRequest]>([])
        let answer: @Sendable (JSONValue) -> UpstreamResponse
        init(_ answer: @escaping @Sendable (JSONValue) -> UpstreamResponse) { self.answer = answer }

        func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
            calls.withLock { $0.append(request) }
            if request.target.hasSuffix("auth/invocations") {
                return completion(.success(answer((try? JSONParser.parse(request.body)) ?? .null)))
            }
            completion(.success(UpstreamResponse(status: 200, body: Array(#"{"statusCode":200,"body":"in"}"#.utf8))))
        }
        var authorizerEvents: [JSONValue] {
            calls.withLock { $0.filter { $0.target.hasSuffix("auth/invocations") }.compactMap { try? JSONParser.parse($0.body) } }
        }
        var integrationEvents: [JSONValue] {
            calls.withLock { $0.filter { $0.target.hasSuffix("fn/invocations") }.compactMap { try? JSONParser.parse($0.body) } }
        }
    }

    static func json(_ text: String) -> UpstreamResponse { UpstreamResponse(status: 200, body: Array(text.utf8)) }

    static func policy(_ effect: String, _ resource: String = "arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/*") -> String {
        #"{"principalId":"p1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":""#
            + effect + #"","Resource":""# + resource + #""}]},"context":{"tier":"gold"}}"#
    }

    static func snapshot(version: String = "2.0", simple: Bool = true, sources: [String] = ["$request.header.X-Token"],
                         ttl: Int = 0) throws -> CompiledSnapshot {
        let authorizer = V2Authorizer(authorizerId: "la1", authorizerType: "REQUEST", name: "l", authorizerPayloadFormatVersion: version,
                                      authorizerResultTtlInSeconds: ttl,
                                      authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
                                      enableSimpleResponses: simple, identitySource: sources)
        let integration = V2Integration(integrationId: "fn", integrationType: "AWS_PROXY", connectionType: "INTERNET",
                                        integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:fn", payloadFormatVersion: "2.0",
                                        timeoutInMillis: 2_000)
        let route = V2Route(routeId: "r1", routeKey: "GET /me", apiKeyRequired: false, authorizationType: "CUSTOM", authorizerId: "la1",
                            target: "integrations/fn")
        let content = V2DeployedContent(routes: [route], integrations: [integration], authorizers: [authorizer])
        let api = SnapshotHttpApi(apiId: F.apiId, name: "h", stages: [SnapshotHttpApiStage(stageName: "prod", deploymentId: "d1",
                                                                                          stageVariables: ["tenant": "t9"], deployment: content)])
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: [],
                                                     httpApis: [api]))
    }

    /// A pipeline over `snapshot` with one runtime (its cache shared by every request served).
    struct Node {
        let pipeline: RequestPipeline
        let chains: RouteChains
        let snapshot: CompiledSnapshot

        init(_ snapshot: CompiledSnapshot, invoker: Invoker) {
            let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9001"), accountId: "123456789012",
                                                      authorizers: AuthorizerRuntime())
            pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
            chains = pipeline.chains(for: snapshot)
            self.snapshot = snapshot
        }

        func serve(headers: [(String, String)] = [], target: String = "/prod/me") -> HTTPResponse? {
            let box = ResponseBox()
            pipeline.handle(F.request("GET", target, headers: headers), connection: F.connection, snapshot: snapshot, chains: chains) { box.put($0) }
            return box.responses.first
        }
    }

    static func text(_ response: HTTPResponse?) -> String { String(decoding: response?.body ?? [], as: UTF8.self) }

    @Test func aSimpleAllowReachesTheIntegrationWithTheLambdaContext() throws {
        let invoker = Invoker { _ in Self.json(#"{"isAuthorized":true,"context":{"user":"ann","roles":["a","b"],"n":3}}"#) }
        let response = Node(try Self.snapshot(), invoker: invoker).serve(headers: [("X-Token", "t-1")])
        #expect(response?.status == 200 && Self.text(response) == "in")
        let event = try #require(invoker.authorizerEvents.first)
        #expect(event["version"] == .string("2.0") && event["type"] == .string("REQUEST"))
        #expect(event["routeArn"] == .string("arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/me"))
        #expect(event["identitySource"] == .array([.string("t-1")]))
        #expect(event["routeKey"] == .string("GET /me") && event["body"] == nil)
        let lambda = try #require(invoker.integrationEvents.first)["requestContext"]?["authorizer"]?["lambda"]
        #expect(lambda?["user"] == .string("ann"))
        #expect(lambda?["roles"] == .array([.string("a"), .string("b")]))
        #expect(lambda?["n"] == .number(3))
    }

    @Test func aSimpleDenyIs403AndNeverCallsTheIntegration() throws {
        let invoker = Invoker { _ in Self.json(#"{"isAuthorized":false}"#) }
        let response = Node(try Self.snapshot(), invoker: invoker).serve(headers: [("X-Token", "t-1")])
        #expect(response?.status == 403 && Self.text(response) == #"{"message":"Forbidden"}"#)
        #expect(invoker.integrationEvents.isEmpty)
    }

    @Test(arguments: [[String](), ["$request.querystring.key"], ["$request.header.X-Token", "$request.querystring.key"]])
    func aMissingIdentitySourceIs401WithoutACall(sources: [String]) throws {
        let invoker = Invoker { _ in Self.json(#"{"isAuthorized":true}"#) }
        let node = Node(try Self.snapshot(sources: sources), invoker: invoker)
        let response = node.serve(headers: [("X-Token", "")])
        if sources.isEmpty {
            // No identity source: nothing can be missing, the authorizer is called every time.
            #expect(response?.status == 200 && invoker.authorizerEvents.count == 1)
        } else {
            #expect(response?.status == 401 && Self.text(response) == #"{"message":"Unauthorized"}"#)
            #expect(invoker.calls.withLock { $0.isEmpty })
        }
    }

    @Test func commaSeparatedSourcesOfEveryKindAreReadInOrder() throws {
        let invoker = Invoker { _ in Self.json(#"{"isAuthorized":true}"#) }
        let node = Node(try Self.snapshot(sources: ["$request.header.X-Token, $request.querystring.key", "$stageVariables.tenant,$context.httpMethod"]),
                        invoker: invoker)
        #expect(node.serve(headers: [("X-Token", "h")], target: "/prod/me?key=q")?.status == 200)
        #expect(invoker.authorizerEvents.first?["identitySource"] == .array([.string("h"), .string("q"), .string("t9"), .string("GET")]))
    }

    @Test(arguments: ["1.0", "2.0"])
    func policyAnswersAreEvaluatedAgainstTheRouteArn(version: String) throws {
        let allow = Invoker { _ in Self.json(Self.policy("Allow")) }
        let allowed = Node(try Self.snapshot(version: version, simple: false), invoker: allow).serve(headers: [("X-Token", "t")])
        #expect(allowed?.status == 200)
        let event = try #require(allow.authorizerEvents.first)
        if version == "1.0" {
            #expect(event["methodArn"] == .string("arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/me"))
            #expect(event["identitySource"] == .string("t") && event["authorizationToken"] == .string("t"))
            #expect(event["httpMethod"] == .string("GET") && event["version"] == .string("1.0"))
        }
        #expect(allow.integrationEvents.first?["requestContext"]?["authorizer"]?["lambda"]?["tier"] == .string("gold"))
        // A policy on another route is an implicit deny; an explicit Deny too.
        for answer in [Self.policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/POST/*"), Self.policy("Deny")] {
            let invoker = Invoker { _ in Self.json(answer) }
            let response = Node(try Self.snapshot(version: version, simple: false), invoker: invoker).serve(headers: [("X-Token", "t")])
            #expect(response?.status == 403 && Self.text(response) == #"{"message":"Forbidden"}"#)
            #expect(invoker.integrationEvents.isEmpty)
        }
    }

    @Test func failuresAre500AndAnUnauthorizedErrorIs401() throws {
        let cases: [(String, UpstreamResponse, Int)] = [
            ("not JSON", Self.json("nope"), 500),
            ("isAuthorized a string", Self.json(#"{"isAuthorized":"true"}"#), 500),
            ("context not an object", Self.json(#"{"isAuthorized":true,"context":[1]}"#), 500),
            ("function error", UpstreamResponse(status: 200, headers: ["X-Amz-Function-Error": "Unhandled"], body: Array(#"{"errorMessage":"boom"}"#.utf8)), 500),
            ("Unauthorized", UpstreamResponse(status: 200, headers: ["X-Amz-Function-Error": "Unhandled"], body: Array(#"{"errorMessage":"Unauthorized"}"#.utf8)), 401),
            ("Lambda refusing", UpstreamResponse(status: 429, body: []), 500),
        ]
        for (what, answer, status) in cases {
            let invoker = Invoker { _ in answer }
            let response = Node(try Self.snapshot(), invoker: invoker).serve(headers: [("X-Token", "t")])
            #expect(response?.status == status, "\(what)")
            #expect(invoker.integrationEvents.isEmpty, "\(what)")
        }
    }

    @Test func aPolicyAnswerForASimpleAuthorizerIsUnreadable() throws {
        let invoker = Invoker { _ in Self.json(Self.policy("Allow")) }
        #expect(Node(try Self.snapshot(simple: true), invoker: invoker).serve(headers: [("X-Token", "t")])?.status == 500)
    }

    @Test func resultsAreCachedByIdentityOnlyWithATtl() throws {
        let cached = Invoker { event in Self.json(event["identitySource"] == .array([.string("good")]) ? #"{"isAuthorized":true}"# : #"{"isAuthorized":false}"#) }
        let node = Node(try Self.snapshot(ttl: 300), invoker: cached)
        #expect(node.serve(headers: [("X-Token", "good")])?.status == 200)
        #expect(node.serve(headers: [("X-Token", "good")])?.status == 200)
        #expect(node.serve(headers: [("X-Token", "bad")])?.status == 403)
        #expect(node.serve(headers: [("X-Token", "bad")])?.status == 403)
        #expect(cached.authorizerEvents.count == 2)
        #expect(cached.integrationEvents.count == 2)

        let uncached = Invoker { _ in Self.json(#"{"isAuthorized":true}"#) }
        let fresh = Node(try Self.snapshot(ttl: 0), invoker: uncached)
        for _ in 0..<3 { #expect(fresh.serve(headers: [("X-Token", "good")])?.status == 200) }
        #expect(uncached.authorizerEvents.count == 3)
    }

    @Test func anAuthorizerThatCannotBeCompiledFailsTheRouteClosed() throws {
        // A `$context` variable the node cannot read: the route answers 500 and nothing is called.
        let invoker = Invoker { _ in Self.json(#"{"isAuthorized":true}"#) }
        let response = Node(try Self.snapshot(sources: ["$context.nonsense"]), invoker: invoker).serve()
        #expect(response?.status == 500)
        #expect(invoker.calls.withLock { $0.isEmpty })
    }
}
