import Foundation
import Testing
import ControlPlane
import Shared

/// CORS the AWS way on real nodes: what the console's "Enable CORS" creates — an `OPTIONS` MOCK
/// method whose integration response sets static `Access-Control-*` headers, and the same
/// `Access-Control-Allow-Origin` on the actual method — answers a browser's preflight and its
/// actual request (shared cluster, an API of its own).
@Suite(.serialized, .timeLimit(.minutes(2))) struct CorsEndToEndTests {
    static let allowHeaders = "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'"

    @Test func preflightAndActualRequestCarryTheConfiguredHeaders() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await ApiBuilder.create(cluster.admin, name: "cors")
        let items = try await api.resource("items")

        // The actual method: GET, HTTP_PROXY to the echo backend, Allow-Origin on its method response.
        try await api.method(items, "GET")
        try await api.integration(items, "GET", ["type": "HTTP", "httpMethod": "GET", "uri": "http://127.0.0.1:\(cluster.echo.port)/items"])
        try await api.methodResponse(items, "GET", "200", headers: ["Access-Control-Allow-Origin"])
        try await api.integrationResponse(items, "GET", "200", ["responseParameters": ["method.response.header.Access-Control-Allow-Origin": "'*'"]])

        // "Enable CORS": OPTIONS, no authorization, MOCK with {"statusCode": 200}, an empty response template.
        try await api.method(items, "OPTIONS")
        try await api.integration(items, "OPTIONS", ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200}"#],
                                                     "passthroughBehavior": "WHEN_NO_MATCH"])
        _ = try await api.admin.call(.PUT, "/restapis/\(api.id)/resources/\(items)/methods/OPTIONS/responses/200", json: [
            "responseParameters": ["method.response.header.Access-Control-Allow-Headers": false,
                                   "method.response.header.Access-Control-Allow-Methods": false,
                                   "method.response.header.Access-Control-Allow-Origin": false],
            "responseModels": ["application/json": "Empty"]])
        try await api.integrationResponse(items, "OPTIONS", "200", [
            "responseParameters": ["method.response.header.Access-Control-Allow-Headers": Self.allowHeaders,
                                   "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
                                   "method.response.header.Access-Control-Allow-Origin": "'*'"],
            "responseTemplates": ["application/json": ""]])
        try await api.deploy(stage: "prod")

        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/items", method: .OPTIONS, timeout: .seconds(2)).status) == 200
        }
        #expect(ready != nil, "the API did not reach every node")

        for port in cluster.nodePorts {
            // A browser's preflight: no Content-Type, no body.
            let preflight = try await cluster.invoke(port: port, apiId: api.id, "/prod/items", method: .OPTIONS, headers: [
                ("Origin", "https://app.example"), ("Access-Control-Request-Method", "GET"),
                ("Access-Control-Request-Headers", "content-type,x-api-key")])
            #expect(preflight.status == 200)
            #expect(preflight.headers["Access-Control-Allow-Origin"] == "*")
            #expect(preflight.headers["Access-Control-Allow-Methods"] == "GET,OPTIONS")
            #expect(preflight.headers["Access-Control-Allow-Headers"] == "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token")
            #expect(preflight.body.isEmpty)

            let actual = try await cluster.invoke(port: port, apiId: api.id, "/prod/items", headers: [("Origin", "https://app.example")])
            #expect(actual.status == 200)
            #expect(actual.headers["Access-Control-Allow-Origin"] == "*")
            #expect(actual.json["path"] as? String == "/items")
        }
    }
}
