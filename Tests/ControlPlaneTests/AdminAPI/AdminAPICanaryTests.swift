import Shared
import Testing
@testable import ControlPlane

/// Canary releases through the admin API: CreateDeployment/CreateStage `canarySettings`, the
/// UpdateStage `/canarySettings/*` paths, promotion by `copy`, and the snapshot carrying the canary.
@Suite struct AdminAPICanaryTests {
    /// An API deployed to `prod` and a canary deployment on it at `percent` with `who=canary`.
    private func canaryStage(_ h: AdminHarness, percent: Double = 10) -> (id: String, main: String, canary: String) {
        let deployed = h.deployedApi()
        let result = h.call("POST", "/restapis/\(deployed.id)/deployments",
                            ["stageName": "prod", "canarySettings": ["percentTraffic": percent, "stageVariableOverrides": ["who": "canary"]]])
        precondition(result.status == 201, "canary CreateDeployment failed: \(result.json)")
        return (deployed.id, deployed.deployment, result.string("id")!)
    }

    @Test func createDeploymentWithCanarySettingsMakesTheStageCanary() throws {
        let h = try AdminHarness()
        let (id, main, canary) = canaryStage(h)
        let stage = h.call("GET", "/restapis/\(id)/stages/prod")
        #expect(stage.string("deploymentId") == main)  // the stage keeps its own deployment
        let settings = try #require(stage["canarySettings"] as? [String: Any])
        #expect(settings["deploymentId"] as? String == canary)
        #expect(settings["percentTraffic"] as? Double == 10)
        #expect(settings["stageVariableOverrides"] as? [String: String] == ["who": "canary"])
        #expect(settings["useStageCache"] as? Bool == false)
        let listed = h.call("GET", "/restapis/\(id)/stages").items.first { $0["stageName"] as? String == "prod" }
        #expect((listed?["canarySettings"] as? [String: Any])?["deploymentId"] as? String == canary)

        // The snapshot carries the canary deployment beside the stage's own.
        let snapshot = try SnapshotBuilder.build(h.store, now: h.clock.now)
        let entry = try #require(snapshot.stages.first { $0.restApiId == id && $0.stage.stageName == "prod" })
        #expect(entry.canaryDeployment != nil)
        let compiled = try SnapshotCompiler.compileStage(entry)
        #expect(compiled.canary?.stage.deploymentId == canary && compiled.canary?.stage.variables["who"] == "canary")
        #expect(compiled.canary?.percentTraffic == 10 && compiled.deploymentId == main)
        // The encoded (assembled) snapshot decodes to the same value.
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)
        let decoded = try SnapshotCodec.decode(encoded.bytes)
        #expect(decoded.stages.first { $0.stage.stageName == "prod" }?.canaryDeployment == entry.canaryDeployment)
    }

    @Test(arguments: [
        (#"{"canarySettings": {"percentTraffic": 5}}"#, 400,
         "Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null"),
        (#"{"stageName": "beta", "canarySettings": {"percentTraffic": 5}}"#, 400,
         "Invalid deployment content specified.Stage beta must already be created before making a canary release deployment"),
        (#"{"stageName": "prod", "canarySettings": {"percentTraffic": 100.5}}"#, 400,
         "Canary traffic percentage must be between 0.0 and 100.0: 100.5"),
        (#"{"stageName": "prod", "canarySettings": {"percentTraffic": -1}}"#, 400,
         "Canary traffic percentage must be between 0.0 and 100.0: -1.0"),
        (#"{"stageName": "prod", "canarySettings": {"stageVariableOverrides": {"a b": "x"}}}"#, 400,
         "Stage variable name a b must only contain alphanumeric characters and underscores"),
        (#"{"stageName": "prod", "canarySettings": {"useStageCache": true}}"#, 400,
         "This gateway does not serve canarySettings.useStageCache without a stage cache yet (cacheClusterEnabled is false on stage prod); remove it before deploying"),
    ])
    func createCanaryDeploymentValidation(body: String, status: Int, message: String) throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let result = h.call("POST", "/restapis/\(deployed.id)/deployments", body)
        #expect(result.status == status)
        #expect(result.message == message)
        // Nothing was left behind: no new deployment, no canary.
        #expect(h.call("GET", "/restapis/\(deployed.id)/deployments").items.count == 1)
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages/prod")["canarySettings"] == nil)
    }

    @Test func createStageWithCanarySettings() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let second = h.deploy(deployed.id)
        let created = h.call("POST", "/restapis/\(deployed.id)/stages", [
            "stageName": "beta", "deploymentId": deployed.deployment,
            "canarySettings": ["percentTraffic": 25.5, "deploymentId": second, "stageVariableOverrides": ["v": "2"]],
        ])
        #expect(created.status == 201)
        let settings = created["canarySettings"] as? [String: Any]
        #expect(settings?["deploymentId"] as? String == second && settings?["percentTraffic"] as? Double == 25.5)
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages/beta")["canarySettings"] != nil)
        let unknown = h.call("POST", "/restapis/\(deployed.id)/stages", [
            "stageName": "gamma", "deploymentId": deployed.deployment, "canarySettings": ["deploymentId": "nope"],
        ])
        #expect(unknown.status == 404 && unknown.message == "Invalid Deployment identifier specified")
        let tooMuch = h.call("POST", "/restapis/\(deployed.id)/stages", [
            "stageName": "gamma", "deploymentId": deployed.deployment, "canarySettings": ["percentTraffic": 101],
        ])
        #expect(tooMuch.status == 400 && tooMuch.message == "Canary traffic percentage must be between 0.0 and 100.0: 101.0")
    }

    @Test func updateStageCanaryPaths() throws {
        let h = try AdminHarness()
        let (id, main, _) = canaryStage(h)
        let updated = h.patch("/restapis/\(id)/stages/prod", [
            ("replace", "/canarySettings/percentTraffic", "42.5"), ("replace", "/canarySettings/deploymentId", main),
            ("replace", "/canarySettings/stageVariableOverrides/extra", "x"), ("remove", "/canarySettings/stageVariableOverrides/who", nil),
            ("replace", "/canarySettings/useStageCache", "false"),
        ])
        #expect(updated.status == 200)
        let settings = updated["canarySettings"] as? [String: Any]
        #expect(settings?["percentTraffic"] as? Double == 42.5 && settings?["deploymentId"] as? String == main)
        #expect(settings?["stageVariableOverrides"] as? [String: String] == ["extra": "x"])
        let removed = h.patch("/restapis/\(id)/stages/prod", [("remove", "/canarySettings", nil)])
        #expect(removed.status == 200 && removed["canarySettings"] == nil)
    }

    @Test(arguments: [
        ("replace", "/canarySettings/percentTraffic", "101", "Canary traffic percentage must be between 0.0 and 100.0: 101.0"),
        ("replace", "/canarySettings/percentTraffic", "ten", "Invalid double value for patch path /canarySettings/percentTraffic: ten"),
        ("replace", "/canarySettings/deploymentId", "nope", "Deployment id does not exist"),
        ("add", "/canarySettings/deploymentId", "x", "Invalid add operation with path: /canarySettings/deploymentId"),
        ("replace", "/canarySettings/useStageCache", "true", "This gateway does not serve canarySettings.useStageCache without a stage cache yet (cacheClusterEnabled is false on stage prod); remove it before deploying"),
        ("replace", "/canarySettings/other", "1", "Invalid replace operation with path: /canarySettings/other"),
    ])
    func updateStageCanaryValidation(op: String, path: String, value: String, message: String) throws {
        let h = try AdminHarness()
        let (id, _, _) = canaryStage(h)
        let result = h.patch("/restapis/\(id)/stages/prod", [(op, path, value)])
        #expect(result.status == 400)
        #expect(result.message == message)
        #expect((h.call("GET", "/restapis/\(id)/stages/prod")["canarySettings"] as? [String: Any])?["percentTraffic"] as? Double == 10)
    }

    @Test func canaryPathsNeedACanary() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        for (op, path) in [("replace", "/canarySettings/percentTraffic"), ("remove", "/canarySettings")] {
            let result = h.patch("/restapis/\(deployed.id)/stages/prod", [(op, path, "1")])
            #expect(result.status == 400 && result.message == "Promotion not available. Canary does not exist.")
        }
        let copy = h.call("PATCH", "/restapis/\(deployed.id)/stages/prod", ["patchOperations": [
            ["op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"]]])
        #expect(copy.status == 400 && copy.message == "Promotion not available. Canary does not exist.")
    }

    @Test func promotionCopiesDeploymentAndOverrides() throws {
        let h = try AdminHarness()
        let (id, main, canary) = canaryStage(h)
        let promoted = h.call("PATCH", "/restapis/\(id)/stages/prod", ["patchOperations": [
            ["op": "replace", "path": "/canarySettings/percentTraffic", "value": "0.0"],
            ["op": "copy", "from": "/canarySettings/stageVariableOverrides", "path": "/variables"],
            ["op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"],
        ]])
        #expect(promoted.status == 200)
        #expect(promoted.string("deploymentId") == canary)
        #expect(promoted["variables"] as? [String: String] == ["who": "canary"])
        // Promotion does not disable the canary, as on AWS; the stage history records the change.
        #expect((promoted["canarySettings"] as? [String: Any])?["percentTraffic"] as? Double == 0)
        let history = try h.store.read { try $0.stageHistory(restApiId: id, stageName: "prod") }
        #expect(history.last?.fromDeploymentId == main && history.last?.toDeploymentId == canary)
        let wrong = h.call("PATCH", "/restapis/\(id)/stages/prod", ["patchOperations": [
            ["op": "copy", "from": "/canarySettings/percentTraffic", "path": "/deploymentId"]]])
        #expect(wrong.status == 400)
        #expect(wrong.message == "Invalid copy operation with path: /deploymentId and from /canarySettings/percentTraffic. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]")
    }

    @Test func canaryDeploymentCannotBeDeletedWhileInUse() throws {
        let h = try AdminHarness()
        let (id, _, canary) = canaryStage(h)
        let refused = h.call("DELETE", "/restapis/\(id)/deployments/\(canary)")
        #expect(refused.status == 400 && refused.message == "Active stages pointing to this deployment must be moved or deleted")
        _ = h.patch("/restapis/\(id)/stages/prod", [("remove", "/canarySettings", nil)])
        #expect(h.call("DELETE", "/restapis/\(id)/deployments/\(canary)").status == 202)
    }
}
