import Foundation
import Testing
import Shared
@testable import tollgate

/// A canary release served by three real nodes behind one control plane (shared cluster, an API
/// of its own per test): 10,000 requests spread over the nodes, the canary's share within ±3 % of
/// 10 %; and `tollgate nodes` listing the canary under every node.
@Suite(.serialized, .timeLimit(.minutes(3))) struct CanaryEndToEndTests {
    @Test func threeNodesSplitTenThousandRequestsAtTenPercent() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await ApiBuilder.create(cluster.admin, name: "canary")
        let version = try await api.resource("version")
        try await api.mock(version, body: "$stageVariables.who $context.isCanaryRequest")
        try await api.deploy(stage: "live", variables: ["who": "main"])
        let canary = try await cluster.admin.call(.POST, "/restapis/\(api.id)/deployments", json: [
            "stageName": "live", "canarySettings": ["percentTraffic": 10.0, "stageVariableOverrides": ["who": "canary"]],
        ])
        #expect(canary["id"] is String)
        // Every node has the canary once it has answered from it at least once.
        let ready = await cluster.untilEveryNode(within: .seconds(20)) { port in
            for _ in 0..<200 where (try? await cluster.invoke(port: port, apiId: api.id, "/live/version", timeout: .seconds(2)).text) == "canary true" {
                return true
            }
            return false
        }
        try #require(ready != nil, "the canary did not reach every node")

        // 10,000 requests, round robin over the nodes from 6 concurrent senders, bounded in time.
        let total = 10_000, senders = 6
        let ports = cluster.nodePorts
        let deadline = ContinuousClock.now + .seconds(120)
        let counts = try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for sender in 0..<senders {
                group.addTask {
                    var seen: [String: Int] = [:]
                    var index = sender
                    while index < total, ContinuousClock.now < deadline {
                        let port = ports[index % ports.count]
                        let text = try await cluster.invoke(port: port, apiId: api.id, "/live/version", timeout: .seconds(5)).text
                        seen[text, default: 0] += 1
                        index += senders
                    }
                    return seen
                }
            }
            var all: [String: Int] = [:]
            for try await part in group { all.merge(part, uniquingKeysWith: +) }
            return all
        }
        let served = counts.values.reduce(0, +)
        #expect(served == total, "only \(served) of \(total) requests within the time bound: \(counts)")
        #expect(Set(counts.keys).isSubset(of: ["main false", "canary true"]), "unexpected answers: \(counts)")
        let share = Double(counts["canary true"] ?? 0) / Double(max(served, 1)) * 100
        #expect(abs(share - 10) <= 3, "canary share \(share) % of \(served): \(counts)")
        print("canary share over 3 nodes: \(share) % of \(served) requests")
    }

    /// `tollgate nodes` (issue 12): once every node serves the canary, each node's row is followed
    /// by the canary's line (API/stage, deployment, percentTraffic).
    @Test func tollgateNodesShowsTheCanaryUnderEveryNode() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await ApiBuilder.create(cluster.admin, name: "canary-report")
        let version = try await api.resource("version")
        try await api.mock(version, body: "$context.isCanaryRequest")
        try await api.deploy(stage: "live")
        let canary = try await cluster.admin.call(.POST, "/restapis/\(api.id)/deployments", json: [
            "stageName": "live", "canarySettings": ["percentTraffic": 25.0],
        ])
        let deployment = try #require(canary["id"] as? String)
        let expected = "  canary \(api.id)/live: deployment \(deployment), 25% of requests"

        // Every node row followed by the line, once the nodes have applied and reported the revision.
        var report = ""
        var shown = false
        let deadline = ContinuousClock.now + .seconds(20)
        repeat {
            report = try await AdminTools(client: cluster.admin).nodes()
            var under: [String: [String]] = [:]
            var current: String?
            for line in report.split(separator: "\n").map(String.init) {
                if line.hasPrefix("node-") {
                    current = String(line.prefix { $0 != " " })
                    under[current!] = []
                } else if line.hasPrefix("  "), let node = current {
                    under[node, default: []].append(line)
                } else {
                    current = nil
                }
            }
            shown = under.count == cluster.nodePorts.count && under.values.allSatisfy { $0.contains(expected) }
            if shown { break }
            try await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        #expect(shown, "\(report)")
        #expect(report.contains("canary API/STAGE: the stage's canary deployment and its share of requests"), "\(report)")
    }
}

