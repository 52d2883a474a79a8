import Testing
@testable import DataPlane
@testable import Shared

/// Payload 2.0 Lambda results: the structured form, the inferred form, and what is malformed.
@Suite struct HttpApiLambdaResultTests {
    static func parse(_ text: String) -> HttpApiLambdaResult? {
        try? HttpApiLambdaResult.parse(Array(text.utf8)).get()
    }

    @Test func structuredResponseWithHeadersCookiesAndBase64Body() throws {
        let result = try #require(Self.parse(#"{"statusCode":"201","headers":{"X-A":"1","X-N":2,"X-B":true},"cookies":["a=1"],"body":"aGk=","isBase64Encoded":true}"#))
        #expect(result.statusCode == 201)
        #expect(result.headers.map(\.name) == ["X-A", "X-N", "X-B"] && result.headers.map(\.values) == [["1"], ["2"], ["true"]])
        #expect(result.cookies == ["a=1"] && result.body == Array("hi".utf8))
    }

    @Test(arguments: [#"{"plain":true}"#, #""just text""#, "42", "[1,2]"])
    func validJsonWithoutStatusCodeIsTheBody(_ payload: String) throws {
        let result = try #require(Self.parse(payload))
        #expect(result.statusCode == 200 && result.body == Array(payload.utf8))
        #expect(result.headers.first?.name == "Content-Type" && result.headers.first?.values == ["application/json"])
    }

    @Test(arguments: ["", "not json", #"{"statusCode":700}"#, #"{"statusCode":"x"}"#, #"{"statusCode":200,"headers":[]}"#,
                      #"{"statusCode":200,"cookies":[1]}"#, #"{"statusCode":200,"body":1}"#, #"{"statusCode":200,"isBase64Encoded":"yes"}"#,
                      #"{"statusCode":200,"body":"%%%","isBase64Encoded":true}"#])
    func malformedResultsAreRefused(_ payload: String) {
        #expect(Self.parse(payload) == nil)
    }

    @Test func failuresMapToHttpApiErrors() {
        let timeout = HttpApiLambdaIntegration.answer(.failure(.timeout), version: "2.0").0
        #expect(timeout == .failure(.integrationTimeout))
        #expect(GatewayError.integrationTimeout.httpApiResponse.status == 503)
        #expect(GatewayError.integrationTimeout.httpApiResponse.body == Array(#"{"message":"Service Unavailable"}"#.utf8))
        let functionError = HttpApiLambdaIntegration.answer(.success(UpstreamResponse(status: 200, headers: ["X-Amz-Function-Error": "Unhandled"],
                                                                                      body: Array("{}".utf8))), version: "2.0").0
        #expect(functionError == .failure(.lambdaMalformed))
        #expect(GatewayError.lambdaMalformed.httpApiResponse.status == 500)
        #expect(GatewayError.lambdaMalformed.httpApiResponse.body == Array(#"{"message":"Internal Server Error"}"#.utf8))
        #expect(GatewayError.missingAuthenticationToken.httpApiResponse.body == Array(#"{"message":"Not Found"}"#.utf8))
        #expect(GatewayError.missingAuthenticationToken.httpApiResponse.headers["x-amzn-ErrorType"] == nil)
    }

    @Test func version1ResultsAreReadByRestRulesAndDecodeBase64() throws {
        let ok = HttpApiLambdaIntegration.answer(.success(UpstreamResponse(status: 200, body: Array(#"{"statusCode":204,"body":"aGk=","isBase64Encoded":true}"#.utf8))),
                                                 version: "1.0").0
        let response = try ok.get()
        #expect(response.status == 204 && response.body == Array("hi".utf8))
        // REST's rules: an unknown key is malformed in 1.0 (not in 2.0, where it is simply the body).
        let extra = HttpApiLambdaIntegration.answer(.success(UpstreamResponse(status: 200, body: Array(#"{"foo":1}"#.utf8))), version: "1.0").0
        #expect(extra == .failure(.lambdaMalformed))
    }
}
