import Testing
@testable import DataPlane
@testable import Shared

@Suite struct LambdaProxyIntegrationTests {
    typealias F = PipelineFixtures
    static let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:echo:live/invocations"

    static func invocation(_ request: HTTPRequest = F.request("GET", "/prod/fn"), binary: [String]? = nil) throws -> Invocation {
        let integration = Integration(type: "AWS_PROXY", httpMethod: "POST", uri: uri, timeoutInMillis: 3000)
        let content = F.content([("/fn", ["GET": F.method("GET", integration)])], binaryMediaTypes: binary)
        return try F.invocation(try F.snapshot(content), request)
    }

    @Test func invokesTheLambdaInvokeApiWithTheEvent() throws {
        let endpoint = try #require(LambdaEndpoint(url: "http://127.0.0.1:9001/lambda/"))
        let invocation = try Self.invocation()
        guard case .lambda(let function) = invocation.route.integration.target else {
            Issue.record("expected a Lambda target")
            return
        }
        let request = LambdaProxyIntegration.request(invocation, function: function, endpoint: endpoint)
        #expect(request.method == .POST)
        #expect(request.host == "127.0.0.1" && request.port == 9001 && !request.isTLS)
        #expect(request.target == "/lambda/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aecho%3Alive/invocations")
        #expect(request.headers["Host"] == "127.0.0.1:9001")
        #expect(request.headers["X-Amz-Invocation-Type"] == "RequestResponse")
        #expect(request.timeout == .milliseconds(3000))
        let event = try JSONParser.parse(request.body)
        #expect(event["resource"] == .string("/fn"))
        #expect(event["requestContext"]?["requestId"] == .string(F.identifiers.requestId))
    }

    static func respond(status: Int = 200, headers: [(String, String)] = [], _ payload: String, accept: String? = nil,
                        binary: [String]? = nil) throws -> Result<HTTPResponse, GatewayError> {
        let request = F.request("GET", "/prod/fn", headers: accept.map { [("Accept", $0)] } ?? [])
        let upstream = UpstreamResponse(status: status, headers: HTTPHeaders(headers), body: Array(payload.utf8))
        return LambdaProxyIntegration.response(.success(upstream), invocation: try Self.invocation(request, binary: binary))
    }

    @Test func mapsAValidResultWithDefaultContentType() throws {
        let response = try Self.respond(#"{"statusCode": 404, "headers": {"X-A": "1", "Server": "fn"}, "body": "missing"}"#).get()
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["X-A"] == "1")
        #expect(response.headers["x-amzn-Remapped-Server"] == "fn")
        #expect(String(decoding: response.body, as: UTF8.self) == "missing")
        let typed = try Self.respond(#"{"headers": {"content-type": "text/html"}}"#).get()
        #expect(typed.headers.values("Content-Type") == ["text/html"])
    }

    @Test func decodesBase64OnlyWhenAcceptIsABinaryMediaType() throws {
        let payload = #"{"body": "UE5HIQ==", "isBase64Encoded": true}"#
        let decoded = try Self.respond(payload, accept: "image/png", binary: ["image/png"]).get()
        #expect(decoded.body == Array("PNG!".utf8))
        let asText = try Self.respond(payload, accept: "application/json", binary: ["image/png"]).get()
        #expect(asText.body == Array("UE5HIQ==".utf8))
    }

    @Test func functionErrorsAndMalformedResultsAre502() throws {
        #expect(try Self.respond(headers: [("X-Amz-Function-Error", "Unhandled")], #"{"errorMessage":"boom"}"#) == .failure(.lambdaMalformed))
        #expect(try Self.respond(headers: [("X-Amz-Function-Error", "Handled")], #"{"statusCode":200}"#) == .failure(.lambdaMalformed))
        #expect(try Self.respond(#"{"statusCode": 200, "unexpected": true}"#) == .failure(.lambdaMalformed))
        #expect(try Self.respond("") == .failure(.lambdaMalformed))
        #expect(try Self.respond(#"{"body": "!!notbase64", "isBase64Encoded": true}"#, accept: "image/png", binary: ["image/png"]) == .failure(.lambdaMalformed))
    }

    @Test func lambdaServiceErrorsAre500AndTimeoutsAre504() throws {
        #expect(try Self.respond(status: 404, #"{"Type":"User","message":"Function not found"}"#) == .failure(.internalServerError))
        #expect(try Self.respond(status: 429, #"{"message":"Rate exceeded"}"#) == .failure(.internalServerError))
        let invocation = try Self.invocation()
        #expect(LambdaProxyIntegration.response(.failure(.timeout), invocation: invocation) == .failure(.integrationTimeout))
        #expect(LambdaProxyIntegration.response(.failure(.connectionFailed("refused")), invocation: invocation) == .failure(.lambdaMalformed))
    }

    @Test func aResponseTheNodeHasNoMemoryForIs503() throws {
        let invocation = try Self.invocation()
        #expect(LambdaProxyIntegration.response(.failure(.overloaded), invocation: invocation) == .failure(.serviceUnavailable))
    }
}
