import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// AWS service integrations: the request AWS builds for each style (action / path, query / JSON
/// protocol), signed with the integration's role, and the answer mapped by status.
@Suite struct AWSServiceIntegrationTests {
    typealias F = PipelineFixtures
    static let role = "arn:aws:iam::123456789012:role/apigw"
    static let keys = SigV4Credentials(accessKeyId: "AKIDROLE", secretAccessKey: "role-secret")
    static let endpoint = LambdaEndpoint(url: "http://127.0.0.1:5000")!

    static func invocation(_ integration: Integration, _ request: HTTPRequest, verb: String = "POST") throws -> Invocation {
        let content = F.content([("/items", [verb: F.method(verb, integration, responses: ["200", "400"])])])
        return try F.invocation(try F.snapshot(content), request)
    }

    static func run(_ invocation: Invocation, store: AWSCredentialStore = AWSCredentialStore(roles: [role: keys]),
                    answer: UpstreamResponse = UpstreamResponse(status: 200), log: @escaping @Sendable (String) -> Void = { _ in })
        throws -> (RecordingInvoker, Result<HTTPResponse, GatewayError>?) {
        guard case .awsService(let target) = invocation.route.integration.target else { throw F.FixtureError.notRouted }
        let invoker = RecordingInvoker(.success(answer))
        let step = AWSServiceIntegration(target: target, endpoint: AWSServiceIntegration.endpoint(for: target, override: endpoint),
                                         invoker: invoker, renderer: MappingTemplateRenderer(log: { _ in }),
                                         signer: AWSRequestSigner(credentials: store, log: log))
        let result = Mutex<Result<HTTPResponse, GatewayError>?>(nil)
        step.run(invocation) { outcome in result.withLock { $0 = outcome } }
        return (invoker, result.withLock { $0 })
    }

    static let putItem = Integration(
        type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem", credentials: role,
        requestTemplates: ["application/json": #"{"TableName": "items", "Item": {"id": {"S": "$input.path('$.id')"}}}"#],
        integrationResponses: [
            "200": IntegrationResponse(statusCode: "200"),
            "400": IntegrationResponse(statusCode: "400", selectionPattern: "4\\d{2}",
                                       responseTemplates: ["application/json": #"{"error": "$input.path('$.__type')"}"#]),
        ])

    static func post(_ body: String) -> HTTPRequest {
        F.request("POST", "/prod/items", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    @Test func actionStyleJSONServiceGetsTheTargetHeaderAndTheAmzJSONContentType() throws {
        let (invoker, result) = try Self.run(try Self.invocation(Self.putItem, Self.post(#"{"id": "42"}"#)))
        #expect(try #require(result).get().status == 200)
        let request = try #require(invoker.requests.first)
        #expect(request.method == .POST)
        #expect(request.host == "127.0.0.1" && request.port == 5000)
        #expect(request.target == "/?Action=PutItem")
        #expect(request.headers["Host"] == "127.0.0.1:5000")
        #expect(request.headers["X-Amz-Target"] == "DynamoDB_20120810.PutItem")
        #expect(request.headers["Content-Type"] == "application/x-amz-json-1.0")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"TableName": "items", "Item": {"id": {"S": "42"}}}"#)
        let authorization = try #require(request.headers["Authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDROLE/20200304/eu-west-1/dynamodb/aws4_request"))
        #expect(authorization.contains("x-amz-target"))
    }

    @Test func theStatusSelectsTheIntegrationResponse() throws {
        let answer = UpstreamResponse(status: 400, headers: HTTPHeaders([("Content-Type", "application/x-amz-json-1.0")]),
                                      body: Array(#"{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"}"#.utf8))
        let (_, result) = try Self.run(try Self.invocation(Self.putItem, Self.post(#"{"id": "1"}"#)), answer: answer)
        let response = try #require(result).get()
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"}"#)
    }

    @Test func theReportCarriesTheServicesStatusAndRequestIdForTheAccessLog() throws {
        let invocation = try Self.invocation(Self.putItem, Self.post(#"{"id": "1"}"#))
        guard case .awsService(let target) = invocation.route.integration.target else { throw F.FixtureError.notRouted }
        let answer = UpstreamResponse(status: 400, headers: HTTPHeaders([("x-amzn-RequestId", "ddb-req-1")]), body: Array(#"{"__type": "x"}"#.utf8))
        let step = AWSServiceIntegration(target: target, endpoint: AWSServiceIntegration.endpoint(for: target, override: Self.endpoint),
                                         invoker: RecordingInvoker(.success(answer)), renderer: MappingTemplateRenderer(log: { _ in }),
                                         signer: AWSRequestSigner(credentials: AWSCredentialStore(roles: [Self.role: Self.keys]), log: { _ in }))
        let reported = Mutex<IntegrationReport?>(nil)
        step.run(invocation) { _, report in reported.withLock { $0 = report } }
        let report = try #require(reported.withLock { $0 })
        #expect(report.endpoint == .awsService && report.status == 400 && report.integrationStatus == 400)
        #expect(report.requestId == "ddb-req-1" && report.errorMessage == nil, "the service answered: no integration error")
    }

    @Test func pathStyleQueryServiceSendsThePathAsGivenWithMappedParameters() throws {
        let integration = Integration(
            type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", credentials: Self.role,
            requestParameters: ["integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"],
            requestTemplates: ["application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"],
            integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let (invoker, result) = try Self.run(try Self.invocation(integration, Self.post(#"{"n":1}"#)))
        #expect(try #require(result).get().status == 200)
        let request = try #require(invoker.requests.first)
        #expect(request.target == "/123456789012/orders")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["X-Amz-Target"] == nil)
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=SendMessage&MessageBody=%7B%22n%22%3A1%7D")
        #expect(request.headers["Authorization"]?.contains("/us-east-1/sqs/aws4_request") == true)
    }

    @Test func actionStyleGETPutsTheActionAndTheURIParametersInTheQueryAndSendsNoBody() throws {
        let integration = Integration(
            type: "AWS", httpMethod: "GET", uri: "arn:aws:apigateway:us-east-1:sqs:action/ReceiveMessage&QueueUrl=http%3A%2F%2Fq%2F1",
            credentials: Self.role,
            requestParameters: ["integration.request.querystring.MaxNumberOfMessages": "method.request.querystring.max"],
            integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let request = F.request("GET", "/prod/items?max=3", headers: [("Content-Type", "application/json")], body: [])
        let (invoker, _) = try Self.run(try Self.invocation(integration, request, verb: "GET"))
        let sent = try #require(invoker.requests.first)
        #expect(sent.method == .GET)
        #expect(sent.target == "/?Action=ReceiveMessage&QueueUrl=http%3A%2F%2Fq%2F1&MaxNumberOfMessages=3")
        #expect(sent.body.isEmpty)
        #expect(sent.headers["Content-Type"] == nil)
    }

    @Test func anUnmappedRoleFailsClosedWithoutACall() throws {
        var integration = Self.putItem
        integration.credentials = "arn:aws:iam::123456789012:role/nobody"
        let lines = Mutex<[String]>([])
        let (invoker, result) = try Self.run(try Self.invocation(integration, Self.post(#"{"id": "1"}"#)),
                                             log: { line in lines.withLock { $0.append(line) } })
        #expect(invoker.requests.isEmpty)
        #expect(result?.failure == .internalServerError)
        #expect(lines.withLock { $0 }.contains { $0.contains("arn:aws:iam::123456789012:role/nobody") })
    }

    @Test func withoutKeysTheCallGoesUnsigned() throws {
        let (invoker, _) = try Self.run(try Self.invocation(Self.putItem, Self.post(#"{"id": "1"}"#)), store: .none)
        let request = try #require(invoker.requests.first)
        #expect(request.headers["Authorization"] == nil)
        #expect(request.headers["X-Amz-Target"] == "DynamoDB_20120810.PutItem")
    }

    @Test func withoutAnEndpointOverrideTheServiceIsCalledOnItsAWSHostOverHTTPS() throws {
        let target = try AWSServiceTarget.parse("arn:aws:apigateway:eu-west-1:mybucket.s3:path/key.txt")
        let endpoint = AWSServiceIntegration.endpoint(for: target, override: nil)
        #expect(endpoint.isTLS && endpoint.port == 443)
        #expect(endpoint.host == "mybucket.s3.eu-west-1.amazonaws.com" && endpoint.hostHeader == endpoint.host)
        #expect(endpoint.path == [.literal("/key.txt")])
        let based = AWSServiceIntegration.endpoint(for: target, override: LambdaEndpoint(url: "http://127.0.0.1:4566/base/")!)
        #expect(based.path == [.literal("/base/mybucket/key.txt")] && !based.isTLS && based.hostHeader == "127.0.0.1:4566")
    }
}
