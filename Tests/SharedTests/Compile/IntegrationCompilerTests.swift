import Testing
@testable import Shared

@Suite struct IntegrationCompilerTests {
    typealias F = CompileFixtures
    static let ref = CompileError.MethodRef(resourcePath: "/a", httpMethod: "GET")

    static func validate(_ integration: Integration?, verb: String = "GET") throws {
        try SnapshotCompiler.validate(F.content([("/a", [verb: F.method(verb, integration)])]))
    }

    @Test(arguments: [
        (Integration?.none, CompileError.noIntegration(ref)),
        (Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:ec2:action/RunInstances"),
         .unsupportedIntegration(ref, reason: "AWS service integrations for service 'ec2' are not supported by Tollgate (supported: dynamodb, kinesis, s3, sns, sqs, states)")),
        (Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sqs:path/1/q", credentials: "arn:aws:iam::*:user/*"),
         .unsupportedIntegration(ref, reason: "Integration credentials arn:aws:iam::*:user/* (call with the caller's own credentials) are not supported by Tollgate; name an IAM role mapped in the nodes' --aws-credentials file")),
        (Integration(type: "HTTP_PROXY", httpMethod: nil, uri: "http://x"), .missingIntegrationHttpMethod(ref)),
        (Integration(type: "HTTP", httpMethod: "FETCH", uri: "http://x"), .invalidIntegrationHttpMethod(ref, method: "FETCH")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "ftp://x"), .invalidHttpEndpoint(ref, uri: "ftp://x")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x:99999/"), .invalidHttpEndpoint(ref, uri: "http://x:99999/")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http:///path"), .invalidHttpEndpoint(ref, uri: "http:///path")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x/{unclosed"), .invalidHttpEndpoint(ref, uri: "http://x/{unclosed")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://${stageVariables.host/x"),
         .invalidStageVariableReference(ref, text: "http://${stageVariables.host/x")),
        (Integration(type: "AWS_PROXY", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:s3:path/bucket"),
         .invalidLambdaUri(ref, uri: "arn:aws:apigateway:us-east-1:s3:path/bucket")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x", timeoutInMillis: 10), .invalidTimeout(ref, millis: 10)),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x", requestParameters: ["integration.request.body.x": "'v'"]),
         .invalidMappingTarget(ref, parameter: "integration.request.body.x")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x", requestParameters: ["integration.request.header.X": "method.request.nowhere.y"]),
         .invalidMappingExpression(ref, parameter: "integration.request.header.X", expression: "method.request.nowhere.y")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x", requestParameters: ["integration.request.header.X": "integration.response.header.y"]),
         .invalidMappingExpression(ref, parameter: "integration.request.header.X", expression: "integration.response.header.y")),
        (Integration(type: "MOCK", integrationResponses: ["200": IntegrationResponse(statusCode: "200", selectionPattern: "(")]),
         .invalidSelectionPattern(ref, statusCode: "200", pattern: "(")),
        (Integration(type: "MOCK", integrationResponses: ["2000": IntegrationResponse(statusCode: "2000")]), .invalidStatusCode(ref, statusCode: "2000")),
        (Integration(type: "MOCK", integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseParameters: ["method.response.body": "'x'"])]),
         .invalidMappingTarget(ref, parameter: "method.response.body")),
        (Integration(type: "MOCK", integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseParameters: ["method.response.header.X": "method.request.path.x"])]),
         .invalidMappingExpression(ref, parameter: "method.response.header.X", expression: "method.request.path.x")),
        (Integration(type: "MOCK", integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseParameters: ["method.response.header.X": "'a\r\nInjected: 1'"])]),
         .invalidMappingExpression(ref, parameter: "method.response.header.X", expression: "'a\r\nInjected: 1'")),
        (Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://x", connectionType: "VPC_LINK"),
         .unsupportedIntegration(ref, reason: "connectionId is required when connectionType is VPC_LINK")),
        (Integration(type: "MOCK", connectionType: "VPC_LINK", connectionId: "abc123"),
         .unsupportedIntegration(ref, reason: "connectionType VPC_LINK is only supported on HTTP and HTTP_PROXY integrations")),
    ])
    func rejectsIntegrationsThatCannotBeServed(integration: Integration?, expected: CompileError) {
        #expect(throws: expected) { try Self.validate(integration) }
    }

    @Test func rejectsUnknownVerbsOnMethods() {
        #expect(throws: CompileError.invalidHttpMethod(resourcePath: "/a", method: "FETCH")) {
            try Self.validate(F.proxy("http://x"), verb: "FETCH")
        }
    }

    @Test func awsProxyWithAVerbOtherThanPostCompilesToAConfigurationError() throws {
        let stage = try F.compileOne(F.content([("/a", ["GET": F.method("GET", Integration(
            type: "AWS_PROXY", httpMethod: "GET",
            uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"))])]))
        guard case .misconfigured = stage.routes[0].integration.target else {
            Issue.record("expected misconfigured, got \(stage.routes[0].integration.target)")
            return
        }
    }

    @Test func resolvesLambdaFunctionsWithStageVariables() throws {
        let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations"
        let content = F.content([("/a", ["POST": F.method("POST", Integration(type: "AWS_PROXY", httpMethod: "POST", uri: uri))])])
        try SnapshotCompiler.validate(content)
        let stage = try F.compileOne(content, stage: F.stage("prod", variables: ["fn": "orders:live"]))
        #expect(stage.routes[0].integration.target == .lambda(function: "arn:aws:lambda:us-east-1:123456789012:function:orders:live"))
    }

    @Test(arguments: [(nil, true), ("CONVERT_TO_TEXT", true), ("CONVERT_TO_BINARY", false)] as [(String?, Bool)])
    func lambdaProxyRefusesConvertToBinary(handling: String?, accepted: Bool) {
        let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations"
        let integration = Integration(type: "AWS_PROXY", httpMethod: "POST", uri: uri, contentHandling: handling)
        let message = SnapshotCompiler.validationMessage(for: F.content([("/a", ["POST": F.method("POST", integration)])]))
        #expect((message == nil) == accepted)
        if !accepted { #expect(message?.contains("CONVERT_TO_BINARY") == true) }
    }

    @Test func compilesMappingsAndTemplatesAndMockStatus() throws {
        let integration = Integration(
            type: "MOCK",
            requestParameters: ["integration.request.header.X-Id": "context.requestId", "integration.request.querystring.q": "'static'"],
            requestTemplates: ["application/json": "{\"statusCode\" : 201}", "Text/Plain": "{\"statusCode\": 99}"],
            passthroughBehavior: "NEVER",
            integrationResponses: [
                "201": IntegrationResponse(statusCode: "201", responseParameters: ["method.response.header.X-A": "'b'"],
                                           responseTemplates: ["application/json": "{\"ok\":true}"]),
            ])
        let compiled = try F.compileOne(F.content([("/a", ["GET": F.method("GET", integration, responses: ["201"])])])).routes[0].integration
        #expect(compiled.kind == .mock)
        #expect(compiled.passthroughBehavior == .never)
        #expect(compiled.requestParameters == [
            RequestParameterMapping(target: .header("X-Id"), source: .context("requestId")),
            RequestParameterMapping(target: .querystring("q"), source: .literal("static")),
        ])
        #expect(compiled.requestTemplates.map(\.contentType) == ["application/json", "text/plain"])
        #expect(compiled.requestTemplates.map(\.mockStatusCode) == [201, nil])
        #expect(compiled.responses.select(status: 201)?.responseParameters == [ResponseParameterMapping(header: "X-A", source: .literal("b"))])
    }

    @Test func templatesAreCompiledOnceAndStaticOnesSkipTheEngine() throws {
        let integration = Integration(
            type: "MOCK",
            requestTemplates: ["application/json": #"{"statusCode": 200}"#, "text/plain": #"#set($s = 201){"statusCode": $s}"#],
            integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "$input.body", "text/html": "<p/>"])])
        let compiled = try F.compileOne(F.content([("/a", ["GET": F.method("GET", integration)])])).routes[0].integration
        #expect(compiled.requestTemplates.map { $0.template.staticOutput != nil } == [true, false])
        #expect(compiled.requestTemplates.map { $0.template.program != nil } == [false, true])
        // A dynamic MOCK template's status is read from its output per request, not guessed.
        #expect(compiled.requestTemplates.map(\.mockStatusCode) == [200, nil])
        let templates = compiled.responses.select(status: 200)?.responseTemplates ?? []
        #expect(templates.map(\.contentType) == ["application/json", "text/html"])
        #expect(templates.map { $0.program != nil } == [true, false])
    }

    @Test(arguments: [
        (#"#if($a"#, "request"),
        (#"{"a": #set($x = )}"#, "request"),
        ("#foreach($x in $y)no end", "response"),
    ])
    func aTemplateThatDoesNotCompileIsADeploymentError(template: String, side: String) {
        var integration = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                      integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        if side == "request" {
            integration.requestTemplates = ["Application/JSON": template]
        } else {
            integration.integrationResponses = ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": template])]
        }
        let content = F.content([("/a", ["GET": F.method("GET", integration)])])
        let message = SnapshotCompiler.validationMessage(for: content)
        #expect(message?.hasPrefix("Invalid mapping template specified for content type ") == true, "\(message ?? "accepted")")
        #expect(message?.contains("at line 1, column") == true)
        #expect(throws: CompileError.self) { try F.compileOne(content) }
    }

    @Test func bodyJSONPathMappingsAreParsedAtCompileTime() throws {
        let integration = Integration(type: "HTTP", httpMethod: "POST", uri: "http://example.com/x",
                                      requestParameters: ["integration.request.header.X-Name": "method.request.body.customer.name"],
                                      integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseParameters: [
                                          "method.response.header.X-Id": "integration.response.body.order.id"])])
        let compiled = try F.compileOne(F.content([("/a", ["POST": F.method("POST", integration)])])).routes[0].integration
        #expect(compiled.requestParameters.first?.bodyPath == (try VTLJSONPath("customer.name")))
        #expect(compiled.responses.select(status: 200)?.responseParameters.first?.bodyPath == (try VTLJSONPath("order.id")))
        var broken = integration
        broken.requestParameters = ["integration.request.header.X-Name": "method.request.body.a[?(@.b)]"]
        #expect(SnapshotCompiler.validationMessage(for: F.content([("/a", ["POST": F.method("POST", broken)])]))?
            .contains("Invalid mapping expression specified") == true)
    }

    @Test(arguments: [
        ("application/json", CompiledIntegration.PassthroughBehavior.whenNoMatch, "template"),
        ("application/json; charset=utf-8", .never, "template"),
        (nil, .never, "template"),
        ("text/xml", .whenNoMatch, "passthrough"),
        ("text/xml", .whenNoTemplates, "415"),
        ("text/xml", .never, "415"),
    ] as [(String?, CompiledIntegration.PassthroughBehavior, String)])
    func choosesRequestBodyByContentTypeAndPassthroughBehavior(contentType: String?, behavior: CompiledIntegration.PassthroughBehavior, expected: String) {
        let integration = CompiledIntegration(
            kind: .http, httpMethod: "POST", target: .mock, requestParameters: [],
            requestTemplates: [.init(template: try! MappingTemplate(contentType: "application/json", source: "{}"), mockStatusCode: nil)],
            passthroughBehavior: behavior, contentHandling: nil, timeoutMillis: 29000, responses: .empty)
        let choice: String
        switch integration.requestBody(forContentType: contentType) {
        case .template: choice = "template"
        case .passthrough: choice = "passthrough"
        case .unsupportedMediaType: choice = "415"
        }
        #expect(choice == expected)
    }

    @Test(arguments: [
        (CompiledIntegration.PassthroughBehavior.whenNoMatch, "passthrough"),
        (.whenNoTemplates, "passthrough"),
        (.never, "415"),
    ])
    func withoutTemplatesOnlyNeverRejects(behavior: CompiledIntegration.PassthroughBehavior, expected: String) {
        let integration = CompiledIntegration(kind: .http, httpMethod: "POST", target: .mock, requestParameters: [], requestTemplates: [],
                                              passthroughBehavior: behavior, contentHandling: nil, timeoutMillis: 29000, responses: .empty)
        let choice: String
        switch integration.requestBody(forContentType: "text/plain") {
        case .template: choice = "template"
        case .passthrough: choice = "passthrough"
        case .unsupportedMediaType: choice = "415"
        }
        #expect(choice == expected)
    }
}
