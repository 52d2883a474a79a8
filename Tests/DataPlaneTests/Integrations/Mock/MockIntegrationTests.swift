import Testing
@testable import DataPlane
@testable import Shared

@Suite struct MockIntegrationTests {
    typealias F = PipelineFixtures

    static func respond(_ integration: Integration, contentType: String? = nil, accept: String? = nil,
                        responses: [String] = ["200", "201", "404"]) throws -> Result<HTTPResponse, GatewayError> {
        let content = F.content([("/m", ["POST": F.method("POST", integration, responses: responses)])])
        var headers: [(String, String)] = []
        if let contentType { headers.append(("Content-Type", contentType)) }
        if let accept { headers.append(("Accept", accept)) }
        let invocation = try F.invocation(try F.snapshot(content), F.request("POST", "/prod/m", headers: headers, body: Array("{}".utf8)))
        return MockIntegration.respond(invocation, renderer: MappingTemplateRenderer())
    }

    static let mock = Integration(
        type: "MOCK",
        requestTemplates: ["application/json": #"{"statusCode": 201}"#, "text/plain": #"{"statusCode": 404}"#],
        passthroughBehavior: "WHEN_NO_TEMPLATES",
        integrationResponses: [
            "201": IntegrationResponse(statusCode: "201", selectionPattern: "201",
                                       responseParameters: ["method.response.header.Access-Control-Allow-Origin": "'*'"],
                                       responseTemplates: ["application/json": #"{"created": true}"#]),
            "404": IntegrationResponse(statusCode: "404", selectionPattern: "404", responseTemplates: ["application/json": "nope"]),
            "200": IntegrationResponse(statusCode: "200"),
        ])

    @Test func statusComesFromTheRequestTemplateAndBodyFromTheResponseTemplate() throws {
        let created = try Self.respond(Self.mock).get()
        #expect(created.status == 201)
        #expect(created.body == Array(#"{"created": true}"#.utf8))
        #expect(created.headers["Access-Control-Allow-Origin"] == "*")
        #expect(created.headers["Content-Type"] == "application/json")
        let missing = try Self.respond(Self.mock, contentType: "text/plain").get()
        #expect(missing.status == 404)
        #expect(missing.body == Array("nope".utf8))
    }

    @Test func passthroughBehaviourAppliesToMocks() throws {
        #expect(try Self.respond(Self.mock, contentType: "application/xml") == .failure(.unsupportedMediaType))
        let bare = Integration(type: "MOCK", integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let ok = try Self.respond(bare, contentType: "application/xml").get()
        #expect(ok.status == 200)
        #expect(ok.body.isEmpty)
    }

    @Test func aTemplateWithoutStatusCodeIsAConfigurationError() throws {
        let broken = Integration(type: "MOCK", requestTemplates: ["application/json": "{}"],
                                 integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        #expect(try Self.respond(broken) == .failure(.internalServerError))
    }

    @Test func aDynamicTemplatesStatusIsReadFromItsOutput() throws {
        let dynamic = Integration(
            type: "MOCK",
            requestTemplates: ["application/json": """
                #if($input.params('fail') == "yes")
                {"statusCode": 404}
                #else
                {"statusCode": 201, "got": $input.json('$')}
                #end
                """],
            integrationResponses: Self.mock.integrationResponses)
        #expect(try Self.respond(dynamic).get().status == 201)
        let failing = try Self.respondTo(dynamic, target: "/prod/m?fail=yes")
        #expect(try failing.get().status == 404)
        let none = Integration(type: "MOCK", requestTemplates: ["application/json": "#set($a = 1)$a"],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        #expect(try Self.respond(none) == .failure(.internalServerError))
    }

    static func respondTo(_ integration: Integration, target: String) throws -> Result<HTTPResponse, GatewayError> {
        let content = F.content([("/m", ["POST": F.method("POST", integration, responses: ["200", "201", "404"])])])
        let invocation = try F.invocation(try F.snapshot(content), F.request("POST", target, body: Array("{}".utf8)))
        return MockIntegration.respond(invocation, renderer: MappingTemplateRenderer())
    }
}
