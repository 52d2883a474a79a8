import Testing
@testable import Shared

@Suite struct HTTPEndpointTests {
    @Test func parsesHostPortPathAndQuery() throws {
        let endpoint = try #require(HTTPEndpoint.parse("http://backend.local:8080/v1/{id}/items?debug=1&x={y}"))
        #expect(!endpoint.isTLS)
        #expect(endpoint.host == "backend.local")
        #expect(endpoint.port == 8080)
        #expect(endpoint.hostHeader == "backend.local:8080")
        #expect(endpoint.path == [.literal("/v1/"), .parameter("id"), .literal("/items")])
        #expect(endpoint.query == "debug=1&x={y}")
        #expect(endpoint.pathParameterNames == ["id"])
    }

    @Test(arguments: [
        ("https://example.com", true, "example.com", 443, "example.com", "/"),
        ("HTTP://Example.com/", false, "Example.com", 80, "Example.com", "/"),
        ("http://127.0.0.1:9000/x#frag", false, "127.0.0.1", 9000, "127.0.0.1:9000", "/x"),
        ("http://[::1]:8080/y", false, "::1", 8080, "[::1]:8080", "/y"),
        ("https://h:443/", true, "h", 443, "h", "/"),
    ])
    func defaultsPortsAndBuildsHostHeaders(uri: String, tls: Bool, host: String, port: Int, hostHeader: String, firstPiece: String) throws {
        let endpoint = try #require(HTTPEndpoint.parse(uri))
        #expect(endpoint.isTLS == tls)
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
        #expect(endpoint.hostHeader == hostHeader)
        #expect(endpoint.path.first == .literal(firstPiece))
    }

    @Test(arguments: ["", "example.com", "ftp://x", "http://", "http://:80/", "http://u:p@x/", "http://x:0/", "http://x:abc/",
                      "http://x y/", "http://x/a b", "http://x/{}", "http://x/}", "http://[::1/", "http://ex_ample.com/{a+}"])
    func rejectsUnusableUris(uri: String) {
        #expect(HTTPEndpoint.parse(uri) == nil)
    }
}

@Suite struct StageVariableTemplateTests {
    @Test func substitutesEveryReference() {
        #expect(StageVariableTemplate.substitute("http://${stageVariables.host}:${stageVariables.port}/x", variables: ["host": "h", "port": "81"])
            == "http://h:81/x")
        #expect(StageVariableTemplate.substitute("http://${stageVariables.missing}/x", variables: [:]) == "http:///x")
        #expect(StageVariableTemplate.substitute("a${stageVariables.v}b", variables: ["v": "1"], placeholder: "P") == "aPb")
        #expect(StageVariableTemplate.substitute("plain", variables: [:]) == "plain")
    }

    @Test(arguments: ["${stageVariables.open", "${stageVariables.}", "${stageVariables.a b}"])
    func rejectsMalformedReferences(text: String) {
        #expect(StageVariableTemplate.substitute(text, variables: [:]) == nil)
    }
}

@Suite struct LambdaFunctionURITests {
    @Test(arguments: [
        ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:hello/invocations",
         "arn:aws:lambda:us-east-1:123456789012:function:hello"),
        ("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:hello:live/invocations",
         "arn:aws:lambda:eu-west-1:123456789012:function:hello:live"),
        ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/hello/invocations", "hello"),
    ])
    func extractsTheFunction(uri: String, function: String) {
        #expect(LambdaFunctionURI.functionName(in: uri) == function)
    }

    @Test(arguments: ["", "http://x", "arn:aws:apigateway:us-east-1:s3:path/b/k",
                      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions//invocations",
                      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f"])
    func rejectsOtherUris(uri: String) {
        #expect(LambdaFunctionURI.functionName(in: uri) == nil)
    }
}
