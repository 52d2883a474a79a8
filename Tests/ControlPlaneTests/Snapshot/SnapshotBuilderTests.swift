import Foundation
import Testing
@testable import ControlPlane
import Shared

@Suite struct SnapshotBuilderTests {
    @Test func containsStagesWithFrozenDeploymentsKeysAsHashesPlansAndAccount() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let key = h.call("POST", "/apikeys", ["name": "k", "enabled": true])
        let plan = h.call("POST", "/usageplans", ["name": "p", "apiStages": [["apiId": deployed.id, "stage": "prod"]]]).string("id")!
        h.call("POST", "/usageplans/\(plan)/keys", ["keyId": key.string("id")!, "keyType": "API_KEY"])
        _ = h.createResource(deployed.id, parent: deployed.root, "undeployed")
        try h.store.write { tx in
            try tx.recordPoll(nodeId: "fresh", gossipAddress: "h:1", appliedRevision: 1, error: nil, now: h.clock.now)
            try tx.recordPoll(nodeId: "stale", gossipAddress: nil, appliedRevision: 1, error: nil, now: h.clock.now - 10_000)
            try tx.recordNode(NodeRecord(nodeId: "recorded", gossipAddress: "h:2", lastSeen: h.clock.now, appliedRevision: 1, lastError: nil))
            // "stale" has been silent for longer than the window: the check takes it out of the peer list.
            try tx.expireStaleNodes(now: h.clock.now)
        }

        let snapshot = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(snapshot.schemaVersion == Snapshot.currentSchemaVersion)
        #expect(snapshot.revision == (try h.store.revision()))
        #expect(snapshot.stages.count == 1)
        #expect(snapshot.stages[0].restApiId == deployed.id && snapshot.stages[0].stage.stageName == "prod")
        #expect(snapshot.stages[0].deployment.resources.map(\.path).sorted() == ["/", "/pets"])  // not /undeployed
        #expect(snapshot.apiKeys.count == 1)
        #expect(snapshot.apiKeys[0].valueSHA256 == Digest.sha256Hex(key.string("value")!.utf8))
        #expect(snapshot.apiKeys[0].enabled)
        #expect(snapshot.usagePlans.first?.keyIds == [key.string("id")!])
        #expect(snapshot.account == Account())
        #expect(snapshot.nodes.map(\.nodeId) == ["fresh", "recorded"])
        // The key value appears nowhere in the published snapshot.
        let encoded = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        #expect(!encoded.contains(key.string("value")!))
    }

    @Test func checksumIsStableAndCoversTheContent() throws {
        let h = try AdminHarness()
        _ = h.deployedApi()
        let first = try SnapshotBuilder.build(h.store, now: h.clock.now)
        let second = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(first.checksum.count == 64 && first.checksum == second.checksum)
        #expect(SnapshotCodec.checksum(of: first) == first.checksum)
        var tampered = first
        tampered.stages[0].stage.variables = ["x": "y"]
        #expect(SnapshotCodec.checksum(of: tampered) != first.checksum)
    }

    @Test func encodedBodyDecodesToTheBuiltSnapshot() throws {
        let h = try AdminHarness()
        _ = h.deployedApi()
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)
        let built = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(encoded.revision == built.revision)
        #expect(encoded.checksum == built.checksum)
        #expect(encoded.bytes == SnapshotCodec.encode(built))
        #expect(try SnapshotCodec.decode(encoded.bytes) == built)
    }

    /// The assembled body (`buildEncoded`) writes `domainNames` where `JSONEncoder` puts it.
    @Test func encodedBodyWithDomainNamesMatchesTheEncoder() throws {
        let h = try AdminHarness()
        let api = h.deployedApi()
        #expect(h.call("POST", "/domainnames", ["domainName": "d.example.com"]).status == 201)
        #expect(h.call("POST", "/domainnames/d.example.com/basepathmappings", ["restApiId": api.id, "basePath": "v1", "stage": "prod"]).status == 201)
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)
        let built = try SnapshotBuilder.build(h.store, now: h.clock.now)
        #expect(built.domainNames?.first?.mappings == [SnapshotBasePathMapping(basePath: "v1", restApiId: api.id, stage: "prod")])
        #expect(encoded.bytes == SnapshotCodec.encode(built))
        #expect(try SnapshotCodec.decode(encoded.bytes) == built)
    }

    @Test func protectionFieldsReachTheSnapshotNodesCompile() throws {
        let h = try AdminHarness()
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}"#
        let guarded = h.call("POST", "/restapis", ["name": "guarded", "policy": policy])
        let iam = h.createApi("iam")
        for (id, root) in [(guarded.string("id")!, guarded.string("rootResourceId")!), iam] {
            let resource = h.createResource(id, parent: root, "r")
            #expect(h.call("PUT", "/restapis/\(id)/resources/\(resource)/methods/GET", ["authorizationType": "AWS_IAM"]).status == 201)
            #expect(h.call("PUT", "/restapis/\(id)/resources/\(resource)/methods/GET/integration", ["type": "MOCK"]).status == 201)
            _ = h.deploy(id, stage: "prod")
        }

        // What a node receives: the encoded body, decoded and compiled as the data plane does.
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now)
        let snapshot = try SnapshotCodec.decode(encoded.bytes)
        let byApi = Dictionary(uniqueKeysWithValues: snapshot.stages.map { ($0.restApiId, $0.deployment) })
        #expect(byApi[guarded.string("id")!]?.api.policy == policy)
        #expect(byApi[iam.id]?.resources.first { $0.path == "/r" }?.resourceMethods?["GET"]?.authorizationType == "AWS_IAM")
        let compiled = try SnapshotCompiler.compile(snapshot)
        for (id, expectedPolicy) in [(guarded.string("id")!, policy as String?), (iam.id, nil)] {
            guard case .found(let stage) = compiled.lookup(restApiId: id[...], stage: "prod") else {
                Issue.record("stage prod of \(id) missing")
                continue
            }
            // AWS_IAM and the resource policy are the data plane's policy filter's, not refusals.
            #expect(stage.route(method: "GET", path: "/r")?.route.refusal == nil)
            #expect(stage.route(method: "GET", path: "/r")?.route.authorizationType == "AWS_IAM")
            #expect(stage.resourcePolicy == expectedPolicy)
        }
    }
}

/// IAM users reach the snapshot with sealed secrets and resolved policies.
@Suite struct SnapshotBuilderIAMTests {
    @Test func iamKeysTravelSealedAndPoliciesResolved() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}"#
        let key = IAMAccessKey(accessKeyId: "AKIATESTTESTTEST0001", userName: "bob",
                               secretAccessKey: "very-secret-value-0123456789abcdefghijkl", status: "Inactive", createDate: 0)
        try store.commit { tx in
            _ = try tx.insertIAMUser(IAMUser(userName: "bob", userId: "AIDABOB", path: "/", arn: "arn:aws:iam::123456789012:user/bob",
                                             createDate: 0, tags: []))
            try tx.putIAMAccessKey(key)
            try tx.putIAMUserPolicy(userName: "bob", policyName: "inline", document: policy)
            _ = try tx.insertIAMPolicy(IAMManagedPolicy(policyName: "mp", policyId: "ANPA", arn: "arn:aws:iam::123456789012:policy/mp",
                                                        path: "/", description: nil, document: "{\"managed\":1}", createDate: 0, tags: []))
            try tx.attachIAMPolicy(userName: "bob", policyArn: "arn:aws:iam::123456789012:policy/mp")
        }
        let seal = SecretSeal(clusterSecret: "cluster")
        let encoded = try SnapshotBuilder.buildEncoded(store, now: 0, seal: seal)
        #expect(!String(decoding: encoded.bytes, as: UTF8.self).contains(key.secretAccessKey), "never in clear")
        let snapshot = try SnapshotCodec.decode(encoded.bytes)
        let user = try #require(snapshot.iam?.users.first)
        #expect(user.arn == "arn:aws:iam::123456789012:user/bob" && user.userId == "AIDABOB")
        #expect(user.policies == [policy, "{\"managed\":1}"], "inline first, then attached")
        let shipped = try #require(user.accessKeys.first)
        #expect(shipped.accessKeyId == key.accessKeyId && !shipped.active)
        #expect(seal.open(shipped.sealedSecret, context: key.accessKeyId) == key.secretAccessKey)
        #expect(try SnapshotBuilder.buildEncoded(store, now: 0, seal: seal).bytes == encoded.bytes, "deterministic")
        // Without a seal (no cluster secret) the users are left out rather than sent in clear.
        #expect(try SnapshotCodec.decode(SnapshotBuilder.buildEncoded(store, now: 0).bytes).iam == nil)
    }
}
