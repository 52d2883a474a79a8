import Testing
@testable import DataPlane
@testable import Shared

/// Every error the pipeline produces for a stage whose API customises gateway responses goes
/// through them: before routing (no route), in a filter (response hooks see the customised
/// response), and in the integration (no response hooks: the pipeline's finish converts it).
@Suite struct RequestPipelineGatewayResponseTests {
    typealias F = PipelineFixtures
    typealias P = RequestPipelineTests

    /// Records the status its response hook saw.
    private struct Observer: RequestFilter {
        let name = "observer"
        var hooks: FilterHooks { [.request, .response] }
        let fail: Bool
        func onRequest(_ invocation: inout Invocation) -> PhaseOutcome { fail ? .fail(.forbidden) : .proceed }
        func onResponse(_ response: inout HTTPResponse, invocation: Invocation) { response.headers.set("X-Seen", String(response.status)) }
    }

    static func snapshot() throws -> CompiledSnapshot {
        var content = P.content
        content.gatewayResponses = [
            GatewayResponse(responseType: "DEFAULT_4XX", statusCode: "400",
                            responseParameters: ["gatewayresponse.header.X-Custom": "'4xx'", "gatewayresponse.header.X-Path": "context.path"],
                            responseTemplates: ["application/json": #"{"oops":$context.error.messageString}"#]),
            GatewayResponse(responseType: "API_CONFIGURATION_ERROR", statusCode: "503"),
        ]
        return try F.snapshot(content)
    }

    @Test func aRequestWithNoRouteGetsTheCustomisedResponse() throws {
        let response = P.run(F.request("GET", "/prod/nowhere"), snapshot: try Self.snapshot())
        #expect(response.status == 400)
        #expect(response.headers["X-Custom"] == "4xx")
        #expect(response.headers["X-Path"] == "/prod/nowhere")
        #expect(response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")
        #expect(P.text(response) == #"{"oops":"Missing Authentication Token"}"#)
        P.expectDecorated(response)
    }

    @Test func aFilterFailureIsCustomisedBeforeResponseHooksSeeIt() throws {
        let response = P.run(F.request("GET", "/prod/mock"), snapshot: try Self.snapshot(), phases: [Observer(fail: true)])
        #expect(response.status == 400)
        #expect(response.headers["X-Seen"] == "400")
        #expect(P.text(response) == #"{"oops":"Forbidden"}"#)
    }

    @Test func anIntegrationFailureIsCustomisedWithoutResponseHooks() throws {
        // `/broken` is misconfigured: API_CONFIGURATION_ERROR, customised to 503 with the built-in body.
        let response = P.run(F.request("GET", "/prod/broken"), snapshot: try Self.snapshot())
        #expect(response.status == 503)
        #expect(P.text(response) == #"{"message": "Internal server error"}"#)
    }

    @Test func anotherAPIsErrorsStayBuiltIn() throws {
        let response = P.run(F.request("GET", "/prod/nowhere"), snapshot: try F.snapshot(P.content))
        #expect(response.status == 403)
        #expect(P.text(response) == #"{"message":"Missing Authentication Token"}"#)
        #expect(response.headers["X-Custom"] == nil)
    }
}
