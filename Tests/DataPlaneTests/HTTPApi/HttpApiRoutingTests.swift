import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// The HTTP API path through the pipeline: stage and route selection, 404s, `apigw-requestid`, the
/// payload 2.0 event the Lambda sees and the HTTP_PROXY upstream request.
@Suite struct HttpApiRoutingTests {
    typealias F = PipelineFixtures

    /// Records every upstream request and answers each with `answer`.
    final class Recorder: IntegrationInvoker {
        let requests = Mutex<[UpstreamRequest]>([])
        let answer: UpstreamResponse
        init(_ answer: UpstreamResponse) { self.answer = answer }
        func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
            requests.withLock { $0.append(request) }
            completion(.success(answer))
        }
        var last: UpstreamRequest? { requests.withLock { $0.last } }
    }

    static func snapshot(_ routes: [(String, String)], stages: [String] = ["prod"], cors: V2Cors? = nil) throws -> CompiledSnapshot {
        let integrations = [
            V2Integration(integrationId: "http", integrationType: "HTTP_PROXY", connectionType: "INTERNET", integrationMethod: "ANY",
                          integrationUri: "http://backend.example:8081/base", payloadFormatVersion: "1.0", timeoutInMillis: 2_000),
            V2Integration(integrationId: "fn", integrationType: "AWS_PROXY", connectionType: "INTERNET",
                          integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:fn", payloadFormatVersion: "2.0",
                          timeoutInMillis: 2_000),
        ]
        let content = V2DeployedContent(routes: routes.enumerated().map { index, route in
            V2Route(routeId: "r\(index)", routeKey: route.0, apiKeyRequired: false, authorizationType: "NONE", target: "integrations/\(route.1)")
        }, integrations: integrations, authorizers: [])
        let api = SnapshotHttpApi(apiId: F.apiId, name: "h", corsConfiguration: cors, stages: stages.map {
            SnapshotHttpApiStage(stageName: $0, deploymentId: "d1", stageVariables: ["v": "1"], deployment: content)
        })
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: [],
                                                     httpApis: [api]))
    }

    static func serve(_ snapshot: CompiledSnapshot, _ request: HTTPRequest, invoker: Recorder) -> HTTPResponse? {
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9001"), accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let chains = pipeline.chains(for: snapshot)
        let answer = Mutex<HTTPResponse?>(nil)
        pipeline.handle(request, connection: F.connection, snapshot: snapshot, chains: chains) { response in answer.withLock { $0 = response } }
        return answer.withLock { $0 }
    }

    @Test func noRouteAndNoStageAre404NotFoundWithTheRequestId() throws {
        let snapshot = try Self.snapshot([("GET /pets", "http")])
        for target in ["/prod/cats", "/other/pets", "/prod"] {
            let response = try #require(Self.serve(snapshot, F.request("GET", target), invoker: Recorder(UpstreamResponse(status: 200))))
            #expect(response.status == 404, "\(target)")
            #expect(response.body == Array(#"{"message":"Not Found"}"#.utf8))
            #expect(response.headers["apigw-requestid"] == F.identifiers.extendedRequestId)
            #expect(response.headers["x-amzn-RequestId"] == nil)
        }
    }

    @Test func defaultRouteProxiesTheWholePathAndQuery() throws {
        let snapshot = try Self.snapshot([("GET /pets", "fn"), ("$default", "http")], stages: ["$default"])
        let recorder = Recorder(UpstreamResponse(status: 207, body: Array("up".utf8)))
        let response = try #require(Self.serve(snapshot, F.request("PATCH", "/store/checkout?a=1"), invoker: recorder))
        #expect(response.status == 207 && response.body == Array("up".utf8))
        #expect(response.headers["apigw-requestid"] != nil)
        let sent = try #require(recorder.last)
        #expect(sent.target == "/base/store/checkout?a=1" && sent.method == .PATCH && sent.host == "backend.example" && sent.port == 8081)
    }

    @Test func payload2EventCarriesRouteKeyRawPathAndDecodedPathParameters() throws {
        let snapshot = try Self.snapshot([("POST /pets/{id}", "fn")])
        let recorder = Recorder(UpstreamResponse(status: 200, body: Array(#"{"statusCode":200,"body":"ok"}"#.utf8)))
        let response = try #require(Self.serve(snapshot, F.request("POST", "/prod/pets/a%20b?x=1&x=2", headers: [("Cookie", "c=1; d=2")],
                                                                   body: Array("{}".utf8)), invoker: recorder))
        #expect(response.status == 200 && response.body == Array("ok".utf8))
        let sent = try #require(recorder.last)
        #expect(sent.target.hasSuffix("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/invocations"))
        let event = try JSONParser.parse(sent.body)
        #expect(event["version"] == .string("2.0") && event["routeKey"] == .string("POST /pets/{id}"))
        #expect(event["rawPath"] == .string("/prod/pets/a%20b") && event["rawQueryString"] == .string("x=1&x=2"))
        #expect(event["queryStringParameters"]?["x"] == .string("1,2"))
        #expect(event["pathParameters"]?["id"] == .string("a b"))
        #expect(event["cookies"] == .array([.string("c=1"), .string("d=2")]))
        #expect(event["stageVariables"]?["v"] == .string("1") && event["body"] == .string("{}"))
        #expect(event["requestContext"]?["stage"] == .string("prod") && event["requestContext"]?["http"]?["method"] == .string("POST"))
        #expect(event["requestContext"]?["requestId"] == .string(F.identifiers.extendedRequestId))
        #expect(event["headers"]?["cookie"] == nil && event["headers"]?["host"] != nil)
    }

    @Test func httpApiChainsLeaveOutRestOnlyPhases() throws {
        let snapshot = try Self.snapshot([("GET /pets", "http")])
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(), invoker: Recorder(UpstreamResponse(status: 200)))
        let route = try #require(snapshot.httpApis.values.first?.stages["prod"]?.routes.first)
        let chain = try #require(pipeline.chains(for: snapshot, features: [EveryRoute(filter: NamedFilter(name: "apikey-like"), phase: .apiKey),
                                                                          EveryRoute(filter: NamedFilter(name: "limits-like"), phase: .throttle)])
            .chain(for: route))
        #expect(chain.filterNames == ["limits-like"])
    }

    @Test func corsPreflightsAreAnsweredAndResponsesDecorated() throws {
        let cors = V2Cors(allowHeaders: ["content-type", "x-a"], allowMethods: ["GET", "POST"], allowOrigins: ["https://app.example"],
                          exposeHeaders: ["x-b"], maxAge: 300)
        let snapshot = try Self.snapshot([("GET /pets", "http")], cors: cors)
        let recorder = Recorder(UpstreamResponse(status: 200, headers: ["Access-Control-Allow-Origin": "https://evil.example"]))
        // No OPTIONS route: the gateway answers the preflight itself, without calling the integration.
        let preflight = try #require(Self.serve(snapshot, F.request("OPTIONS", "/prod/pets", headers: [
            ("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST"),
        ]), invoker: recorder))
        #expect(preflight.status == 204 && recorder.last == nil)
        #expect(preflight.headers["Access-Control-Allow-Origin"] == "https://app.example")
        #expect(preflight.headers["Access-Control-Allow-Methods"] == "GET,POST")
        #expect(preflight.headers["Access-Control-Allow-Headers"] == "content-type,x-a")
        #expect(preflight.headers["Access-Control-Max-Age"] == "300" && preflight.headers["apigw-requestid"] != nil)
        let refusedOrigin = try #require(Self.serve(snapshot, F.request("OPTIONS", "/prod/pets", headers: [
            ("Origin", "https://other.example"), ("Access-Control-Request-Method", "GET"),
        ]), invoker: recorder))
        #expect(refusedOrigin.status == 204 && refusedOrigin.headers["Access-Control-Allow-Origin"] == nil)
        // A simple request: the configured headers replace the backend's.
        let simple = try #require(Self.serve(snapshot, F.request("GET", "/prod/pets", headers: [("Origin", "https://app.example")]),
                                             invoker: recorder))
        #expect(simple.status == 200)
        #expect(simple.headers.values("Access-Control-Allow-Origin") == ["https://app.example"])
        #expect(simple.headers["Access-Control-Expose-Headers"] == "x-b")
        // Errors are decorated too.
        let missing = try #require(Self.serve(snapshot, F.request("GET", "/prod/none", headers: [("Origin", "https://app.example")]),
                                              invoker: recorder))
        #expect(missing.status == 404 && missing.headers["Access-Control-Allow-Origin"] == "https://app.example")
    }

    struct NamedFilter: RequestFilter {
        let name: String
    }
}
