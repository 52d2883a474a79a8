import Testing
@testable import ControlPlane
import Shared

@Suite struct ConfigStoreTests {
    struct Boom: Error {}

    @Test func revisionIsMonotonicAcrossReopeningTheSameFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var seen: [Int64] = []
        for _ in 0..<3 {
            let store = try ConfigStore(directory: dir.path)
            seen.append(try store.revision())
            try store.write { tx in
                try tx.putAccount(Account())
                try tx.bumpRevision()
            }
            seen.append(try store.revision())
        }
        #expect(seen == [0, 2, 2, 4, 4, 6])
    }

    @Test func aFailedTransactionLeavesNoTrace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try ConfigStore(directory: dir.path)
        #expect(throws: Boom.self) {
            try store.write { tx in
                try tx.putUsagePlan(UsagePlan(id: "p1", name: "p"), at: 0)
                throw Boom()
            }
        }
        #expect(try store.revision() == 0)
        #expect(try store.read { try $0.usagePlan("p1") } == nil)
    }

    @Test func quotaAnchorsFollowQuotaChangesAndSurviveReopening() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var plan = UsagePlan(id: "p1", name: "p", quota: QuotaSettings(limit: 10, offset: 4, period: "DAY"))
        do {
            let store = try ConfigStore(directory: dir.path)
            try store.write { tx in
                try tx.putUsagePlan(plan, at: 100)
                try tx.putUsagePlan(UsagePlan(id: "p2", name: "no quota"), at: 100)
            }
            plan.description = "same quota"
            plan.quota?.offset = 4
            try store.write { tx in try tx.putUsagePlan(plan, at: 200) }
            #expect(try store.read { try $0.usagePlanQuotaAnchor("p1") } == 100)
            plan.quota?.offset = 3
            try store.write { tx in try tx.putUsagePlan(plan, at: 300) }
            #expect(try store.read { try $0.usagePlanQuotaAnchor("p1") } == 300)
        }
        let reopened = try ConfigStore(directory: dir.path)
        #expect(try reopened.read { try $0.usagePlanQuotaAnchor("p1") } == 300)
        #expect(try reopened.read { try $0.usagePlanQuotaAnchors() } == ["p1": 300])
        #expect(try reopened.read { try $0.usagePlanQuotaAnchor("p2") } == nil)
        #expect(try reopened.read { try $0.usagePlanQuotaAnchor("missing") } == nil)
        plan.quota = nil
        try reopened.write { tx in try tx.putUsagePlan(plan, at: 400) }
        #expect(try reopened.read { try $0.usagePlanQuotaAnchors() }.isEmpty)
    }

    @Test func committedWritesAreThereAfterReopen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let api = RestApi(id: "a1b2c3d4e5", name: "x", createdDate: 1, rootResourceId: "r1r2r3r4r5")
        let content = DeploymentContent(api: api, resources: [Resource(id: "r1r2r3r4r5", path: "/")])
        do {
            let store = try ConfigStore(directory: dir.path)
            try store.write { tx in
                try tx.insertRestApi(content)
                try tx.insertDeployment(restApiId: api.id, Deployment(id: "dep001", createdDate: 2), content: content)
                try tx.putStage(restApiId: api.id, Stage(deploymentId: "dep001", stageName: "prod", createdDate: 2, lastUpdatedDate: 2))
            }
        }
        let reopened = try ConfigStore(directory: dir.path)
        #expect(try reopened.read { try $0.restApi(api.id) } == content)
        #expect(try reopened.read { try $0.deploymentContent(restApiId: api.id, id: "dep001") } == content)
        #expect(try reopened.read { try $0.stage(restApiId: api.id, name: "prod") }?.deploymentId == "dep001")
        #expect(try reopened.revision() == 1)
    }

    @Test func schemaRefusesDeletingAStagedDeployment() throws {
        let store = try ConfigStore(path: ":memory:")
        let api = RestApi(id: "a", name: "x", createdDate: 1, rootResourceId: "r")
        let content = DeploymentContent(api: api, resources: [])
        try store.write { tx in
            try tx.insertRestApi(content)
            try tx.insertDeployment(restApiId: "a", Deployment(id: "d", createdDate: 1), content: content)
            try tx.putStage(restApiId: "a", Stage(deploymentId: "d", stageName: "s", createdDate: 1, lastUpdatedDate: 1))
        }
        #expect(throws: StoreError.self) { try store.write { try $0.deleteDeployment(restApiId: "a", id: "d") } }
        // Deleting the API takes its stages and deployments with it.
        try store.write { try $0.deleteRestApi("a") }
        #expect(try store.read { try $0.deployments(restApiId: "a") }.isEmpty)
    }

    @Test func nodesAreUpsertedAndFilteredByLastSeen() throws {
        let store = try ConfigStore(path: ":memory:")
        try store.write { tx in
            try tx.recordNode(NodeRecord(nodeId: "a", gossipAddress: nil, lastSeen: 10, appliedRevision: nil, lastError: nil))
            try tx.recordNode(NodeRecord(nodeId: "b", gossipAddress: "h:1", lastSeen: 20, appliedRevision: 4, lastError: nil))
            try tx.recordNode(NodeRecord(nodeId: "a", gossipAddress: "h:2", lastSeen: 30, appliedRevision: 5, lastError: "bad"))
        }
        let nodes = try store.read { try $0.nodes(seenSince: 15) }
        #expect(nodes.map(\.nodeId) == ["a", "b"])
        #expect(nodes[0] == NodeRecord(nodeId: "a", gossipAddress: "h:2", lastSeen: 30, appliedRevision: 5, lastError: "bad"))
        #expect(try store.revision() == 0)
    }
}
