import Testing
@testable import ControlPlane

@Suite struct AdminAPIInternalTests {
    @Test func auditEndpointFiltersBySince() throws {
        let h = try AdminHarness()
        _ = h.createApi("a")
        h.clock.advance(by: 100)
        _ = h.createApi("b")
        let all = h.call("GET", "/_tollgate/v1/audit")
        #expect(all.status == 200 && all.items.count == 2)
        let recent = h.call("GET", "/_tollgate/v1/audit?since=\(h.clock.now)")
        #expect(recent.items.count == 1)
        #expect(recent.items.first?["operation"] as? String == "CreateRestApi")
        #expect(recent.items.first?["accessKeyId"] as? String == "AKIDADMIN")
        #expect(h.call("GET", "/_tollgate/v1/audit?since=yesterday").status == 400)
    }

    @Test func stageHistoryEndpointListsDeploymentChanges() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let second = h.deploy(deployed.id, stage: "prod")
        let history = h.call("GET", "/_tollgate/v1/stages/\(deployed.id)/prod/history")
        #expect(history.status == 200)
        #expect(history.items.map { $0["toDeploymentId"] as? String } == [deployed.deployment, second])
        #expect(history.items.last?["fromDeploymentId"] as? String == deployed.deployment)
    }

    @Test func nodesAndRevisionEndpoints() throws {
        let h = try AdminHarness()
        try h.store.write { try $0.recordNode(NodeRecord(nodeId: "n1", gossipAddress: "10.0.0.1:7946", lastSeen: 5,
                                                          appliedRevision: 3, lastError: nil)) }
        #expect(h.call("GET", "/_tollgate/v1/nodes").items.first?["nodeId"] as? String == "n1")
        #expect(h.call("GET", "/_tollgate/v1/revision")["revision"] as? Int == 0)
        #expect(h.call("POST", "/_tollgate/v1/audit").status == 404)
        #expect(h.call("GET", "/_tollgate/v1/other").status == 404)
    }
}
