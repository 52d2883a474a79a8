import Testing
@testable import DataPlane
@testable import Shared

/// What the pipeline does with dot segments in the request path and with upstream answers that
/// must never reach a client (docs/request-lifecycle.md, "Path safety").
@Suite struct RequestPipelinePathSafetyTests {
    typealias F = PipelineFixtures
    typealias P = RequestPipelineTests

    static let content = F.content([
        ("/pets", ["GET": F.method("GET", F.proxyIntegration("http://backend:8080/pets"))]),
        ("/files/{proxy+}", ["GET": F.method("GET", F.proxyIntegration("http://backend:8080/base/{proxy}"))]),
        ("/items/{id}", ["GET": F.method("GET", F.proxyIntegration("http://backend:8080/items/{id}"))]),
    ])

    /// Paths that climb above the stage root: no resource of the stage, whatever follows.
    @Test(arguments: ["/prod/../pets", "/prod/%2e%2e/pets", "/prod/%2E%2E/pets", "/prod/.%2e/pets", "/prod/%2e./pets",
                      "/prod/files/../../pets", "/prod/files/%2e%2e/%2E%2E/admin", "/prod/./../pets", "/prod/..",
                      "/restapis/abc123defg/prod/_user_request_/../pets"])
    func aPathClimbingAboveTheStageIsMissingAuthenticationToken(_ target: String) throws {
        let invoker = RecordingInvoker()
        let response = P.run(F.request("GET", target, host: target.hasPrefix("/restapis/") ? "localhost" : "abc123defg.execute-api.localhost"),
                             snapshot: try F.snapshot(Self.content), invoker: invoker)
        #expect(response.status == 403)
        #expect(P.text(response) == #"{"message":"Missing Authentication Token"}"#)
        #expect(invoker.requests.isEmpty)
    }

    /// Dot segments inside the stage are resolved before routing, so the route and the greedy
    /// value are those of the normalised path.
    @Test(arguments: [("/prod/files/a/../pets", "/base/pets"), ("/prod/files/%2e%2e/pets", "/pets"), ("/prod/x/./../pets", "/pets"),
                      ("/prod/files/a/./b/%2E%2E/c", "/base/a/c"), ("/prod/files/a/b/..", "/base/a")])
    func dotSegmentsInsideTheStageAreResolvedBeforeRouting(_ target: String, _ upstreamTarget: String) throws {
        let invoker = RecordingInvoker()
        let response = P.run(F.request("GET", target), snapshot: try F.snapshot(Self.content), invoker: invoker)
        #expect(response.status == 200)
        #expect(invoker.requests.map(\.target) == [upstreamTarget])
    }

    /// What normalisation cannot see (an encoded separator, a double encoding, a backslash, NUL)
    /// is refused once decoded, for greedy and single-segment parameters alike.
    @Test(arguments: ["/prod/files/..%2fadmin", "/prod/files/..%2Fadmin", "/prod/files/x/..%2f..%2fadmin", "/prod/files/%2e%2e%2fadmin",
                      "/prod/files/%252e%252e/admin", "/prod/files/%252e%252e%252fadmin", "/prod/files/..%5cadmin",
                      "/prod/files/..%00/admin", "/prod/files/%00", "/prod/files/..;/admin", "/prod/items/..%2f..%2fadmin",
                      "/prod/items/%252e%252e"])
    func aParameterHoldingADotSegmentOnceDecodedIsBadRequest(_ target: String) throws {
        let invoker = RecordingInvoker()
        let response = P.run(F.request("GET", target), snapshot: try F.snapshot(Self.content), invoker: invoker)
        #expect(response.status == 400)
        #expect(P.text(response) == #"{"message":"Bad Request"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "BadRequestException")
        #expect(invoker.requests.isEmpty)
    }

    @Test func ordinaryDotsAndEscapesStillReachTheUpstreamAsReceived() throws {
        let invoker = RecordingInvoker()
        let response = P.run(F.request("GET", "/prod/files/v1.2/a%20b/.well-known/x...y"), snapshot: try F.snapshot(Self.content), invoker: invoker)
        #expect(response.status == 200)
        #expect(invoker.requests.map(\.target) == ["/base/v1.2/a%20b/.well-known/x...y"])
    }

    /// An integration's final status must be a real one: a `101` the gateway never asked for, or
    /// a code outside 100–599, is the integration-failure 502, never passed through.
    @Test(arguments: [101, 100, 199, 600, 999, 1000, 99, 0, -1])
    func anUpstreamStatusThatIsNoFinalHTTPStatusIs502(_ status: Int) throws {
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: status, headers: HTTPHeaders([("Upgrade", "websocket")]))))
        let response = P.run(F.request("GET", "/prod/pets"), snapshot: try F.snapshot(Self.content), invoker: invoker)
        #expect(response.status == 502)
        #expect(P.text(response) == #"{"message": "Internal server error"}"#)
        #expect(response.headers["Upgrade"] == nil)
    }

    @Test(arguments: [200, 204, 304, 404, 599])
    func realFinalStatusesPassThrough(_ status: Int) throws {
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: status)))
        #expect(P.run(F.request("GET", "/prod/pets"), snapshot: try F.snapshot(Self.content), invoker: invoker).status == status)
    }
}
