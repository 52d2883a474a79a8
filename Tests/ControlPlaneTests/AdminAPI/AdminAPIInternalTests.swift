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

    /// `after` is `tollgate audit --follow`'s cursor: rows with a greater `seq`, in `seq` order.
    @Test func auditEndpointPagesAfterASeq() throws {
        let h = try AdminHarness()
        for name in ["a", "b", "c"] { _ = h.createApi(name) }
        let seqs = h.call("GET", "/_tollgate/v1/audit").items.compactMap { ($0["seq"] as? Int).map(Int64.init) }
        #expect(seqs.count == 3 && seqs == seqs.sorted())
        let after = h.call("GET", "/_tollgate/v1/audit?after=\(seqs[0])").items.compactMap { ($0["seq"] as? Int).map(Int64.init) }
        #expect(after == Array(seqs.dropFirst()))
        #expect(h.call("GET", "/_tollgate/v1/audit?after=\(seqs[2])").items.isEmpty)
        #expect(h.call("GET", "/_tollgate/v1/audit?after=\(seqs[0])&limit=1").items.count == 1)
        #expect(h.call("GET", "/_tollgate/v1/audit?after=last").status == 400)
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
        let now = h.clock.now
        try h.store.write { tx in
            try tx.recordNode(NodeRecord(nodeId: "n1", gossipAddress: "10.0.0.1:7946", lastSeen: now - NodeRecord.liveWindowSeconds,
                                         appliedRevision: 3, lastError: nil))
            try tx.recordNode(NodeRecord(nodeId: "n2", gossipAddress: nil, lastSeen: now - NodeRecord.liveWindowSeconds - 1,
                                         appliedRevision: 2, lastError: "compile error: bad"))
            // Silent for longer than the drop time: not listed even before the window check deletes it.
            try tx.recordNode(NodeRecord(nodeId: "n3", gossipAddress: nil, lastSeen: now - NodeRecord.listingWindowSeconds - 1,
                                         appliedRevision: 1, lastError: nil))
        }
        let items = h.call("GET", "/_tollgate/v1/nodes").items
        #expect(items.map { $0["nodeId"] as? String } == ["n1", "n2"])
        #expect(items.map { $0["status"] as? String } == ["live", "silent"])
        #expect(items.map { $0["silentSeconds"] as? Int } == [Int(NodeRecord.liveWindowSeconds), Int(NodeRecord.liveWindowSeconds) + 1])
        #expect(items.last?["lastError"] as? String == "compile error: bad")
        let revision = h.call("GET", "/_tollgate/v1/revision")
        #expect(revision["revision"] as? Int == 0)
        let epoch = try #require(revision["epoch"] as? String)
        #expect(epoch.count == 32 && epoch.allSatisfy(\.isHexDigit))
        #expect((h.call("GET", "/_tollgate/v1/nodes")["canaries"] as? [Any])?.isEmpty == true, "no stage has a canary")
        #expect(h.call("POST", "/_tollgate/v1/audit").status == 404)
        #expect(h.call("GET", "/_tollgate/v1/other").status == 404)
    }

    @Test func theNodesAnswerListsEveryStagesCanaryAtItsRevision() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        _ = h.deploy(deployed.id, stage: "beta")
        let canary = h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod", "canarySettings": ["percentTraffic": 12.5]])
        #expect(canary.status == 201)
        let answer = h.call("GET", "/_tollgate/v1/nodes")
        let canaries = try #require(answer["canaries"] as? [[String: Any]])
        #expect(canaries.count == 1, "beta has no canary")
        #expect(canaries.first?["restApiId"] as? String == deployed.id)
        #expect(canaries.first?["stageName"] as? String == "prod")
        #expect(canaries.first?["deploymentId"] as? String == canary.string("id"))
        #expect(canaries.first?["percentTraffic"] as? Double == 12.5)
        #expect(answer["revision"] as? Int == h.call("GET", "/_tollgate/v1/revision")["revision"] as? Int)

        // Removing the canary (UpdateStage `remove /canarySettings`) takes it off the list.
        let removed = h.call("PATCH", "/restapis/\(deployed.id)/stages/prod", ["patchOperations": [["op": "remove", "path": "/canarySettings"]]])
        #expect(removed.status == 200)
        #expect((h.call("GET", "/_tollgate/v1/nodes")["canaries"] as? [[String: Any]])?.isEmpty == true)
    }
}
