import Foundation
import Testing
import Shared
@testable import tollgate

/// Snapshots have their own size limit: one over the 10 MiB of API traffic reaches the nodes, and
/// one over a node's `--max-snapshot-bytes` is reported by that node and shown by `tollgate nodes`.
/// Real processes; its own cluster, so the shared one never carries a 12 MiB snapshot.
@Suite(.serialized, .timeLimit(.minutes(3))) struct SnapshotSizeEndToEndTests {
    static let nodeLimit = 4 * 1024 * 1024

    @Test func aSnapshotOverTenMebibytesReachesNodesAndOneOverANodesLimitShowsInTollgateNodes() async throws {
        let cluster = try await Cluster.start(nodes: 2, nodeArguments: [1: ["--max-snapshot-bytes", String(Self.nodeLimit)]])
        let api = try await ApiBuilder.create(cluster.admin, name: "big")
        try await api.mock(try await api.resource("ping"), body: "pong")
        // 6 MiB of response templates on another method (24 of 256 KiB: one template may hold at most
        // 300 KB, as on AWS); two stages carry the deployment twice: > 12 MiB.
        let big = try await api.resource("big")
        try await api.mock(big, body: "big")
        var templates: [String: String] = [:]
        for index in 0..<24 { templates["application/x-filler-\(index)"] = String(repeating: "b", count: 256 * 1024) }
        try await api.integrationResponse(big, "GET", "200", ["responseTemplates": templates])
        let deployment = try await api.deploy(stage: "prod")
        _ = try await cluster.admin.call(.POST, "/restapis/\(api.id)/stages", json: ["stageName": "copy", "deploymentId": deployment])
        let revision = try #require(try await cluster.admin.call(.GET, "/_tollgate/v1/revision")["revision"] as? Int)

        let ports = cluster.nodePorts
        let served = await cluster.untilEveryNode(within: .seconds(60)) { port in
            port != ports[1] ? (try? await cluster.invoke(port: port, apiId: api.id, "/copy/ping", timeout: .seconds(5)).text) == "pong" : true
        }
        #expect(served != nil, "the snapshot over 10 MiB did not reach node-0")
        #expect((try? await cluster.invoke(port: ports[1], apiId: api.id, "/copy/ping").status) != 200, "node-1 refused it")

        // `tollgate nodes`: node-0 live at the revision, node-1 live with the size error.
        var report = ""
        let deadline = ContinuousClock.now + .seconds(20)
        repeat {
            report = try await AdminTools(client: cluster.admin).nodes()
            let lines = report.split(separator: "\n")
            let node0 = lines.first { $0.hasPrefix("node-0 ") }.map(String.init) ?? ""
            let node1 = lines.first { $0.hasPrefix("node-1 ") }.map(String.init) ?? ""
            if node0.contains(" live "), node1.contains(" live "), node1.contains("over this node's limit of \(Self.nodeLimit) bytes"),
               let applied = node0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first.flatMap({ Int($0) }),
               applied >= revision {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        let node1 = report.split(separator: "\n").first { $0.hasPrefix("node-1 ") }.map(String.init) ?? ""
        #expect(node1.contains(" live ") && node1.contains("is over this node's limit of \(Self.nodeLimit) bytes (--max-snapshot-bytes)"), "\(report)")
        #expect(report.split(separator: "\n").contains { $0.hasPrefix("node-0 ") && $0.contains(" live ") }, "\(report)")
        await cluster.stop()
    }
}
