import Testing
import Synchronization
@testable import DataPlane
@testable import Shared

/// A method-request phase with a fixed decision, recording that it ran.
private struct StubPhase: RequestFilter {
    let name = "stub"
    let outcome: PhaseOutcome
    let apiKey: Invocation.ApiKeyIdentity?

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        if let apiKey { invocation.apiKey = apiKey }
        return outcome
    }
}

@Suite struct RequestPipelineTests {
    typealias F = PipelineFixtures
    static let lambdaUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations"

    static let content = F.content([
        ("/pets", ["GET": F.method("GET", F.proxyIntegration("http://backend:8080/pets"))]),
        ("/mock", ["GET": F.method("GET", Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                                         integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "hi"])]))]),
        ("/fn", ["POST": F.method("POST", Integration(type: "AWS_PROXY", httpMethod: "POST", uri: lambdaUri))]),
        ("/broken", ["GET": F.method("GET", Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://${stageVariables.nothing}/x"))]),
    ])

    static func run(_ request: HTTPRequest, snapshot: CompiledSnapshot?, invoker: RecordingInvoker = RecordingInvoker(),
                    phases: [any RequestFilter] = [], lambda: String? = nil) -> HTTPResponse {
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(lambdaEndpoint: lambda.flatMap(LambdaEndpoint.init(url:)),
                                                                            accountId: "123456789012"),
                                       invoker: invoker, identifierSource: FixedIdentifiers(),
                                       clock: { F.now })
        let box = ResponseBox()
        let chains = snapshot.map { pipeline.chains(for: $0, features: EveryRoute.factories(phases)) } ?? .empty
        pipeline.handle(request, connection: F.connection, snapshot: snapshot, chains: chains) { box.put($0) }
        #expect(box.responses.count == 1, "completion must be called exactly once")
        return box.responses.first ?? HTTPResponse(status: 0)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func expectDecorated(_ response: HTTPResponse) {
        #expect(response.headers["x-amzn-RequestId"] == F.identifiers.requestId)
        #expect(response.headers["x-amz-apigw-id"] == F.identifiers.extendedRequestId)
        #expect(response.headers["X-Amzn-Trace-Id"] == F.identifiers.traceId)
    }

    @Test func healthAnswers503UntilASnapshotIsLoaded() throws {
        let before = Self.run(F.request("GET", "/_tollgate/health", host: "localhost"), snapshot: nil)
        #expect(before.status == 503)
        let after = Self.run(F.request("GET", "/_tollgate/health", host: "anything.execute-api.localhost"), snapshot: try F.snapshot(Self.content))
        #expect(after.status == 200)
        #expect(Self.text(after) == #"{"status":"ok","revision":42}"#)
    }

    @Test func requestsBeforeTheFirstSnapshotAre503() {
        let response = Self.run(F.request("GET", "/prod/pets"), snapshot: nil)
        #expect(response.status == 503)
        Self.expectDecorated(response)
    }

    @Test func unknownApisAre404NamingThem() throws {
        let snapshot = try F.snapshot(Self.content)
        for request in [F.request("GET", "/prod/pets", host: "zzz999.execute-api.localhost"),
                        F.request("GET", "/restapis/zzz999/prod/_user_request_/pets", host: "localhost"),
                        F.request("GET", "/", host: "zzz999.execute-api.localhost")] {
            let response = Self.run(request, snapshot: snapshot)
            #expect(response.status == 404)
            #expect(Self.text(response) == #"{"message":"The API id 'zzz999' does not correspond to a deployed API Gateway API"}"#)
            #expect(response.headers["x-amzn-ErrorType"] == "NotFoundException")
            Self.expectDecorated(response)
        }
        #expect(Self.run(F.request("GET", "/prod/pets", host: "localhost"), snapshot: snapshot).status == 404)
    }

    @Test(arguments: [
        ("GET", "/staging/pets"),     // unknown stage
        ("GET", "/Prod/pets"),        // stage names are case-sensitive
        ("GET", "/prod/cats"),        // no resource
        ("DELETE", "/prod/pets"),     // no method
        ("GET", "/"),                 // no stage
        ("GET", "/prod"),             // stage root has no method
    ])
    func unroutableRequestsGetMissingAuthenticationToken(method: String, target: String) throws {
        let response = Self.run(F.request(method, target), snapshot: try F.snapshot(Self.content))
        #expect(response.status == 403)
        #expect(Self.text(response) == #"{"message":"Missing Authentication Token"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")
        Self.expectDecorated(response)
    }

    @Test func proxiesThroughTheInvokerAndDecoratesTheResponse() throws {
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: 201, headers: HTTPHeaders([
            ("Content-Type", "text/plain"), ("Content-Length", "2"), ("Date", "today"), ("x-amzn-RequestId", "theirs"),
        ]), body: Array("ok".utf8))))
        let response = Self.run(F.request("GET", "/restapis/ABC123DEFG/prod/_user_request_/pets?x=1", host: "localhost"),
                                snapshot: try F.snapshot(Self.content), invoker: invoker)
        #expect(response.status == 201)
        #expect(Self.text(response) == "ok")
        #expect(response.headers["Content-Length"] == nil)
        #expect(response.headers["x-amzn-Remapped-Content-Length"] == "2")
        #expect(response.headers["x-amzn-Remapped-Date"] == "today")
        #expect(response.headers.values("Date") == ["Wed, 04 Mar 2020 19:15:17 GMT"])  // the gateway's own, at F.now
        #expect(response.headers["x-amzn-Remapped-x-amzn-RequestId"] == "theirs")
        Self.expectDecorated(response)
        #expect(invoker.requests.map(\.target) == ["/pets?x=1"])
        #expect(invoker.requests.first?.host == "backend")
    }

    @Test(arguments: [
        (IntegrationFailure.timeout, 504, #"{"message": "Endpoint request timed out"}"#),
        (.connectionFailed("refused"), 504, #"{"message": "Network error communicating with endpoint"}"#),
        (.invalidResponse("garbage"), 502, #"{"message": "Internal server error"}"#),
        (.overloaded, 503, #"{"message":"Service Unavailable"}"#),
    ])
    func integrationFailuresMapToAwsErrors(failure: IntegrationFailure, status: Int, body: String) throws {
        let response = Self.run(F.request("GET", "/prod/pets"), snapshot: try F.snapshot(Self.content), invoker: RecordingInvoker(.failure(failure)))
        #expect(response.status == status)
        #expect(Self.text(response) == body)
        Self.expectDecorated(response)
    }

    @Test func mockNeedsNoInvoker() throws {
        let invoker = RecordingInvoker()
        let response = Self.run(F.request("GET", "/prod/mock"), snapshot: try F.snapshot(Self.content), invoker: invoker)
        #expect(response.status == 200)
        #expect(Self.text(response) == "hi")
        #expect(invoker.requests.isEmpty)
    }

    @Test func lambdaNeedsAnEndpointAndGetsTheEvent() throws {
        let snapshot = try F.snapshot(Self.content)
        let unconfigured = Self.run(F.request("POST", "/prod/fn"), snapshot: snapshot)
        #expect(unconfigured.status == 500)
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: 200, body: Array(#"{"statusCode":202,"body":"queued"}"#.utf8))))
        let phase = StubPhase(outcome: .proceed, apiKey: Invocation.ApiKeyIdentity(value: "secret-value-123456789", id: "k1"))
        let response = Self.run(F.request("POST", "/prod/fn", body: Array("in".utf8)), snapshot: snapshot, invoker: invoker,
                                phases: [phase], lambda: "http://127.0.0.1:9001")
        #expect(response.status == 202)
        #expect(Self.text(response) == "queued")
        let event = try JSONParser.parse(try #require(invoker.requests.first).body)
        #expect(event["body"] == .string("in"))
        #expect(event["requestContext"]?["identity"]?["apiKeyId"] == .string("k1"))
        #expect(event["requestContext"]?["requestTimeEpoch"] == .number(Double(F.now)))
    }

    @Test func methodRequestPhasesCanStopTheRequest() throws {
        let invoker = RecordingInvoker()
        let response = Self.run(F.request("GET", "/prod/pets"), snapshot: try F.snapshot(Self.content), invoker: invoker,
                                phases: [StubPhase(outcome: .fail(.forbidden), apiKey: nil)])
        #expect(response.status == 403)
        #expect(Self.text(response) == #"{"message":"Forbidden"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "ForbiddenException")
        #expect(invoker.requests.isEmpty)
        let custom = Self.run(F.request("GET", "/prod/pets"), snapshot: try F.snapshot(Self.content),
                              phases: [StubPhase(outcome: .respond(HTTPResponse(status: 204)), apiKey: nil)])
        #expect(custom.status == 204)
        Self.expectDecorated(custom)
    }

    @Test func misconfiguredIntegrationsAre500() throws {
        let response = Self.run(F.request("GET", "/prod/broken"), snapshot: try F.snapshot(Self.content))
        #expect(response.status == 500)
        #expect(Self.text(response) == #"{"message": "Internal server error"}"#)
    }

    @Test func payloadsOver10MiBAre413() throws {
        let big = [UInt8](repeating: 0x61, count: RequestPipeline.maxPayloadBytes + 1)
        let response = Self.run(F.request("GET", "/prod/pets", body: big), snapshot: try F.snapshot(Self.content))
        #expect(response.status == 413)
    }

    @Test func aDisabledExecuteApiEndpointIsForbidden() throws {
        var content = Self.content
        content.api.disableExecuteApiEndpoint = true
        let response = Self.run(F.request("GET", "/prod/pets"), snapshot: try F.snapshot(content))
        #expect(response.status == 403)
        #expect(Self.text(response) == #"{"message":"Forbidden"}"#)
    }
}

/// Suspends, then resumes with `outcome` from a timer on the request's loop, noting where it resumed.
private struct SuspendingPhase: RequestFilter {
    let name = "suspend"
    let outcome: PhaseOutcome
    let resumedOnLoop: ResumeRecord

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        guard let loop = invocation.eventLoop else { return .fail(.internalServerError) }
        let outcome = outcome, record = resumedOnLoop
        return .suspend(PhaseSuspension { resume in
            _ = loop.schedule(after: .milliseconds(2)) {
                record.note(loop.inEventLoop)
                resume(outcome)
            }
        })
    }
}

/// Where a suspended phase resumed (true: on the request's loop).
private final class ResumeRecord: Sendable {
    private let value = Mutex<[Bool]>([])
    func note(_ onLoop: Bool) { value.withLock { $0.append(onLoop) } }
    var notes: [Bool] { value.withLock { $0 } }
}

/// A method-request phase that suspends parks the request and the pipeline goes on from the next
/// phase when it resumes, on the request's own loop.
@Suite struct RequestPipelineSuspensionTests {
    typealias F = PipelineFixtures

    /// Runs `request` on a one-loop group from that loop; returns the response and whether the
    /// completion ran on the loop.
    static func runOnLoop(_ request: HTTPRequest, phases: [any RequestFilter]) async throws -> (HTTPResponse, Bool) {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let loop = group.next()
        let snapshot = try F.snapshot(RequestPipelineTests.content)
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker(),
                                       identifierSource: FixedIdentifiers(), clock: { F.now })
        let chains = pipeline.chains(for: snapshot, features: EveryRoute.factories(phases))
        return await withCheckedContinuation { continuation in
            loop.execute {
                pipeline.handle(request, connection: F.connection, snapshot: snapshot, chains: chains, eventLoop: loop) { response in
                    continuation.resume(returning: (response, loop.inEventLoop))
                }
            }
        }
    }

    @Test func aSuspendedPhaseResumesOnTheRequestsLoopAndTheNextPhasesRun() async throws {
        let record = ResumeRecord()
        let teapot = HTTPResponse(status: 418)
        let (response, completedOnLoop) = try await Self.runOnLoop(
            F.request("GET", "/prod/mock"),
            phases: [SuspendingPhase(outcome: .proceed, resumedOnLoop: record), StubPhase(outcome: .respond(teapot), apiKey: nil)])
        #expect(response.status == 418, "the phase after the suspended one decided")
        #expect(record.notes == [true])
        #expect(completedOnLoop)
    }

    @Test func aResumedRequestReachesTheIntegration() async throws {
        let record = ResumeRecord()
        let (response, _) = try await Self.runOnLoop(F.request("GET", "/prod/mock"),
                                                     phases: [SuspendingPhase(outcome: .proceed, resumedOnLoop: record)])
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hi")
    }

    @Test func aPhaseCanResumeWithARefusal() async throws {
        let record = ResumeRecord()
        let (response, completedOnLoop) = try await Self.runOnLoop(
            F.request("GET", "/prod/mock"),
            phases: [SuspendingPhase(outcome: .fail(.throttled), resumedOnLoop: record),
                     StubPhase(outcome: .respond(HTTPResponse(status: 418)), apiKey: nil)])
        #expect(response.status == 429)
        #expect(completedOnLoop)
    }
}
