import Testing
@testable import DataPlane
@testable import Shared

/// HTTP API parameter mapping through the real pipeline: what the HTTP_PROXY backend receives
/// after `requestParameters`, what the client receives after `responseParameters`, and the
/// routes that fail closed.
@Suite struct HttpApiParameterMappingFilterTests {
    typealias F = PipelineFixtures

    static func snapshot(request: [String: String]? = nil, response: [String: [String: String]]? = nil, type: String = "HTTP_PROXY",
                         routeKey: String = "POST /pets/{id}", uri: String = "http://backend:8080/base/{id}") throws -> CompiledSnapshot {
        let integration = V2Integration(integrationId: "i1", integrationType: type, connectionType: "INTERNET",
                                        integrationMethod: type == "HTTP_PROXY" ? "ANY" : nil, integrationUri: uri,
                                        payloadFormatVersion: type == "HTTP_PROXY" ? "1.0" : "2.0",
                                        requestParameters: request, responseParameters: response, timeoutInMillis: 2_000)
        let route = V2Route(routeId: "r1", routeKey: routeKey, apiKeyRequired: false, authorizationType: "NONE", target: "integrations/i1")
        let content = V2DeployedContent(routes: [route], integrations: [integration], authorizers: [])
        let api = SnapshotHttpApi(apiId: F.apiId, name: "h", stages: [SnapshotHttpApiStage(stageName: "prod", deploymentId: "d1",
                                                                                          stageVariables: ["env": "blue"], deployment: content)])
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: [],
                                                     httpApis: [api]))
    }

    static func serve(_ snapshot: CompiledSnapshot, invoker: RecordingInvoker = RecordingInvoker(), target: String = "/prod/pets/7?q=1&q=2&keep=k",
                      headers: [(String, String)] = [("X-In", "a"), ("X-In", "b"), ("X-Drop", "d")],
                      body: String = #"{"pet":{"name":"rex"}}"#) -> (HTTPResponse?, RecordingInvoker) {
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9001"), accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let box = ResponseBox()
        pipeline.handle(F.request("POST", target, headers: headers, body: Array(body.utf8)), connection: F.connection, snapshot: snapshot,
                        chains: pipeline.chains(for: snapshot)) { box.put($0) }
        return (box.responses.first, invoker)
    }

    @Test func requestParametersRewriteHeadersQueryAndPathSeenByTheBackend() throws {
        let (response, invoker) = Self.serve(try Self.snapshot(request: [
            "append:header.X-In": "c",
            "overwrite:header.X-Name": "$request.body.pet.name",
            "remove:header.X-Drop": "x",
            "append:header.X-Mixed": "${request.path.id}/${stageVariables.env}/$context.httpMethod",
            "overwrite:header.X-Joined": "$request.header.X-In",
            "overwrite:querystring.q": "$request.querystring.q",
            "append:querystring.added": "v w",
            "remove:querystring.keep": "x",
            "overwrite:path": "/v2/items/$request.path.id",
        ]))
        #expect(response?.status == 200)
        let sent = try #require(invoker.requests.first)
        #expect(sent.target == "/v2/items/7?added=v%20w&q=1%2C2")
        #expect(sent.headers.values("X-In") == ["a", "b", "c"])
        #expect(sent.headers["X-Name"] == "rex")
        #expect(sent.headers["X-Drop"] == nil)
        #expect(sent.headers["X-Mixed"] == "7/blue/POST")
        #expect(sent.headers["X-Joined"] == "a,b")
    }

    @Test func aValueThatComesOutEmptyIsNotMapped() throws {
        let (_, invoker) = Self.serve(try Self.snapshot(request: ["overwrite:header.X-Drop": "$request.header.X-Absent",
                                                                  "append:querystring.none": "$request.body.nothing"]))
        let sent = try #require(invoker.requests.first)
        #expect(sent.headers["X-Drop"] == "d")
        #expect(sent.target == "/base/7?q=1&q=2&keep=k")
    }

    @Test func aValueWithALineBreakNeverBecomesAHeader() throws {
        let (_, invoker) = Self.serve(try Self.snapshot(request: ["overwrite:header.X-Name": "$request.body.pet.name"]),
                                      body: #"{"pet":{"name":"rex\r\nX-Evil: 1"}}"#)
        let sent = try #require(invoker.requests.first)
        #expect(sent.headers["X-Name"] == nil && sent.headers["X-Evil"] == nil)
    }

    @Test func withoutMappingsTheRequestGoesAsReceived() throws {
        let (_, invoker) = Self.serve(try Self.snapshot())
        #expect(invoker.requests.first?.target == "/base/7?q=1&q=2&keep=k")
    }

    @Test func aMappedPathWithDotSegmentsIs400() throws {
        let (response, invoker) = Self.serve(try Self.snapshot(request: ["overwrite:path": "/a/$request.header.X-P"]),
                                             headers: [("X-P", "../../etc")])
        #expect(response?.status == 400)
        #expect(invoker.requests.isEmpty)
    }

    @Test func responseParametersApplyToTheIntegrationsStatusOnly() throws {
        let upstream = UpstreamResponse(status: 200, headers: ["X-Up": "u", "Server": "s", "Content-Type": "application/json"],
                                        body: Array(#"{"id":"abc"}"#.utf8))
        let mapping = ["200": ["overwrite:statuscode": "201", "append:header.X-Id": "$response.body.id", "remove:header.Server": "x",
                               "overwrite:header.X-Copy": "${response.header.X-Up}-$context.stage"]]
        let (response, _) = Self.serve(try Self.snapshot(response: mapping), invoker: RecordingInvoker(.success(upstream)))
        #expect(response?.status == 201)
        #expect(response?.headers["X-Id"] == "abc")
        #expect(response?.headers["Server"] == nil)
        #expect(response?.headers["X-Copy"] == "u-prod")
        // Another status: untouched.
        let (other, _) = Self.serve(try Self.snapshot(response: mapping),
                                    invoker: RecordingInvoker(.success(UpstreamResponse(status: 404, headers: ["X-Up": "u"]))))
        #expect(other?.status == 404 && other?.headers["X-Id"] == nil && other?.headers["X-Copy"] == nil)
    }

    @Test func aMappedStatusThatIsNotAStatusIs500() throws {
        let upstream = UpstreamResponse(status: 200, headers: ["X-Status": "nope"])
        let (response, _) = Self.serve(try Self.snapshot(response: ["200": ["overwrite:statuscode": "$response.header.X-Status"]]),
                                       invoker: RecordingInvoker(.success(upstream)))
        #expect(response?.status == 500)
    }

    @Test func gatewayErrorsAreNotRemapped() throws {
        // The backend times out: the 503 is the gateway's, the 503 mapping is not applied to it.
        let (response, _) = Self.serve(try Self.snapshot(response: ["503": ["overwrite:statuscode": "200"]]),
                                       invoker: RecordingInvoker(.failure(.timeout)))
        #expect(response?.status == 503)
    }

    @Test func responseParametersApplyToLambdaAnswersToo() throws {
        let lambda = UpstreamResponse(status: 200, body: Array(#"{"statusCode":200,"headers":{"X-Fn":"f"},"body":"ok"}"#.utf8))
        let (response, _) = Self.serve(try Self.snapshot(response: ["200": ["overwrite:header.X-Fn": "mapped-$response.header.X-Fn"]],
                                                         type: "AWS_PROXY", uri: "arn:aws:lambda:us-east-1:123456789012:function:fn"),
                                       invoker: RecordingInvoker(.success(lambda)))
        #expect(response?.status == 200 && response?.headers["X-Fn"] == "mapped-f")
    }

    @Test func requestParametersReachALambdaEvent() throws {
        let lambda = UpstreamResponse(status: 200, body: Array(#"{"statusCode":200,"body":"ok"}"#.utf8))
        let (response, invoker) = Self.serve(try Self.snapshot(request: ["append:header.X-A": "$request.path.id", "remove:header.X-Drop": "x",
                                                                         "overwrite:querystring.q": "z", "remove:querystring.keep": "x"],
                                                               type: "AWS_PROXY", uri: "arn:aws:lambda:us-east-1:123456789012:function:fn"),
                                             invoker: RecordingInvoker(.success(lambda)))
        #expect(response?.status == 200)
        let event = try JSONParser.parse(try #require(invoker.requests.first).body)
        #expect(event["headers"]?["x-a"] == .string("7"))
        #expect(event["headers"]?["x-drop"] == nil)
        #expect(event["rawQueryString"] == .string("q=z"))
        #expect(event["queryStringParameters"] == .object([("q", .string("z"))]))
    }

    @Test func overwritingThePathOfALambdaIntegrationFailsClosed() throws {
        let (response, invoker) = Self.serve(try Self.snapshot(request: ["overwrite:path": "/x"], type: "AWS_PROXY",
                                                               uri: "arn:aws:lambda:us-east-1:123456789012:function:fn"))
        #expect(response?.status == 500)
        #expect(invoker.requests.isEmpty)
    }

    @Test func aStoredMappingTheCompilerRefusesFailsClosed() throws {
        let (response, invoker) = Self.serve(try Self.snapshot(request: ["overwrite:header.Authorization": "x"]))
        #expect(response?.status == 500)
        #expect(invoker.requests.isEmpty)
    }
}
