import Testing
@testable import ControlPlane

@Suite struct AdminAPIDeploymentsTests {
    @Test func refusesToDeployAnApiWithoutMethodsOrIntegrations() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let empty = h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"])
        #expect(empty.status == 400 && empty.message == "The REST API doesn't contain any methods")
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "NONE"])
        #expect(h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"]).message == "No integration defined for method")
        #expect(h.call("GET", "/restapis/\(id)/deployments").items.isEmpty)
        #expect(h.call("GET", "/restapis/\(id)/stages").items.isEmpty)
    }

    @Test func refusesToDeployAPrivateApiWithoutAResourcePolicy() throws {
        // Tollgate has no VPC endpoints: deployed without a policy, a PRIVATE API would be served on
        // the public invoke URL. With one it deploys and then refuses every request (fail closed).
        let h = try AdminHarness()
        let created = h.call("POST", "/restapis", ["name": "private", "endpointConfiguration": ["types": ["PRIVATE"]]])
        let id = try #require(created.string("id"))
        h.putMockMethod(id, try #require(created.string("rootResourceId")))
        let refused = h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"])
        #expect(refused.status == 400 && refused.errorType == "BadRequestException")
        #expect(refused.message == "Private REST API doesn't have a resource policy attached to it")
        #expect(h.call("GET", "/restapis/\(id)/stages").items.isEmpty)
        h.patch("/restapis/\(id)", [("replace", "/policy", #"{"Version":"2012-10-17","Statement":[]}"#)])
        #expect(h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"]).status == 201)
        // A public API that becomes private is refused at its next deployment too.
        let deployed = h.deployedApi()
        h.patch("/restapis/\(deployed.id)", [("replace", "/endpointConfiguration/types/EDGE", "PRIVATE")])
        #expect(h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod"]).status == 400)
    }

    @Test func createDeploymentWithStageNameCreatesTheStageAndRecordsHistory() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.putMockMethod(id, root)
        let result = h.call("POST", "/restapis/\(id)/deployments",
                            ["stageName": "prod", "description": "first", "stageDescription": "production", "variables": ["a": "1"]])
        #expect(result.status == 201)
        let deployment = try #require(result.string("id"))
        #expect(deployment.count == 6 && result.string("description") == "first")
        let summary = result["apiSummary"] as? [String: [String: [String: Any]]]
        #expect(summary?["/"]?["GET"]?["authorizationType"] as? String == "NONE")
        let stage = h.call("GET", "/restapis/\(id)/stages/prod")
        #expect(stage.string("deploymentId") == deployment && stage.string("description") == "production")
        #expect(stage["variables"] as? [String: String] == ["a": "1"])
        #expect(stage.string("cacheClusterStatus") == "NOT_AVAILABLE" && stage["tracingEnabled"] as? Bool == false)
        let history = try h.store.read { try $0.stageHistory(restApiId: id, stageName: "prod") }
        #expect(history.count == 1 && history[0].fromDeploymentId == nil && history[0].toDeploymentId == deployment)
    }

    @Test func redeployingRepointsTheStageKeepingItsSettings() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        h.patch("/restapis/\(deployed.id)/stages/prod", [("replace", "/variables/a", "1"), ("replace", "/description", "keep")])
        let second = h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod", "variables": ["b": "2"]]).string("id")!
        let stage = h.call("GET", "/restapis/\(deployed.id)/stages/prod")
        #expect(stage.string("deploymentId") == second && stage.string("description") == "keep")
        #expect(stage["variables"] as? [String: String] == ["a": "1", "b": "2"])
        let history = try h.store.read { try $0.stageHistory(restApiId: deployed.id, stageName: "prod") }
        #expect(history.map(\.toDeploymentId) == [deployed.deployment, second])
        #expect(history.last?.fromDeploymentId == deployed.deployment)
    }

    @Test func deploymentsAreImmutableSnapshotsOfTheDefinition() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let frozen = try h.store.read { try $0.deploymentContent(restApiId: deployed.id, id: deployed.deployment) }
        let extra = h.createResource(deployed.id, parent: deployed.root, "extra")
        h.putMockMethod(deployed.id, extra)
        h.patch("/restapis/\(deployed.id)/resources/\(deployed.pets)/methods/GET/integration", [("replace", "/timeoutInMillis", "500")])
        h.call("DELETE", "/restapis/\(deployed.id)/resources/\(deployed.pets)")
        h.patch("/restapis/\(deployed.id)", [("replace", "/name", "renamed")])
        let after = try h.store.read { try $0.deploymentContent(restApiId: deployed.id, id: deployed.deployment) }
        #expect(after == frozen)
        #expect(after?.resources.map(\.path).sorted() == ["/", "/pets"])
        #expect(after?.api.name == "pets")
        let summary = h.call("GET", "/restapis/\(deployed.id)/deployments/\(deployed.deployment)?embed=apisummary")["apiSummary"] as? [String: Any]
        #expect(summary?.keys.sorted() == ["/pets"])
    }

    @Test func getListUpdateDeployments() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let second = h.deploy(deployed.id, description: "two")
        #expect(h.call("GET", "/restapis/\(deployed.id)/deployments").items.compactMap { $0["id"] as? String } == [deployed.deployment, second])
        let one = h.call("GET", "/restapis/\(deployed.id)/deployments/\(second)")
        #expect(one.string("description") == "two" && one["apiSummary"] == nil)
        #expect(h.patch("/restapis/\(deployed.id)/deployments/\(second)", [("replace", "/description", "2")]).string("description") == "2")
        #expect(h.patch("/restapis/\(deployed.id)/deployments/\(second)", [("replace", "/id", "x")]).status == 400)
        #expect(h.call("GET", "/restapis/\(deployed.id)/deployments/nope").message == "Invalid Deployment identifier specified")
    }

    @Test func deleteDeploymentIsRefusedWhileAStagePointsAtIt() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let refused = h.call("DELETE", "/restapis/\(deployed.id)/deployments/\(deployed.deployment)")
        #expect(refused.status == 400)
        #expect(refused.message == "Active stages pointing to this deployment must be moved or deleted")
        let second = h.deploy(deployed.id, stage: "prod")
        #expect(h.call("DELETE", "/restapis/\(deployed.id)/deployments/\(deployed.deployment)").status == 202)
        #expect(h.call("GET", "/restapis/\(deployed.id)/deployments").items.compactMap { $0["id"] as? String } == [second])
    }

    @Test func deploymentIsRefusedWhenTheCompilerRejectsTheDefinition() throws {
        let h = try AdminHarness(validateDeployment: { _ in "Unsupported mapping template" })
        let (id, root) = h.createApi()
        h.putMockMethod(id, root)
        let refused = h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"])
        #expect(refused.status == 400 && refused.message == "Unsupported mapping template")
        #expect(try h.store.read { try $0.deployments(restApiId: id) }.isEmpty)
        #expect(h.call("GET", "/restapis/\(id)/stages/prod").status == 404)
    }
}
