import Testing
@testable import DataPlane
@testable import Shared

/// The validation phase through the real pipeline: AWS's 400s for missing parameters and bodies
/// that do not match their model, the integration never reached on a refusal, and the parsed body
/// left for later phases.
@Suite struct RequestValidationFilterTests {
    typealias F = PipelineFixtures

    static let petSchema = #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 8}, "tag": {"$ref": "Tag"}}}"#
    static let tagSchema = #"{"type": "string", "enum": ["dog", "cat"]}"#

    static func snapshot(validator: RequestValidator = RequestValidator(id: "rv1", name: "all", validateRequestBody: true,
                                                                        validateRequestParameters: true)) throws -> CompiledSnapshot {
        var method = F.method("POST", F.proxyIntegration("http://backend:8080/pets"))
        method.requestValidatorId = validator.id
        method.requestParameters = ["method.request.querystring.owner": true, "method.request.header.X-Trace": true,
                                    "method.request.path.shop": true, "method.request.querystring.page": false]
        method.requestModels = ["application/json": "Pet", "$default": "Empty"]
        var content = F.content([("/{shop}/pets", ["POST": method]), ("/open", ["POST": F.method("POST", F.proxyIntegration("http://backend:8080/open"))])])
        content.requestValidators = [validator]
        content.models = [Model(id: "m1", name: "Pet", schema: petSchema, contentType: "application/json"),
                          Model(id: "m2", name: "Tag", schema: tagSchema, contentType: "application/json")]
        return try F.snapshot(content)
    }

    static func send(_ target: String, headers: [(String, String)] = [("X-Trace", "t1"), ("Content-Type", "application/json")],
                     body: String, snapshot: CompiledSnapshot, invoker: RecordingInvoker = RecordingInvoker()) -> HTTPResponse {
        RequestPipelineTests.run(F.request("POST", target, headers: headers, body: Array(body.utf8)), snapshot: snapshot, invoker: invoker)
    }

    static func message(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test(arguments: [
        // (target, headers, missing names as AWS lists them: headers, then path, then query string)
        ("/prod/s1/pets?owner=ann", [("X-Trace", "t")], nil),
        ("/prod/s1/pets", [("X-Trace", "t")], "owner"),
        ("/prod/s1/pets?owner=", [("X-Trace", "t")], "owner"),                 // blank counts as missing
        ("/prod/s1/pets?owner=%20", [("X-Trace", "t")], "owner"),
        ("/prod/s1/pets?owner=ann", [], "X-Trace"),
        ("/prod/s1/pets?owner=ann", [("x-trace", "t")], nil),                  // header names are case-insensitive
        ("/prod/s1/pets?Owner=ann", [("X-Trace", "t")], "owner"),              // query names are not
        ("/prod/s1/pets?page=2", [("X-Trace", " ")], "X-Trace, owner"),
    ] as [(String, [(String, String)], String?)])
    func missingOrBlankRequiredParametersAre400WithEveryNameInAWSOrder(target: String, headers: [(String, String)], missing: String?) throws {
        let invoker = RecordingInvoker()
        let response = Self.send(target, headers: headers + [("Content-Type", "application/json")], body: #"{"name": "Rex"}"#,
                                 snapshot: try Self.snapshot(), invoker: invoker)
        if let missing {
            #expect(response.status == 400)
            #expect(Self.message(response) == #"{"message":"Missing required request parameters: [\#(missing)]"}"#)
            #expect(response.headers["x-amzn-ErrorType"] == "BadRequestException")
            #expect(invoker.requests.isEmpty)
        } else {
            #expect(response.status == 200)
            #expect(invoker.requests.count == 1)
        }
    }

    @Test(arguments: [
        // (Content-Type, body, valid)
        ("application/json", #"{"name": "Rex"}"#, true),
        ("application/json", #"{"name": "Rex", "tag": "dog"}"#, true),
        ("application/json", #"{"name": "Rex", "tag": "eel"}"#, false),        // through $ref to the Tag model
        ("application/json", #"{"name": "Rexxxxxxxx"}"#, false),
        ("application/json", #"{"tag": "dog"}"#, false),
        ("application/json", #"{"name": 5}"#, false),
        ("application/json", "{not json", false),
        ("application/json", "", false),                                       // empty is checked as {}: name is required
        ("Application/JSON; charset=utf-8", #"{"name": 5}"#, false),
        ("text/plain", "[1, 2]", false),                                       // $default: Empty wants an object
        ("text/plain", "{}", true),
    ])
    func bodiesAreCheckedAgainstTheModelForTheirContentType(contentType: String, body: String, valid: Bool) throws {
        let invoker = RecordingInvoker()
        let response = Self.send("/prod/s1/pets?owner=ann", headers: [("X-Trace", "t"), ("Content-Type", contentType)], body: body,
                                 snapshot: try Self.snapshot(), invoker: invoker)
        #expect(response.status == (valid ? 200 : 400))
        #expect(invoker.requests.count == (valid ? 1 : 0))
        if !valid {
            #expect(Self.message(response) == #"{"message":"Invalid request body"}"#)
            #expect(response.headers["x-amzn-ErrorType"] == "BadRequestException")
        }
    }

    @Test func parametersAreCheckedBeforeTheBody() throws {
        let response = Self.send("/prod/s1/pets", body: "{not json", snapshot: try Self.snapshot())
        #expect(Self.message(response) == #"{"message":"Missing required request parameters: [owner]"}"#)
    }

    @Test func aValidatorCheckingOnlyOneThingSkipsTheOther() throws {
        let bodyOnly = try Self.snapshot(validator: RequestValidator(id: "rv2", name: "body", validateRequestBody: true))
        #expect(Self.send("/prod/s1/pets", headers: [("Content-Type", "application/json")], body: #"{"name": "Rex"}"#, snapshot: bodyOnly).status == 200)
        let parametersOnly = try Self.snapshot(validator: RequestValidator(id: "rv3", name: "params", validateRequestParameters: true))
        #expect(Self.send("/prod/s1/pets?owner=a", body: "{not json", snapshot: parametersOnly).status == 200)
    }

    @Test func theErrorCarriesItsTypeAndTheValidationString() throws {
        let snapshot = try Self.snapshot()
        var invocation = try F.invocation(snapshot, F.request("POST", "/prod/s1/pets?owner=a", headers: [("X-Trace", "t")],
                                                             body: Array(#"{"name": 5}"#.utf8)))
        let filter = try #require(RequestValidationFilterFactory().makeFilter(for: invocation.route, on: invocation.stage))
        guard case .fail(let error) = filter.onRequest(&invocation) else { Issue.record("expected a refusal"); return }
        #expect(error.responseType == "BAD_REQUEST_BODY")
        #expect(error.validationErrorString == "[instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])]")
        #expect(GatewayError.missingRequiredParameters(["a", "b"]).responseType == "BAD_REQUEST_PARAMETERS")
        #expect(GatewayError.missingRequiredParameters(["a", "b"]).validationErrorString == "Missing required request parameters: [a, b]")
    }

    @Test func aBodyThatPassedIsLeftForLaterPhases() throws {
        let snapshot = try Self.snapshot()
        var invocation = try F.invocation(snapshot, F.request("POST", "/prod/s1/pets?owner=a", headers: [("X-Trace", "t")],
                                                             body: Array(#"{"name": "Rex"}"#.utf8)))
        let filter = try #require(RequestValidationFilterFactory().makeFilter(for: invocation.route, on: invocation.stage))
        #expect(filter.onRequest(&invocation).isProceed)
        #expect(invocation.validatedBody?.value == .object([("name", .string("Rex"))]))
        #expect(invocation.validatedBody?.modelName == "Pet")
    }

    @Test func routesWithoutAValidatorCarryNoValidationFilter() throws {
        let snapshot = try Self.snapshot()
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker())
        let chains = pipeline.chains(for: snapshot)
        let stage = try #require(snapshot.apis[F.apiId.lowercased()]?.stages["prod"])
        let names = stage.routes.map { (chains.chain(for: $0)?.filterNames ?? [], $0.resourcePath) }
        #expect(names.first(where: { $0.1 == "/open" })?.0 == [])
        #expect(names.first(where: { $0.1 == "/{shop}/pets" })?.0 == ["requestValidation"])
    }
}
