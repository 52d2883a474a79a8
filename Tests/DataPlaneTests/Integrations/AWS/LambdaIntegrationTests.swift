import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Lambda custom (AWS non-proxy) integrations: the request template is the Invoke payload; the
/// function's answer is selected by `errorMessage` and mapped by the integration response.
@Suite struct LambdaIntegrationTests {
    typealias F = PipelineFixtures
    static let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:calc/invocations"

    static func invocation(_ request: HTTPRequest = F.request("POST", "/prod/calc?x=3", headers: [("Content-Type", "application/json")],
                                                               body: Array(#"{"y": 4}"#.utf8)),
                           passthrough: String = "WHEN_NO_MATCH", templates: [String: String]? = nil) throws -> Invocation {
        let integration = Integration(
            type: "AWS", httpMethod: "POST", uri: uri,
            requestTemplates: templates ?? ["application/json": #"{"x": $input.params('x'), "y": $input.json('$.y'), "rid": "$context.requestId"}"#],
            passthroughBehavior: passthrough, timeoutInMillis: 2500,
            integrationResponses: [
                "200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": #"{"sum": $input.json('$.sum')}"#]),
                "400": IntegrationResponse(statusCode: "400", selectionPattern: "Invalid.*",
                                           responseParameters: ["method.response.header.X-Error-Type": "integration.response.body.errorType"],
                                           responseTemplates: ["application/json": #"{"message": "$input.path('$.errorMessage')"}"#]),
            ])
        let content = F.content([("/calc", ["POST": F.method("POST", integration, responses: ["200", "400"])])])
        return try F.invocation(try F.snapshot(content), request)
    }

    static let endpoint = LambdaEndpoint(url: "http://127.0.0.1:9001")!

    static func run(_ invocation: Invocation, answer: Result<UpstreamResponse, IntegrationFailure>) -> (RecordingInvoker, Result<HTTPResponse, GatewayError>?) {
        let invoker = RecordingInvoker(answer)
        let step = LambdaIntegration(function: "arn:aws:lambda:us-east-1:123456789012:function:calc", endpoint: endpoint,
                                     invoker: invoker, renderer: MappingTemplateRenderer(log: { _ in }))
        let result = Mutex<Result<HTTPResponse, GatewayError>?>(nil)
        step.run(invocation) { outcome in result.withLock { $0 = outcome } }
        return (invoker, result.withLock { $0 })
    }

    @Test func theReportShowsTheInvokeStatusTheRequestIdAndTheFunctionsError() {
        let failed = LambdaIntegration.report(.success(UpstreamResponse(
            status: 200, headers: HTTPHeaders([("x-amzn-RequestId", "fn-req-1"), ("X-Amz-Function-Error", "Unhandled")]),
            body: Array(#"{"errorMessage": "bad input", "errorType": "ValueError"}"#.utf8))))
        // A custom integration's function declares no status: both are the Invoke API's.
        #expect(failed.integrationStatusCode == 200 && failed.integrationStatus == 200)
        #expect(failed.requestId == "fn-req-1" && failed.errorMessage == "bad input")
        let served = LambdaIntegration.report(.success(UpstreamResponse(status: 200, headers: HTTPHeaders([("x-amzn-RequestId", "fn-req-2")]))))
        #expect(served.requestId == "fn-req-2" && served.errorMessage == nil)
        let refused = LambdaIntegration.report(.success(UpstreamResponse(status: 404, body: Array(#"{"Message": "Function not found"}"#.utf8))))
        #expect(refused.integrationStatus == 404 && refused.errorMessage == "Function not found")
        #expect(LambdaIntegration.report(.failure(.timeout)).errorMessage == "Endpoint request timed out")
    }

    @Test func sendsTheRenderedTemplateToTheInvokeApi() throws {
        let (invoker, _) = Self.run(try Self.invocation(), answer: .success(UpstreamResponse(status: 200, body: Array(#"{"sum": 7}"#.utf8))))
        let request = try #require(invoker.requests.first)
        #expect(request.method == .POST)
        #expect(request.target == "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Acalc/invocations")
        #expect(request.headers["X-Amz-Invocation-Type"] == "RequestResponse")
        #expect(request.timeout == .milliseconds(2500))
        let payload = try JSONParser.parse(request.body)
        #expect(payload["x"] == .number(3))
        #expect(payload["y"] == .number(4))
        #expect(payload["rid"] == .string(F.identifiers.requestId))
    }

    @Test func aSuccessfulResultGoesThroughTheDefaultResponseTemplate() throws {
        let answer = UpstreamResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array(#"{"sum": 7}"#.utf8))
        let (_, result) = Self.run(try Self.invocation(), answer: .success(answer))
        let response = try #require(try result?.get())
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"sum": 7}"#)
    }

    @Test func aFunctionErrorIsSelectedByItsErrorMessage() throws {
        let payload = #"{"errorMessage": "Invalid operand y", "errorType": "ValueError", "stackTrace": []}"#
        let answer = UpstreamResponse(status: 200, headers: HTTPHeaders([("X-Amz-Function-Error", "Unhandled")]), body: Array(payload.utf8))
        let (_, result) = Self.run(try Self.invocation(), answer: .success(answer))
        let response = try #require(try result?.get())
        #expect(response.status == 400)
        #expect(response.headers["X-Error-Type"] == "ValueError")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"message": "Invalid operand y"}"#)
    }

    @Test func anUnmatchedFunctionErrorFallsToTheDefaultResponse() throws {
        let answer = UpstreamResponse(status: 200, headers: HTTPHeaders([("X-Amz-Function-Error", "Unhandled")]),
                                      body: Array(#"{"errorMessage": "boom"}"#.utf8))
        let (_, result) = Self.run(try Self.invocation(), answer: .success(answer))
        #expect(try #require(try result?.get()).status == 200)
        // Without the header the same payload is a success: its `errorMessage` is not matched.
        let success = UpstreamResponse(status: 200, body: Array(#"{"errorMessage": "Invalid x"}"#.utf8))
        #expect(try #require(try Self.run(try Self.invocation(), answer: .success(success)).1?.get()).status == 200)
    }

    @Test func errorMessagesOfBareStringAndObjectPayloads() {
        #expect(LambdaIntegration.errorMessage(Array(#"{"errorMessage":"Invalid"}"#.utf8)) == "Invalid")
        #expect(LambdaIntegration.errorMessage(Array(#""Invalid input""#.utf8)) == "Invalid input")
        #expect(LambdaIntegration.errorMessage(Array("Invalid raw".utf8)) == "Invalid raw")
        #expect(LambdaIntegration.errorMessage(Array(#"{"errorType":"X"}"#.utf8)) == "")
    }

    @Test func lambdaServiceErrorsTimeoutsAndNoMatchingContentType() throws {
        #expect(Self.run(try Self.invocation(), answer: .success(UpstreamResponse(status: 404))).1 == .failure(.internalServerError))
        #expect(Self.run(try Self.invocation(), answer: .failure(.timeout)).1 == .failure(.integrationTimeout))
        #expect(Self.run(try Self.invocation(), answer: .failure(.connectionFailed("refused"))).1 == .failure(.lambdaMalformed))
        let xml = F.request("POST", "/prod/calc", headers: [("Content-Type", "application/xml")], body: Array("<a/>".utf8))
        let (invoker, refused) = Self.run(try Self.invocation(xml, passthrough: "NEVER"), answer: .success(UpstreamResponse(status: 200)))
        #expect(refused == .failure(.unsupportedMediaType))
        #expect(invoker.requests.isEmpty)
        let (passed, _) = Self.run(try Self.invocation(xml), answer: .success(UpstreamResponse(status: 200)))
        #expect(passed.requests.first?.body == Array("<a/>".utf8))
    }

    @Test func aTemplateSettingARequestOverrideIs500() throws {
        let invocation = try Self.invocation(templates: ["application/json": #"#set($context.requestOverride.header.X = "1"){}"#])
        let (invoker, result) = Self.run(invocation, answer: .success(UpstreamResponse(status: 200)))
        #expect(result == .failure(.internalServerError))
        #expect(invoker.requests.isEmpty)
    }
}
