import Testing
@testable import DataPlane
@testable import Shared

@Suite struct IntegrationResponseMappingTests {
    typealias F = PipelineFixtures

    static let httpIntegration = Integration(
        type: "HTTP", httpMethod: "GET", uri: "http://svc/x",
        integrationResponses: [
            "200": IntegrationResponse(statusCode: "200", responseParameters: [
                "method.response.header.X-Etag": "integration.response.header.ETag",
                "method.response.header.X-Static": "'fixed'",
                "method.response.header.X-Stage": "stageVariables.color",
                "method.response.header.X-Req": "context.requestId",
                "method.response.header.Server": "integration.response.header.Server",
            ]),
            "404": IntegrationResponse(statusCode: "404", selectionPattern: "4\\d{2}",
                                       responseTemplates: ["application/json": #"{"error":"not found"}"#, "text/html": "<p>missing</p>"]),
            "500": IntegrationResponse(statusCode: "500", selectionPattern: "5\\d{2}"),
        ])

    static func mapped(_ upstream: UpstreamResponse, accept: String? = nil, integration: Integration = httpIntegration,
                       responses: [String] = ["200", "404", "500"]) throws -> Result<HTTPResponse, GatewayError> {
        let content = F.content([("/x", ["GET": F.method("GET", integration, responses: responses)])])
        let request = F.request("GET", "/prod/x", headers: accept.map { [("Accept", $0)] } ?? [])
        let invocation = try F.invocation(try F.snapshot(content, variables: ["color": "blue"]), request)
        return IntegrationResponseMapping.mapped(upstream, invocation: invocation, renderer: MappingTemplateRenderer())
    }

    @Test func defaultResponseMapsOnlyDeclaredParametersAndPassesTheBody() throws {
        let upstream = UpstreamResponse(status: 201, headers: HTTPHeaders([("ETag", "\"v1\""), ("Server", "nginx"), ("X-Leak", "no"),
                                                                             ("Content-Type", "text/plain")]), body: Array("ok".utf8))
        let response = try Self.mapped(upstream).get()
        #expect(response.status == 200)
        #expect(response.body == Array("ok".utf8))
        #expect(response.headers["X-Etag"] == "\"v1\"")
        #expect(response.headers["X-Static"] == "fixed")
        #expect(response.headers["X-Stage"] == "blue")
        #expect(response.headers["X-Req"] == F.identifiers.requestId)
        #expect(response.headers["x-amzn-Remapped-Server"] == "nginx")   // mapped onto a header AWS remaps
        #expect(response.headers["X-Leak"] == nil)
        #expect(response.headers["Content-Type"] == "text/plain")
    }

    @Test func selectsByStatusAndRendersTheTemplateForAccept() throws {
        let upstream = UpstreamResponse(status: 404, body: Array("upstream body".utf8))
        let html = try Self.mapped(upstream, accept: "text/html, application/json").get()
        #expect(html.status == 404)
        #expect(html.body == Array("<p>missing</p>".utf8))
        #expect(html.headers["Content-Type"] == "text/html")
        let fallback = try Self.mapped(upstream, accept: "application/xml").get()
        #expect(fallback.body == Array(#"{"error":"not found"}"#.utf8))
        #expect(fallback.headers["Content-Type"] == "application/json")
        let server = try Self.mapped(UpstreamResponse(status: 503)).get()
        #expect(server.status == 500)
    }

    @Test func noMatchWithoutDefaultOrAnUndeclaredMethodResponseIs500() throws {
        let noDefault = Integration(type: "HTTP", httpMethod: "GET", uri: "http://svc/x",
                                    integrationResponses: ["400": IntegrationResponse(statusCode: "400", selectionPattern: "4.*")])
        #expect(try Self.mapped(UpstreamResponse(status: 200), integration: noDefault, responses: ["400"]) == .failure(.internalServerError))
        #expect(try Self.mapped(UpstreamResponse(status: 404), responses: ["200"]) == .failure(.internalServerError))
        let none = Integration(type: "HTTP", httpMethod: "GET", uri: "http://svc/x")
        #expect(try Self.mapped(UpstreamResponse(status: 200), integration: none) == .failure(.internalServerError))
    }

    @Test func httpProxyPassesStatusAndBodyByteForByte() {
        let body: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xFF]
        let response = IntegrationResponseMapping.proxy(UpstreamResponse(
            status: 418, headers: HTTPHeaders([("Content-Encoding", "gzip"), ("Date", "d"), ("Transfer-Encoding", "chunked")]), body: body))
        #expect(response.status == 418)
        #expect(response.body == body)
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers["x-amzn-Remapped-Date"] == "d")
        #expect(response.headers["Transfer-Encoding"] == nil)
    }

    @Test func bodyJSONPathParametersTemplatesAndOverridesApplyInAWSsOrder() throws {
        let integration = Integration(
            type: "HTTP", httpMethod: "GET", uri: "http://svc/x",
            integrationResponses: [
                "200": IntegrationResponse(statusCode: "200", responseParameters: [
                    "method.response.header.X-Order": "integration.response.body.order.id",
                    "method.response.header.X-Kept": "'static'",
                    "method.response.header.X-Replaced": "'mapped'",
                ], responseTemplates: ["application/json": """
                    #set($root = $input.path('$'))
                    #if($root.order.state == "gone")#set($context.responseOverride.status = 404)#end
                    #set($context.responseOverride.header.X-Replaced = "override")
                    {"id": $root.order.id, "state": "$root.order.state"}
                    """]),
            ])
        let gone = UpstreamResponse(status: 200, body: Array(#"{"order": {"id": 12, "state": "gone"}}"#.utf8))
        let response = try Self.mapped(gone, integration: integration, responses: ["200", "404"]).get()
        #expect(response.status == 404)
        #expect(response.headers["X-Order"] == "12")
        #expect(response.headers["X-Kept"] == "static")
        #expect(response.headers["X-Replaced"] == "override")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"id": 12, "state": "gone"}"#)
        let fine = UpstreamResponse(status: 200, body: Array(#"{"order": {"id": 13, "state": "open"}}"#.utf8))
        #expect(try Self.mapped(fine, integration: integration, responses: ["200", "404"]).get().status == 200)
    }

    @Test func aResponseTemplateThatFailsIsA500() throws {
        let integration = Integration(type: "HTTP", httpMethod: "GET", uri: "http://svc/x", integrationResponses: [
            "200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "$input.json('$')"])])
        let upstream = UpstreamResponse(status: 200, body: Array("<html>not json</html>".utf8))
        #expect(try Self.mapped(upstream, integration: integration) == .failure(.internalServerError))
    }
}
