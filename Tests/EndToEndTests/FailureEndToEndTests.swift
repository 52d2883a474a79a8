import Foundation
import Testing
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// What survives a dead control plane, a node restart and a corrupt disk cache (clusters of their own).
@Suite(.serialized, .timeLimit(.minutes(2))) struct FailureEndToEndTests {
    /// A deployed MOCK API answering `GET /prod/ping` with `pong`.
    static func deployPing(_ cluster: Cluster) async throws -> String {
        let api = try await ApiBuilder.create(cluster.admin, name: "ping")
        try await api.mock(try await api.resource("ping"), body: "pong")
        try await api.deploy(stage: "prod")
        let ready = await cluster.untilEveryNode(within: .seconds(5)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/ping").text) == "pong"
        }
        guard ready != nil else { throw ProcessError("the ping API did not reach every node") }
        return api.id
    }

    /// A port nothing listens on right now (bound and released).
    static func freePort() throws -> Int { unusedPort() }

    @Test func nodesKeepServingWithoutTheControlPlaneAndRestartFromTheirDiskCache() async throws {
        let cluster = try await Cluster.start(nodes: 3)
        do {
            let apiId = try await Self.deployPing(cluster)
            cluster.killControlPlane()

            // Every node keeps answering from the snapshot it holds.
            for _ in 0..<3 {
                for port in cluster.nodePorts {
                    let response = try await cluster.invoke(port: port, apiId: apiId, "/prod/ping")
                    #expect(response.status == 200 && response.text == "pong")
                }
            }

            // A node restarted while the control plane is still down serves from its disk cache at once.
            #expect(await cluster.node(2).stop() == 0, "graceful shutdown on SIGTERM")
            let restarted = try await cluster.startNode(2)
            let health = try await cluster.send(port: restarted.port, "/_tollgate/health")
            #expect(health.status == 200)
            let response = try await cluster.invoke(port: restarted.port, apiId: apiId, "/prod/ping")
            #expect(response.status == 200 && response.text == "pong")
            #expect(restarted.log.contains("applied snapshot revision"))
            #expect(restarted.log.contains("from disk cache"))
            #expect(restarted.log.contains("control plane unreachable"))
        } catch {
            Issue.record(error)
        }
        await cluster.stop()
    }

    @Test func corruptDiskCacheIsIgnoredAndRefetchedOnceTheControlPlaneIsBack() async throws {
        let cluster = try await Cluster.start(nodes: 1)
        do {
            let apiId = try await Self.deployPing(cluster)
            #expect(await cluster.node(0).stop() == 0)
            cluster.killControlPlane()
            let cacheFile = cluster.stateDirectory(0) + "/snapshot.json"
            var bytes = try #require(FileManager.default.contents(atPath: cacheFile))
            bytes[bytes.count / 2] ^= 0x20
            try bytes.write(to: URL(fileURLWithPath: cacheFile))

            // The control plane will come back on a port of its own; the node starts first.
            let port = try Self.freePort()
            let node = try await cluster.startNode(0, controlPlane: "http://127.0.0.1:\(port)")
            #expect(try await cluster.send(port: node.port, "/_tollgate/health").status == 503)
            #expect(try await cluster.invoke(port: node.port, apiId: apiId, "/prod/ping").status == 503)
            #expect(node.log.contains("snapshot checksum mismatch"))
            #expect(node.log.contains("moved the unusable snapshot cache to"))
            let quarantined = try FileManager.default.contentsOfDirectory(atPath: cluster.stateDirectory(0))
            #expect(quarantined.contains { $0.hasPrefix("snapshot.json.corrupt-") })

            try await cluster.restartControlPlane(port: port)
            let served = await cluster.untilEveryNode(within: .seconds(6)) { nodePort in
                (try? await cluster.invoke(port: nodePort, apiId: apiId, "/prod/ping").text) == "pong"
            }
            #expect(served != nil, "the node did not refetch the snapshot after the control plane came back")
            // The node persists right after the snapshot goes live; give the fsync a moment.
            let deadline = ContinuousClock.now + .seconds(2)
            while !FileManager.default.fileExists(atPath: cacheFile), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(FileManager.default.fileExists(atPath: cacheFile), "the refetched snapshot is cached again")
        } catch {
            Issue.record(error)
        }
        await cluster.stop()
    }
}
