import Testing
@testable import ControlPlane
import Shared

/// WebSocket APIs reach the nodes: deployed stages travel in the snapshot's `webSocketApis`,
/// apart from `httpApis`, and move the revision; undeployed ones change no byte.
@Suite struct AdminAPIV2WebSocketSnapshotTests {
    @Test func deployedWebSocketStagesAreInTheSnapshotAndMoveTheRevision() throws {
        let h = try AdminHarness()
        let before = try SnapshotBuilder.build(h.store, now: h.clock.now)
        let api = try #require(h.call("POST", "/v2/apis", ["name": "chat", "protocolType": "WEBSOCKET",
                                                            "routeSelectionExpression": "$request.body.action"]).string("apiId"))
        let integration = try #require(h.call("POST", "/v2/apis/\(api)/integrations", [
            "integrationType": "MOCK", "requestTemplates": ["$default": #"{"statusCode": 200}"#],
        ]).string("integrationId"))
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "$connect", "target": "integrations/\(integration)"]).status == 201)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "prod"]).status == 201)
        let undeployed = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(undeployed.webSocketApis == nil && SnapshotCodec.encode(undeployed) == SnapshotCodec.encode(before))

        #expect(h.call("POST", "/v2/apis/\(api)/deployments", ["stageName": "prod"]).status == 201)
        let deployed = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(deployed.revision > before.revision && deployed.httpApis == nil)
        let served = try #require(deployed.webSocketApis?.first)
        #expect(served.apiId == api && served.routeSelectionExpression == "$request.body.action")
        #expect(served.stages.map(\.stageName) == ["prod"] && served.stages.first?.deployment.routes.map(\.routeKey) == ["$connect"])
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)
        #expect(encoded.bytes == SnapshotCodec.encode(deployed))

        // The selection expression is served: changing it moves the revision.
        h.call("PATCH", "/v2/apis/\(api)", ["routeSelectionExpression": "$request.body.type"])
        let changed = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(changed.revision > deployed.revision && changed.webSocketApis?.first?.routeSelectionExpression == "$request.body.type")
        #expect(h.call("DELETE", "/v2/apis/\(api)").status == 204)
        let gone = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(gone.revision > changed.revision && gone.webSocketApis == nil)
    }
}
