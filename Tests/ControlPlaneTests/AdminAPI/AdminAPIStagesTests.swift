import Testing
@testable import ControlPlane

@Suite struct AdminAPIStagesTests {
    @Test func createGetListDeleteStages() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let created = h.call("POST", "/restapis/\(deployed.id)/stages",
                             ["stageName": "dev", "deploymentId": deployed.deployment, "variables": ["host": "a.example.com"]])
        #expect(created.status == 201)
        #expect(created.string("stageName") == "dev" && created["methodSettings"] as? [String: Any] != nil)
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages").items.compactMap { $0["stageName"] as? String } == ["dev", "prod"])
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages?deploymentId=zzz").items.isEmpty)
        #expect(h.call("DELETE", "/restapis/\(deployed.id)/stages/dev").status == 202)
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages/dev").message == "Invalid Stage identifier specified")
        let history = try h.store.read { try $0.stageHistory(restApiId: deployed.id, stageName: "dev") }
        #expect(history.map(\.fromDeploymentId) == [nil, deployed.deployment])
        #expect(history.map(\.toDeploymentId) == [deployed.deployment, nil])
    }

    @Test(arguments: [
        (#"{"stageName": "prod", "deploymentId": "DEP"}"#, 409, "Stage already exists"),
        (#"{"stageName": "bad.name", "deploymentId": "DEP"}"#, 400, "Stage name only allows a-zA-Z0-9_-"),
        (#"{"stageName": "qa", "deploymentId": "nope"}"#, 404, "Invalid Deployment identifier specified"),
        (#"{"stageName": "qa", "deploymentId": "DEP", "cacheClusterSize": "2"}"#, 400,
         "1 validation error detected: Value '2' at 'createStageInput.cacheClusterSize' failed to satisfy constraint: Member must satisfy enum value set: [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237]"),
    ])
    func createStageValidation(body: String, status: Int, message: String) throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let result = h.call("POST", "/restapis/\(deployed.id)/stages", body.replacingOccurrences(of: "DEP", with: deployed.deployment))
        #expect(result.status == status)
        #expect(result.message == message)
    }

    @Test func rollbackByReplacingDeploymentIdIsRecorded() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let second = h.deploy(deployed.id, stage: "prod")
        h.clock.advance(by: 60)
        let rolledBack = h.call("PATCH", "/restapis/\(deployed.id)/stages/prod",
                                ["patchOperations": [["op": "replace", "path": "/deploymentId", "value": deployed.deployment]]],
                                accessKey: "AKIDROLLBACK")
        #expect(rolledBack.status == 200 && rolledBack.string("deploymentId") == deployed.deployment)
        #expect(rolledBack["lastUpdatedDate"] as? Int == Int(h.clock.now))
        let history = try h.store.read { try $0.stageHistory(restApiId: deployed.id, stageName: "prod") }
        #expect(history.count == 3)
        #expect(history[2].fromDeploymentId == second && history[2].toDeploymentId == deployed.deployment)
        #expect(history[2].accessKeyId == "AKIDROLLBACK" && history[2].at == h.clock.now)
        let unknown = h.patch("/restapis/\(deployed.id)/stages/prod", [("replace", "/deploymentId", "nope")])
        #expect(unknown.status == 400 && unknown.message == "Deployment id does not exist")
        #expect(try h.store.read { try $0.stageHistory(restApiId: deployed.id, stageName: "prod") }.count == 3)
    }

    @Test func updateStageSettingsAndMethodSettings() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let result = h.patch("/restapis/\(deployed.id)/stages/prod", [
            ("replace", "/description", "d"), ("replace", "/variables/host", "example.com"),
            ("replace", "/*/*/throttling/rateLimit", "100"), ("replace", "/*/*/throttling/burstLimit", "50"),
            ("replace", "/~1pets/GET/throttling/rateLimit", "5.5"), ("replace", "/~1pets/GET/metrics/enabled", "true"),
            ("replace", "/tracingEnabled", "true"), ("replace", "/accessLogSettings/format", "$context.requestId"),
        ])
        #expect(result.status == 200)
        let settings = result["methodSettings"] as? [String: [String: Any]]
        #expect(settings?["*/*"]?["throttlingRateLimit"] as? Double == 100)
        #expect(settings?["*/*"]?["throttlingBurstLimit"] as? Int == 50)
        #expect(settings?["pets/GET"]?["throttlingRateLimit"] as? Double == 5.5)
        #expect(settings?["pets/GET"]?["metricsEnabled"] as? Bool == true)
        #expect(settings?["pets/GET"]?["throttlingBurstLimit"] as? Int == 5000)  // materialised with AWS defaults
        #expect(result["variables"] as? [String: String] == ["host": "example.com"])
        #expect(result["tracingEnabled"] as? Bool == true)
        #expect((result["accessLogSettings"] as? [String: String])?["format"] == "$context.requestId")
        let removed = h.patch("/restapis/\(deployed.id)/stages/prod", [("remove", "/variables/host", nil), ("remove", "/*/*", nil)])
        #expect(removed["variables"] == nil)
        #expect((removed["methodSettings"] as? [String: Any])?.keys.sorted() == ["pets/GET"])
    }

    @Test func updateStageRejectsUnknownPathsWithAWSList() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let result = h.patch("/restapis/\(deployed.id)/stages/prod", [("replace", "/nonsense", "x")])
        #expect(result.status == 400)
        #expect(result.message == "Invalid method setting path: /nonsense. Must be one of: \(StagePatch.validPathsMessage)")
        #expect(result.message?.hasPrefix("Invalid method setting path: /nonsense. Must be one of: [/deploymentId, /description,") == true)
    }

    @Test func stageChangesBumpTheRevisionButUndeployedEditsDoNot() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.putMockMethod(id, root)
        #expect(try h.store.revision() == 0)  // API edits are invisible to nodes
        _ = h.deploy(id)
        #expect(try h.store.revision() == 0)  // a deployment without a stage changes nothing served
        _ = h.deploy(id, stage: "prod")
        let afterStage = try h.store.revision()
        #expect(afterStage == 1)
        let pets = h.createResource(id, parent: root, "pets")
        h.putMockMethod(id, pets)
        h.patch("/restapis/\(id)", [("replace", "/description", "edited")])
        #expect(try h.store.revision() == afterStage)
        h.patch("/restapis/\(id)/stages/prod", [("replace", "/variables/a", "b")])
        #expect(try h.store.revision() == afterStage + 1)
        h.patch("/restapis/\(id)/stages/prod", [("replace", "/nonsense", "b")])  // rejected: no bump
        #expect(try h.store.revision() == afterStage + 1)
        h.call("DELETE", "/restapis/\(id)/stages/prod")
        #expect(try h.store.revision() == afterStage + 2)
    }

    @Test func anEnabledStageCacheIsAvailableAndFlushBumpsItsGeneration() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let created = h.call("POST", "/restapis/\(deployed.id)/stages", ["stageName": "qa", "deploymentId": deployed.deployment,
                                                                        "cacheClusterEnabled": true])
        #expect(created.status == 201)
        #expect(created.string("cacheClusterStatus") == "AVAILABLE" && created.string("cacheClusterSize") == "0.5")
        let patched = h.patch("/restapis/\(deployed.id)/stages/prod", [("replace", "/cacheClusterEnabled", "true"),
                                                                       ("replace", "/cacheClusterSize", "6.1")])
        #expect(patched.status == 200 && patched.string("cacheClusterStatus") == "AVAILABLE" && patched.string("cacheClusterSize") == "6.1")
        let encrypted = h.patch("/restapis/\(deployed.id)/stages/prod", [("replace", "/*/*/caching/enabled", "true"),
                                                                         ("replace", "/*/*/caching/dataEncrypted", "true")])
        #expect(encrypted.status == 400 && encrypted.message?.contains("encrypted stage cache") == true)
        let disabled = h.patch("/restapis/\(deployed.id)/stages/prod", [("replace", "/cacheClusterEnabled", "false")])
        #expect(disabled.string("cacheClusterStatus") == "NOT_AVAILABLE")
        let before = try h.store.revision()
        #expect(h.call("DELETE", "/restapis/\(deployed.id)/stages/prod/cache/data").status == 202)
        #expect(try h.store.revision() == before + 1, "the flush reaches nodes with the next snapshot")
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages/prod")["cacheGeneration"] as? Int == 1)
        #expect(h.call("DELETE", "/restapis/\(deployed.id)/stages/nope/cache/data").message == "Invalid Stage identifier specified")
    }
}
