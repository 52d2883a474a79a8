import Testing
@testable import Shared

/// `selectionPattern` of Lambda custom (AWS) integrations: matched against the function's
/// `errorMessage` (empty for a success), whole match, first by status code, then the default.
@Suite struct LambdaErrorSelectionTests {
    static let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"

    static func table(_ responses: [String: String?]) throws -> IntegrationResponseTable {
        let integration = Integration(type: "AWS", httpMethod: "POST", uri: uri, integrationResponses: responses.reduce(into: [:]) { result, entry in
            result[entry.key] = IntegrationResponse(statusCode: entry.key, selectionPattern: entry.value)
        })
        let content = CompileFixtures.content([("/a", ["GET": CompileFixtures.method("GET", integration)])])
        return try CompileFixtures.compileOne(content).routes[0].integration.responses
    }

    @Test(arguments: [
        ("", 200),                                   // success: no error message
        ("Malformed input ...", 400),
        ("Malformed", 400),
        ("Not found: user 7", 404),
        ("not found: user 7", 200),                  // case-sensitive
        ("Internal error: Not found: x", 500),       // whole match: `Not found.*` does not match
        ("timeout", 200),                            // no pattern matches → default
        ("400", 200),                                // status digits are not a status here
    ])
    func selectsByWholeMatchOfTheErrorMessageThenDefault(message: String, expected: Int) throws {
        let table = try Self.table(["200": nil, "400": "Malformed.*", "404": "Not found.*", "500": "Internal error.*"])
        #expect(table.select(errorMessage: message)?.statusCode == expected)
    }

    @Test func dotPlusSelectsErrorsOnlyAndNoDefaultSelectsNothing() throws {
        let table = try Self.table(["502": ".+"])
        #expect(table.select(errorMessage: "boom")?.statusCode == 502)
        #expect(table.select(errorMessage: "") == nil)
        // Java's `.` does not match a line terminator either.
        #expect(table.select(errorMessage: "line one\nline two") == nil)
    }

    @Test func compilesTheLambdaFunctionAsTarget() throws {
        let content = CompileFixtures.content([("/a", ["GET": CompileFixtures.method("GET", Integration(type: "AWS", httpMethod: "POST", uri: Self.uri))])])
        let integration = try CompileFixtures.compileOne(content).routes[0].integration
        #expect(integration.kind == .aws)
        #expect(integration.target == .lambda(function: "arn:aws:lambda:us-east-1:123456789012:function:f"))
    }

    static let ref = CompileError.MethodRef(resourcePath: "/a", httpMethod: "GET")

    @Test(arguments: [
        (Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:ec2:path/x"),
         CompileError.unsupportedIntegration(ref, reason: "AWS service integrations for service 'ec2' are not supported by Tollgate (supported: dynamodb, kinesis, s3, sns, sqs, states)")),
        (Integration(type: "AWS", httpMethod: "GET", uri: "arn:aws:apigateway:us-east-1:s3:action/GetObject&Bucket=b&Key=k"),
         .unsupportedIntegration(ref, reason: "Action-style AWS integrations for service 's3' are not supported by Tollgate; use its path style (…:s3:path/…)")),
        (Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"),
         .invalidLambdaUri(ref, uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/")),
        (Integration(type: "AWS", httpMethod: "POST", uri: uri, requestParameters: ["integration.request.header.X-Amz-Invocation-Type": "'Event'"]),
         .unsupportedIntegration(ref, reason: "requestParameters on Lambda custom (AWS) integrations are not supported by Tollgate")),
        (Integration(type: "AWS", httpMethod: "POST", uri: uri, integrationResponses: ["400": IntegrationResponse(statusCode: "400", selectionPattern: "Bad(")]),
         .invalidSelectionPattern(ref, statusCode: "400", pattern: "Bad(")),
    ])
    func refusesWhatItCannotServe(integration: Integration, expected: CompileError) {
        #expect(throws: expected) {
            try SnapshotCompiler.validate(CompileFixtures.content([("/a", ["GET": CompileFixtures.method("GET", integration)])]))
        }
    }
}
