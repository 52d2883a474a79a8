import ControlPlane
import DataPlane
import Foundation
import Testing
import Shared

/// Revision identity across databases, in-process: a node's cached snapshot from one control-plane
/// database is never taken for the same revision of another.
@Suite(.serialized, .timeLimit(.minutes(2))) struct EpochEndToEndTests {
    static let credentials = SigV4Credentials(accessKeyId: "AKIDEPOCHTEST0000001", secretAccessKey: "epoch-test-secret")
    static let clusterSecret = "epoch-test-cluster-secret"

    static func controlPlane(_ directory: String) throws -> (ControlPlaneService, Int) {
        let service = try ControlPlaneService(configuration: .init(
            dataDirectory: directory, adminAccessKeyId: credentials.accessKeyId, adminSecretAccessKey: credentials.secretAccessKey,
            clusterSecret: clusterSecret))
        return (service, try service.start())
    }

    static func node(_ stateDirectory: String, controlPlanePort: Int) throws -> DataPlaneNode {
        try DataPlaneNode(configuration: .init(
            controlPlane: HTTPEndpointAddress(host: "127.0.0.1", port: controlPlanePort), stateDirectory: stateDirectory,
            nodeId: "epoch-node", clusterSecret: clusterSecret, threads: 1,
            pollTiming: .init(backoffBase: .milliseconds(20), backoffCap: .milliseconds(100)), shutdownGracePeriod: .milliseconds(200)))
    }

    /// An API whose `GET /which` answers `body` on stage `prod`; returns its id.
    static func deployApi(_ admin: AdminClient, body: String) async throws -> String {
        let api = try await ApiBuilder.create(admin, name: "epoch-\(body)")
        try await api.mock(try await api.resource("which"), body: body)
        try await api.deploy(stage: "prod")
        return api.id
    }

    static func which(_ client: HTTPClient, port: Int, apiId: String) async -> String? {
        let response = try? await client.execute(HTTPClientRequest(
            host: "127.0.0.1", port: port, target: "/prod/which", headers: ["Host": "\(apiId).execute-api.localhost:\(port)"],
            connectTimeout: .seconds(2), responseTimeout: .seconds(5)))
        return response.flatMap { $0.status == 200 ? String(decoding: $0.body, as: UTF8.self) : nil }
    }

    static func eventually(_ timeout: Duration = .seconds(10), _ body: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await body() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func aNodeCachedFromDatabaseAPointedAtDatabaseBWithTheSameRevisionServesB() async throws {
        let root = NSTemporaryDirectory() + "tollgate-epoch-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)

        // Database A: an API, a revision counter well ahead, and a node that caches A's snapshot.
        let (a, portA) = try Self.controlPlane(root + "/a")
        let apiA = try await Self.deployApi(AdminClient(endpoint: HTTPEndpointAddress(host: "127.0.0.1", port: portA),
                                                        credentials: Self.credentials, client: client), body: "from-a")
        try a.store.write { tx in for _ in 0..<100 { try tx.bumpRevision() } }
        let first = try Self.node(root + "/state", controlPlanePort: portA)
        let nodePort = try first.start()
        #expect(await Self.eventually { await Self.which(client, port: nodePort, apiId: apiA) == "from-a" })
        // Let the join's bump arrive too, so the cached revision is A's last.
        #expect(await Self.eventually { first.servingRevision == (try? a.store.revision()) })
        let cached = try #require(first.servingRevision)
        await first.shutdown()
        await a.shutdown(gracePeriod: .milliseconds(200))

        // Database B (a new one, or A restored from an old backup): other contents, the node already
        // listed, and the counter at exactly the revision the node cached.
        let (b, portB) = try Self.controlPlane(root + "/b")
        let apiB = try await Self.deployApi(AdminClient(endpoint: HTTPEndpointAddress(host: "127.0.0.1", port: portB),
                                                        credentials: Self.credentials, client: client), body: "from-b")
        try b.store.write { tx in
            try tx.recordNode(NodeRecord(nodeId: "epoch-node", gossipAddress: nil, lastSeen: Int64(Date().timeIntervalSince1970),
                                         appliedRevision: cached, lastError: nil))
            while try tx.revision() < cached { try tx.bumpRevision() }
        }
        #expect(try b.store.revision() == cached)
        b.hub.publish(revision: try b.store.revision())

        // The restarted node boots from A's cached snapshot, then must end up serving B.
        let second = try Self.node(root + "/state", controlPlanePort: portB)
        let secondPort = try second.start()
        let servesB = await Self.eventually { await Self.which(client, port: secondPort, apiId: apiB) == "from-b" }
        #expect(servesB, "the node kept A's snapshot (revision \(cached)) although the control plane now has database B")
        #expect(await Self.which(client, port: secondPort, apiId: apiA) == nil, "A's API is gone")

        await second.shutdown()
        await b.shutdown(gracePeriod: .milliseconds(200))
        await client.shutdown()
        group.shutdown()
    }
}
