import Testing
@testable import ControlPlane
import Shared

/// apigatewayv2 models and the WebSocket routes that name them.
@Suite struct AdminAPIV2ModelsTests {
    static let schema = #"{"type":"object","properties":{"action":{"type":"string"}}}"#

    static func webSocketApi(_ h: AdminHarness) throws -> String {
        try #require(h.call("POST", "/v2/apis", ["name": "chat", "protocolType": "WEBSOCKET",
                                                 "routeSelectionExpression": "$request.body.action"]).string("apiId"))
    }

    @Test func createsGetsUpdatesAndDeletesAModel() throws {
        let h = try AdminHarness()
        let api = try Self.webSocketApi(h)
        let created = h.call("POST", "/v2/apis/\(api)/models", ["name": "Message", "schema": Self.schema, "contentType": "application/json"])
        #expect(created.status == 201 && created.string("name") == "Message")
        let id = try #require(created.string("modelId"))
        #expect(h.call("GET", "/v2/apis/\(api)/models/\(id)").string("schema") == Self.schema)
        #expect(h.call("GET", "/v2/apis/\(api)/models").items.count == 1)
        #expect(h.call("GET", "/v2/apis/\(api)/models/\(id)/template").string("value")?.contains("$inputRoot.action") == true)
        #expect(h.call("PATCH", "/v2/apis/\(api)/models/\(id)", ["description": "d"]).string("description") == "d")
        #expect(h.call("DELETE", "/v2/apis/\(api)/models/\(id)").status == 204)
        let gone = h.call("GET", "/v2/apis/\(api)/models/\(id)")
        #expect(gone.status == 404 && gone.message == "Invalid Model identifier specified \(id)")
    }

    @Test func refusesBadSchemasNamesAndDuplicates() throws {
        let h = try AdminHarness()
        let api = try Self.webSocketApi(h)
        #expect(h.call("POST", "/v2/apis/\(api)/models", ["name": "M", "schema": "cs"]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/models", ["name": "bad-name", "schema": Self.schema]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/models", ["name": "M"]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/models", ["name": "M", "schema": Self.schema]).status == 201)
        #expect(h.call("POST", "/v2/apis/\(api)/models", ["name": "M", "schema": Self.schema]).status == 409)
    }

    @Test func aRouteNamesOnlyExistingModelsAndHoldsThem() throws {
        let h = try AdminHarness()
        let api = try Self.webSocketApi(h)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "send", "requestModels": ["$default": "Message"]]).status == 404)
        let id = try #require(h.call("POST", "/v2/apis/\(api)/models", ["name": "Message", "schema": Self.schema]).string("modelId"))
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "send", "requestModels": ["$default": "Message"],
                                                          "modelSelectionExpression": "$request.body.action"]).status == 201)
        #expect(h.call("DELETE", "/v2/apis/\(api)/models/\(id)").status == 409)
        #expect(h.call("PATCH", "/v2/apis/\(api)/models/\(id)", ["name": "Other"]).status == 409)
    }
}
