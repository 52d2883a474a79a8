import Testing
@testable import DataPlane
@testable import Shared

/// Customised gateway responses answering the gateway's errors for a routed request: status,
/// headers from every source family, the substituted template, and the built-in body kept for
/// what is not customised.
@Suite struct GatewayResponderTests {
    typealias F = PipelineFixtures

    static func responder(_ responses: [GatewayResponse], accept: String? = nil) throws -> GatewayResponder {
        var content = F.content([("/pets/{petId}", ["GET": F.method("GET", Integration(type: "MOCK"))])])
        content.gatewayResponses = responses
        var headers = [("X-Client", "c-1"), ("User-Agent", "curl/8.0")]
        if let accept { headers.append(("Accept", accept)) }
        let invocation = try F.invocation(try F.snapshot(content, variables: ["env": "test"]),
                                          F.request("GET", "/prod/pets/42?q=shoes", headers: headers))
        return try #require(GatewayResponder.make(stage: invocation.stage, invocation: invocation))
    }

    static let default4XX = GatewayResponse(
        responseType: "DEFAULT_4XX", statusCode: "418",
        responseParameters: [
            "gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
            "gatewayresponse.header.X-Client": "method.request.header.X-Client",
            "gatewayresponse.header.X-Q": "method.request.querystring.q",
            "gatewayresponse.header.X-Pet": "method.request.path.petId",
            "gatewayresponse.header.X-Env": "stageVariables.env",
            "gatewayresponse.header.X-Request": "context.requestId",
            "gatewayresponse.header.X-Type": "context.error.responseType",
        ],
        responseTemplates: ["application/json": #"{"error": $context.error.messageString, "type": "$context.error.responseType", "raw": "$context.error.message", "stage": "$stageVariables.env", "path": "$context.resourcePath", "unknown": "$context.nope"}"#,
                            "text/plain": "denied: $context.error.message"])

    @Test func aCustomisedDefault4XXAnswersEvery4XXError() throws {
        let response = try Self.responder([Self.default4XX]).response(for: .missingAuthenticationToken)
        #expect(response.status == 418)
        #expect(response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["X-Client"] == "c-1")
        #expect(response.headers["X-Q"] == "shoes")
        #expect(response.headers["X-Pet"] == "42")
        #expect(response.headers["X-Env"] == "test")
        #expect(response.headers["X-Request"] == F.identifiers.requestId)
        #expect(response.headers["X-Type"] == "MISSING_AUTHENTICATION_TOKEN")
        #expect(String(decoding: response.body, as: UTF8.self)
                == #"{"error": "Missing Authentication Token", "type": "MISSING_AUTHENTICATION_TOKEN", "raw": "Missing Authentication Token", "stage": "test", "path": "/pets/{petId}", "unknown": ""}"#)
        let throttled = try Self.responder([Self.default4XX]).response(for: .throttled)
        #expect(throttled.status == 418 && throttled.headers["X-Type"] == "THROTTLED")
    }

    @Test func theTemplateIsChosenByAccept() throws {
        let response = try Self.responder([Self.default4XX], accept: "text/plain, */*").response(for: .forbidden)
        #expect(response.headers["Content-Type"] == "text/plain")
        #expect(String(decoding: response.body, as: UTF8.self) == "denied: Forbidden")
    }

    @Test func whatIsNotCustomisedKeepsTheBuiltInResponse() throws {
        let responder = try Self.responder([Self.default4XX])
        // 5XX errors are not touched by DEFAULT_4XX.
        #expect(responder.response(for: .integrationTimeout) == GatewayError.integrationTimeout.response)
        // REQUEST_TOO_LARGE is never customised.
        #expect(responder.response(for: .requestTooLarge) == GatewayError.requestTooLarge.response)
        // A type customised with a header only keeps the built-in body, byte for byte.
        let headerOnly = try Self.responder([GatewayResponse(responseType: "ACCESS_DENIED",
                                                             responseParameters: ["gatewayresponse.header.WWW-Authenticate": "'Bearer'"])])
        let denied = headerOnly.response(for: .accessDenied(resource: "arn:x"))
        #expect(denied.status == 403)
        #expect(denied.body == GatewayError.accessDenied(resource: "arn:x").response.body)
        #expect(denied.headers["WWW-Authenticate"] == "Bearer")
    }

    @Test func aQueryValueThatCouldSplitTheResponseIsLeftOut() throws {
        var content = F.content([("/p", ["GET": F.method("GET", Integration(type: "MOCK"))])])
        content.gatewayResponses = [GatewayResponse(responseType: "DEFAULT_4XX", responseParameters: ["gatewayresponse.header.X-Q": "method.request.querystring.q"])]
        let invocation = try F.invocation(try F.snapshot(content), F.request("GET", "/prod/p?q=a%0D%0AInjected:%201"))
        let response = try #require(GatewayResponder.make(stage: invocation.stage, invocation: invocation)).response(for: .forbidden)
        #expect(response.headers["X-Q"] == nil)
        #expect(response.headers["Injected"] == nil)
    }
}
