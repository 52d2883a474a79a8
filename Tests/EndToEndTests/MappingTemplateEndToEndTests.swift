import Foundation
import Testing
import ControlPlane
import Shared

/// Mapping templates and gateway responses through real nodes (shared cluster, an API of its own):
/// a MOCK whose status and body come from templates, an HTTP backend (the echo server) receiving
/// the rendered request template and its overrides, a response template over the backend's answer
/// with `responseOverride`, a template error, and a customised DEFAULT_4XX.
@Suite(.serialized, .timeLimit(.minutes(2))) struct MappingTemplateEndToEndTests {
    static let issueTemplate = #"{"got": $input.json('$'), "rid": "$context.requestId"}"#

    static func deploy(_ cluster: Cluster) async throws -> ApiBuilder {
        let api = try await ApiBuilder.create(cluster.admin, name: "templates")
        // MOCK: the status from the rendered request template, the body from the issue's template.
        let mock = try await api.resource("mock")
        try await api.method(mock, "POST")
        try await api.integration(mock, "POST", ["type": "MOCK", "requestTemplates": ["application/json":
            #"#if($input.path('$.missing') == true){"statusCode": 404}#else{"statusCode": 200}#end"#]])
        try await api.methodResponse(mock, "POST", "200")
        try await api.methodResponse(mock, "POST", "404")
        try await api.integrationResponse(mock, "POST", "200", ["responseTemplates": ["application/json": Self.issueTemplate]])
        try await api.integrationResponse(mock, "POST", "404", ["selectionPattern": "404",
                                                                "responseTemplates": ["application/json": #"{"missing": "$input.params('id')"}"#]])
        // HTTP to the echo server: request template, overrides, response template over the echo document.
        let http = try await api.resource("orders")
        try await api.method(http, "POST")
        try await api.integration(http, "POST", [
            "type": "HTTP", "httpMethod": "POST", "uri": "http://127.0.0.1:\(cluster.echo.port)/orders/{id}",
            "requestParameters": ["integration.request.path.id": "'placeholder'",
                                  "integration.request.header.X-Customer": "method.request.body.customer.name"],
            "requestTemplates": ["application/json": """
                #set($order = $input.path('$'))
                #set($context.requestOverride.header.X-Order-Count = "$order.items.size()")
                #set($context.requestOverride.path.id = $order.id)
                {"id": "$order.id", "items": $input.json('$.items'), "stage": "$context.stage", "env": "$stageVariables.env", "rid": "$context.requestId"}
                """],
        ])
        try await api.methodResponse(http, "POST", "201", headers: ["X-Echo-Path"])
        try await api.integrationResponse(http, "POST", "201", [
            "selectionPattern": "",
            "responseParameters": ["method.response.header.X-Echo-Path": "integration.response.body.path"],
            "responseTemplates": ["application/json": """
                #set($echo = $input.path('$'))
                #set($sent = $util.parseJson($echo.body))
                #set($context.responseOverride.status = 201)
                #set($context.responseOverride.header.X-Backend-Method = $echo.method)
                {"backendSaw": $echo.body, "count": $sent.items.size()}
                """],
        ])
        // A template that fails at run time.
        let broken = try await api.resource("broken")
        try await api.method(broken, "POST")
        try await api.integration(broken, "POST", ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200, "x": $input.json('$')}"#]])
        try await api.methodResponse(broken, "POST", "200")
        try await api.integrationResponse(broken, "POST", "200")
        // A customised DEFAULT_4XX with a header and a template.
        _ = try await cluster.admin.call(.PUT, "/restapis/\(api.id)/gatewayresponses/DEFAULT_4XX", json: [
            "statusCode": "400",
            "responseParameters": ["gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
                                   "gatewayresponse.header.X-Request": "context.requestId"],
            "responseTemplates": ["application/json": #"{"error": $context.error.messageString, "type": "$context.error.responseType", "env": "$stageVariables.env"}"#],
        ])
        try await api.deploy(stage: "prod", variables: ["env": "e2e"])
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/mock", method: .POST, timeout: .seconds(2)))?.status == 200
        }
        #expect(ready != nil, "the API did not reach every node")
        return api
    }

    @Test func templatesGatewayResponsesAndErrorsThroughRealNodes() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await Self.deploy(cluster)
        let port = cluster.nodePorts[0]
        let json = [("Content-Type", "application/json")]

        // MOCK: the issue's template. `$input` in a MOCK's response template is the integration
        // response body, which is empty for a MOCK: `{}`, as on AWS.
        let mock = try await cluster.invoke(port: port, apiId: api.id, "/prod/mock", method: .POST, headers: json,
                                            body: Array(#"{"a": 1}"#.utf8))
        #expect(mock.status == 200)
        let requestId = try #require(mock.headers["x-amzn-RequestId"])
        #expect(mock.text == #"{"got": {}, "rid": "\#(requestId)"}"#)
        let missing = try await cluster.invoke(port: port, apiId: api.id, "/prod/mock?id=7", method: .POST, headers: json,
                                               body: Array(#"{"missing": true}"#.utf8))
        #expect(missing.status == 404)
        #expect(missing.text == #"{"missing": "7"}"#)

        // HTTP: the echo backend receives the rendered template; the response template reads its answer.
        let order = #"{"id": "o-9", "customer": {"name": "Ann"}, "items": [{"sku": "x"}, {"sku": "y"}]}"#
        let http = try await cluster.invoke(port: port, apiId: api.id, "/prod/orders", method: .POST, headers: json, body: Array(order.utf8))
        #expect(http.status == 201)
        #expect(http.headers["X-Echo-Path"] == "/orders/o-9")
        #expect(http.headers["X-Backend-Method"] == "POST")
        let answer = http.json
        #expect(answer["count"] as? Int == 2)
        let saw = try #require(answer["backendSaw"] as? [String: Any])
        #expect(saw["id"] as? String == "o-9")
        #expect(saw["stage"] as? String == "prod")
        #expect(saw["env"] as? String == "e2e")
        #expect(saw["rid"] as? String == http.headers["x-amzn-RequestId"])
        #expect((saw["items"] as? [[String: String]])?.map { $0["sku"] ?? "" } == ["x", "y"])

        // A template error is AWS's 500.
        let broken = try await cluster.invoke(port: port, apiId: api.id, "/prod/broken", method: .POST, headers: json,
                                              body: Array("{not json".utf8))
        #expect(broken.status == 500)
        #expect(broken.text == #"{"message": "Internal server error"}"#)

        // The customised DEFAULT_4XX answers a path with no resource on every node.
        for node in cluster.nodePorts {
            let refused = try await cluster.invoke(port: node, apiId: api.id, "/prod/nowhere")
            #expect(refused.status == 400)
            #expect(refused.headers["Access-Control-Allow-Origin"] == "*")
            #expect(refused.headers["X-Request"] == refused.headers["x-amzn-RequestId"])
            #expect(refused.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")
            #expect(refused.text == #"{"error": "Missing Authentication Token", "type": "MISSING_AUTHENTICATION_TOKEN", "env": "e2e"}"#)
        }
    }

    @Test func aTemplateThatDoesNotCompileIsRefusedAtDeployment() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await ApiBuilder.create(cluster.admin, name: "bad-template")
        let resource = try await api.resource("r")
        try await api.method(resource, "GET")
        try await api.integration(resource, "GET", ["type": "MOCK", "requestTemplates": ["application/json": "#if($a"]])
        try await api.methodResponse(resource, "GET", "200")
        do {
            _ = try await cluster.admin.call(.POST, "/restapis/\(api.id)/deployments", json: ["stageName": "prod"])
            Issue.record("a template that does not compile was deployed")
        } catch {
            #expect("\(error)".contains("Invalid mapping template specified for content type application/json"), "\(error)")
        }
    }
}
