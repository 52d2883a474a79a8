import Testing
@testable import ControlPlane
import Shared

@Suite struct DeploymentJSONCacheTests {
    @Test func cachedBuildsEqualUncachedOnesAndKeepOnlyCurrentDeployments() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let cache = DeploymentJSONCache()
        let first = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, cache: cache)
        #expect(first == (try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)))
        #expect(cache.count == 1)

        // A second stage on the same deployment shares the entry; a new deployment replaces it.
        #expect(h.call("POST", "/restapis/\(deployed.id)/stages", ["stageName": "dev", "deploymentId": deployed.deployment]).status == 201)
        _ = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, cache: cache)
        #expect(cache.count == 1)
        h.putMockMethod(deployed.id, deployed.root)
        _ = h.deploy(deployed.id, stage: "prod")
        _ = h.deploy(deployed.id, stage: "dev")
        let later = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, cache: cache)
        #expect(later == (try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)))
        #expect(cache.count == 1)
        #expect(try SnapshotCodec.decode(later.bytes).stages.allSatisfy { $0.deployment.resources.count == 2 })

        #expect(h.call("DELETE", "/restapis/\(deployed.id)").status == 202)
        _ = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, cache: cache)
        #expect(cache.count == 0)
    }
}
