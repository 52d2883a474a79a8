import Testing
@testable import DataPlane
@testable import Shared

/// `TraceSpan.spans`: the request's span and its authorizer and integration children, placed in
/// time by the steps' monotonic offsets from the end of routing.
@Suite struct TraceSpanTests {
    typealias F = PipelineFixtures
    static let routed: UInt64 = 5_000_000_000  // monotonic ns at the end of routing

    static func record(integrationLatency: UInt64?, integrationStarted: UInt64) -> CompletionRecord {
        var record = CompletionRecord(status: 200, latencyNanos: 10_000_000, integrationLatencyNanos: integrationLatency, requestBodyBytes: 0,
                                      responseBodyBytes: 0, errorType: nil, errorSource: nil,
                                      integration: IntegrationReport(endpoint: .lambda, status: 201, serviceStatus: 200,
                                                                     awsHeaders: ["x-amzn-RequestId": "lambda-1"]))
        record.startedNanos = routed
        record.integrationStartedNanos = integrationStarted
        return record
    }

    @Test func theAuthorizerAndTheIntegrationAreChildrenOfTheRequestsSpanInsideItInTime() throws {
        var invocation = try F.invocation(try LambdaAuthorizerFilterTests.snapshot(), F.request("GET", "/prod/pets/7"))
        invocation.authSteps.authorizer = AuthStepRecord.Step(status: 200, latencyMillis: 3, startedNanos: Self.routed + 1_000_000)
        invocation.authSteps.authorizerInvokeStatus = 200
        let spans = TraceSpan.spans(invocation, Self.record(integrationLatency: 4_000_000, integrationStarted: Self.routed + 5_000_000))
        try #require(spans.count == 3)
        let (request, authorizer, integration) = (spans[0], spans[1], spans[2])
        #expect(request.kind == 2 && request.context.parentSpanId == nil)
        for child in [authorizer, integration] {
            #expect(child.context.traceId == request.context.traceId)
            #expect(child.context.parentSpanId == request.context.spanId)
            #expect(child.context.spanId.count == 16 && child.context.spanId != request.context.spanId)
        }
        #expect(authorizer.context.spanId != integration.context.spanId)
        #expect(authorizer.name == "Authorizer a" && authorizer.kind == 1)
        #expect(authorizer.startNanos == request.startNanos + 1_000_000 && authorizer.endNanos == authorizer.startNanos + 3_000_000)
        #expect(authorizer.attributes.first { $0.key == "aws.api_gateway.authorizer.cached" }?.value == .bool(false))
        #expect(integration.name == "Integration MOCK" && integration.kind == 3)
        #expect(integration.startNanos == request.startNanos + 5_000_000 && integration.endNanos == integration.startNanos + 4_000_000)
        #expect(integration.attributes.first { $0.key == "aws.request_id" }?.value == .string("lambda-1"))
        #expect(integration.attributes.first { $0.key == "http.response.status_code" }?.value == .number(201))
        #expect(request.endNanos == request.startNanos + 10_000_000)
    }

    @Test func stepsThatDidNotRunHaveNoSpanAndOffsetsStayInsideTheRequest() throws {
        let invocation = try F.invocation(try LambdaAuthorizerFilterTests.snapshot(), F.request("GET", "/prod/pets/7"))
        // No authorizer step recorded, no integration reached: the request's span alone.
        #expect(TraceSpan.spans(invocation, Self.record(integrationLatency: nil, integrationStarted: 0)).count == 1)
        // An integration start read from a clock behind the routing one is clamped to the request's start.
        let spans = TraceSpan.spans(invocation, Self.record(integrationLatency: 1_000_000, integrationStarted: Self.routed - 7))
        try #require(spans.count == 2)
        #expect(spans[1].startNanos == spans[0].startNanos)
    }
}
