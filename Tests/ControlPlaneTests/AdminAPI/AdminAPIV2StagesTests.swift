import Testing
@testable import ControlPlane
import Shared

/// apigatewayv2 stages and deployments, automatic deployment included.
@Suite struct AdminAPIV2StagesTests {
    /// An HTTP API with one route to a Lambda; returns (apiId, routeId).
    static func apiWithRoute(_ h: AdminHarness) throws -> (api: String, route: String) {
        let api = try AdminAPIV2RoutesTests.httpApi(h)
        let integration = try AdminAPIV2RoutesTests.lambdaIntegration(h, api)
        let route = try #require(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /pets", "target": "integrations/\(integration)"]).string("routeId"))
        return (api, route)
    }

    @Test func manualDeploymentsMoveAStage() throws {
        let h = try AdminHarness()
        let api = try AdminAPIV2RoutesTests.httpApi(h)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "prod"]).status == 201)
        let empty = h.call("POST", "/v2/apis/\(api)/deployments", ["stageName": "prod"])
        #expect(empty.status == 400)
        let (withRoute, _) = try Self.apiWithRoute(h)
        h.call("POST", "/v2/apis/\(withRoute)/stages", ["stageName": "prod"])
        let deployment = h.call("POST", "/v2/apis/\(withRoute)/deployments", ["stageName": "prod", "description": "first"])
        #expect(deployment.status == 201 && deployment["autoDeployed"] as? Bool == false && deployment["content"] == nil)
        let id = try #require(deployment.string("deploymentId"))
        #expect(h.call("GET", "/v2/apis/\(withRoute)/stages/prod").string("deploymentId") == id)
        #expect(h.call("GET", "/v2/apis/\(withRoute)/deployments").items.count == 1)
        #expect(h.call("DELETE", "/v2/apis/\(withRoute)/deployments/\(id)").status == 400)
        #expect(h.call("PATCH", "/v2/apis/\(withRoute)/deployments/\(id)", ["description": "renamed"]).string("description") == "renamed")
        #expect(h.call("POST", "/v2/apis/\(withRoute)/deployments", ["stageName": "nope"]).status == 404)
    }

    @Test func anAutoDeployStageIsDeployedOnEveryChangeToTheApi() throws {
        let h = try AdminHarness()
        let (api, route) = try Self.apiWithRoute(h)
        let stage = h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "$default", "autoDeploy": true])
        #expect(stage.status == 201)
        let first = try #require(stage.string("deploymentId"))
        h.call("PATCH", "/v2/apis/\(api)/routes/\(route)", ["routeKey": "GET /pets/{id}"])
        let second = try #require(h.call("GET", "/v2/apis/\(api)/stages/$default").string("deploymentId"))
        #expect(second != first)
        let deployments = h.call("GET", "/v2/apis/\(api)/deployments").items
        #expect(deployments.count == 2 && deployments.allSatisfy { $0["autoDeployed"] as? Bool == true })
        #expect(h.call("POST", "/v2/apis/\(api)/deployments", ["stageName": "$default"]).status == 400)
        let stored = try h.store.read { tx in try tx.v2Api(api) }
        let frozen = try #require(stored).deployments
        #expect(frozen.first?.content.routes.first?.routeKey == "GET /pets" && frozen.last?.content.routes.first?.routeKey == "GET /pets/{id}")
    }

    @Test func newStagesHaveAWSDefaultsPerProtocol() throws {
        let h = try AdminHarness()
        let api = try AdminAPIV2RoutesTests.httpApi(h)
        let http = h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "s"])
        #expect(http["defaultRouteSettings"] as? [String: Bool] == ["detailedMetricsEnabled": false])
        #expect(http["stageVariables"] as? [String: String] == [:] && http["tags"] as? [String: String] == [:])
        #expect(http["routeSettings"] as? [String: Any] != nil && http["autoDeploy"] as? Bool == false)
        let ws = try #require(h.call("POST", "/v2/apis", ["name": "c", "protocolType": "WEBSOCKET",
                                                          "routeSelectionExpression": "$request.body.action"]).string("apiId"))
        let settings = try #require(h.call("POST", "/v2/apis/\(ws)/stages", ["stageName": "s"])["defaultRouteSettings"] as? [String: Any])
        #expect(settings["loggingLevel"] as? String == "OFF" && settings["dataTraceEnabled"] as? Bool == false)
    }

    @Test func stageSettingsAreValidatedPerProtocol() throws {
        let h = try AdminHarness()
        let (api, _) = try Self.apiWithRoute(h)
        let created = h.call("POST", "/v2/apis/\(api)/stages", [
            "stageName": "prod", "stageVariables": ["backend": "b.example"],
            "defaultRouteSettings": ["throttlingBurstLimit": 10, "throttlingRateLimit": 5.5],
            "routeSettings": ["GET /pets": ["throttlingBurstLimit": 2, "throttlingRateLimit": 1]],
        ])
        #expect(created.status == 201)
        let defaults = try #require(created["defaultRouteSettings"] as? [String: Any])
        #expect(defaults["throttlingBurstLimit"] as? Int == 10 && defaults["throttlingRateLimit"] as? Double == 5.5)
        #expect((created["routeSettings"] as? [String: Any])?["GET /pets"] != nil)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "prod"]).status == 409)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "bad name"]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "s1", "routeSettings": ["GET /nope": ["throttlingBurstLimit": 1]]]).status == 404)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "s2", "defaultRouteSettings": ["loggingLevel": "INFO"]]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "s3", "defaultRouteSettings": ["throttlingRateLimit": -1]]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "s4", "stageVariables": ["a b": "c"]]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "s5", "deploymentId": "nope123"]).status == 404)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "s6", "clientCertificateId": "c"]).status == 400)
        let updated = h.call("PATCH", "/v2/apis/\(api)/stages/prod", ["description": "live", "stageVariables": ["backend": "c.example"]])
        #expect(updated.string("description") == "live" && (updated["stageVariables"] as? [String: String])?["backend"] == "c.example")
        #expect(h.call("DELETE", "/v2/apis/\(api)/stages/prod/routesettings/GET%20%2Fpets").status == 204)
        #expect((h.call("GET", "/v2/apis/\(api)/stages/prod")["routeSettings"] as? [String: Any])?.isEmpty == true)
        #expect(h.call("GET", "/v2/apis/\(api)/stages").items.count == 1)
        #expect(h.call("DELETE", "/v2/apis/\(api)/stages/prod").status == 204)
        let gone = h.call("GET", "/v2/apis/\(api)/stages/prod")
        #expect(gone.status == 404 && gone.message == "Invalid stage identifier specified")
    }

    @Test func undeployedV2ApisLeaveTheSnapshotUnchanged() throws {
        let h = try AdminHarness()
        let before = try SnapshotBuilder.build(h.store, now: h.clock.now)
        let (api, route) = try Self.apiWithRoute(h)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "prod"]).status == 201)
        h.call("PATCH", "/v2/apis/\(api)/routes/\(route)", ["routeKey": "GET /pets/{id}"])
        let after = try SnapshotBuilder.build(h.store, now: h.clock.now)
        // No stage points at a deployment: nothing is served, the bytes stay as they were.
        #expect(after.revision == before.revision && after.checksum == before.checksum && after.httpApis == nil)
        #expect(SnapshotCodec.encode(after) == SnapshotCodec.encode(before))
    }

    @Test func deployedHttpApiStagesAreInTheSnapshotAndMoveTheRevision() throws {
        let h = try AdminHarness()
        let before = try SnapshotBuilder.build(h.store, now: h.clock.now)
        let (api, route) = try Self.apiWithRoute(h)
        #expect(h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "$default", "autoDeploy": true]).status == 201)
        let deployed = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(deployed.revision > before.revision)
        let served = try #require(deployed.httpApis?.first)
        #expect(served.apiId == api && served.stages.map(\.stageName) == ["$default"])
        #expect(served.stages.first?.deployment.routes.map(\.routeKey) == ["GET /pets"])
        // Auto-deploy: a route change is served without CreateDeployment, at a new revision.
        h.call("PATCH", "/v2/apis/\(api)/routes/\(route)", ["routeKey": "GET /pets/{id}"])
        let changed = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(changed.revision > deployed.revision)
        #expect(changed.httpApis?.first?.stages.first?.deployment.routes.map(\.routeKey) == ["GET /pets/{id}"])
        // Tags are not served: the revision stays.
        let arn = AdminAPIV2TagsTests.encoded("arn:aws:apigateway:us-east-1::/apis/\(api)")
        #expect(h.call("POST", "/v2/tags/\(arn)", ["tags": ["team": "a"]]).status == 201)
        #expect(try SnapshotBuilder.build(h.store, now: h.clock.now).revision == changed.revision)
        // The pre-encoded assembly writes the same bytes as the encoder.
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)
        #expect(encoded.bytes == SnapshotCodec.encode(try SnapshotBuilder.build(h.store, now: h.clock.now)))
        // Deleting the API takes it off the nodes.
        #expect(h.call("DELETE", "/v2/apis/\(api)").status == 204)
        let gone = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(gone.revision > changed.revision && gone.httpApis == nil)
    }

    @Test func routesNodesCouldNotRouteAreRefused() throws {
        let h = try AdminHarness()
        let (api, _) = try Self.apiWithRoute(h)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /pets/{id}"]).status == 201)
        let conflict = h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /pets/{name}/toys"])
        #expect(conflict.status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /pets/{id}/toys"]).status == 201)
    }
}
