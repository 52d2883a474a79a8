import Testing
@testable import Shared

/// AWS service integration URIs: what each style and service compiles to, and what is refused.
@Suite struct AWSServiceTargetTests {
    @Test(arguments: [
        ("arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", "sqs", nil, "/123456789012/orders", nil, nil),
        ("arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem", "dynamodb", nil, "/", "Action=PutItem", "DynamoDB_20120810.PutItem"),
        ("arn:aws:apigateway:us-east-1:states:action/StartExecution", "states", nil, "/", "Action=StartExecution", "AWSStepFunctions.StartExecution"),
        ("arn:aws:apigateway:us-east-1:kinesis:action/PutRecord", "kinesis", nil, "/", "Action=PutRecord", "Kinesis_20131202.PutRecord"),
        ("arn:aws:apigateway:us-east-1:sns:action/Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At", "sns", nil, "/",
         "Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At", nil),
        ("arn:aws:apigateway:us-west-2:my.bucket.s3:path/folder/file.txt", "s3", "my.bucket", "/folder/file.txt", nil, nil),
    ] as [(String, String, String?, String, String?, String?)])
    func parsesTheServiceTheStyleAndWhatTheRequestCarries(uri: String, service: String, subdomain: String?, path: String,
                                                           query: String?, amzTarget: String?) throws {
        let target = try AWSServiceTarget.parse(uri)
        #expect(target.service == service)
        #expect(target.subdomain == subdomain)
        #expect(target.pathPieces == [.literal(path)])
        #expect(target.query == query)
        #expect(target.amzTarget == amzTarget)
    }

    @Test func thePathStyleKeepsPlaceholdersAndTheRegionScopesTheHost() throws {
        let target = try AWSServiceTarget.parse("arn:aws:apigateway:ap-south-1:s3:path/{bucket}/{key}")
        #expect(target.pathPieces == [.literal("/"), .parameter("bucket"), .literal("/"), .parameter("key")])
        #expect(target.region == "ap-south-1")
        #expect(target.awsHost == "s3.ap-south-1.amazonaws.com")
    }

    @Test(arguments: [
        ("arn:aws:apigateway:us-east-1:ec2:action/RunInstances", AWSServiceTarget.Failure.unsupportedService("ec2")),
        ("arn:aws:apigateway:us-east-1:s3:action/GetObject", .unsupportedActionStyle("s3")),
        ("arn:aws:apigateway:us-east-1:sqs:action/", .malformed),
        ("arn:aws:apigateway:us-east-1:sqs:action/Send Message", .malformed),
        ("arn:aws:apigateway:us-east-1:sqs:path/", .malformed),
        ("arn:aws:apigateway:us-east-1:sqs:path/a b", .malformed),
        ("arn:aws:apigateway::sqs:path/1/q", .malformed),
        ("arn:aws:apigateway:us-east-1:sqs:other/1/q", .malformed),
        ("arn:aws:iam::123456789012:role/x", .malformed),
        ("arn:aws:apigateway:us-east-1:data.sqs:path/1/q", .unsupportedSubdomain("sqs")),
    ])
    func refusesWhatCannotBeServed(uri: String, failure: AWSServiceTarget.Failure) {
        #expect(throws: failure) { try AWSServiceTarget.parse(uri) }
    }

    @Test func theCompilerKeepsTheTargetTheRoleAndStatusSelection() throws {
        let integration = Integration(
            type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:${stageVariables.region}:sqs:path/123456789012/q",
            credentials: "arn:aws:iam::123456789012:role/${stageVariables.role}",
            requestParameters: ["integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"],
            integrationResponses: ["200": IntegrationResponse(statusCode: "200"),
                                   "400": IntegrationResponse(statusCode: "400", selectionPattern: "4\\d{2}")])
        let content = CompileFixtures.content([("/a", ["POST": CompileFixtures.method("POST", integration)])])
        try SnapshotCompiler.validate(content)
        let compiled = try CompileFixtures.compileOne(content, stage: CompileFixtures.stage("prod", variables: ["region": "eu-west-1", "role": "sender"]))
            .routes[0].integration
        guard case .awsService(let target) = compiled.target else {
            Issue.record("expected an AWS service target, got \(compiled.target)")
            return
        }
        #expect(target.region == "eu-west-1")
        #expect(compiled.credentials == "arn:aws:iam::123456789012:role/sender")
        #expect(compiled.requestParameters.count == 1)
        // `selectionPattern` is matched against the status code for AWS services, as for HTTP.
        #expect(compiled.responses.select(status: 404)?.statusCode == 400)
        #expect(compiled.responses.select(status: 200)?.statusCode == 200)
    }

    @Test func aRoleStageVariablesLeaveEmptyStaysUnresolvedSoItMapsToNoKeys() throws {
        let integration = Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sqs:path/1/q",
                                      credentials: "${stageVariables.role}")
        let content = CompileFixtures.content([("/a", ["POST": CompileFixtures.method("POST", integration)])])
        let compiled = try CompileFixtures.compileOne(content, stage: CompileFixtures.stage("prod", variables: [:])).routes[0].integration
        #expect(compiled.credentials == "${stageVariables.role}")
    }

    @Test func httpIntegrationsCarryNoCredentials() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x", credentials: "arn:aws:iam::123456789012:role/r")
        let compiled = try CompileFixtures.compileOne(CompileFixtures.content([("/a", ["GET": CompileFixtures.method("GET", integration)])]))
        #expect(compiled.routes[0].integration.credentials == nil)
    }
}
