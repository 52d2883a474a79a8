import ControlPlane
import Foundation
import Testing
@testable import tollgate

/// What `tollgate nodes` prints for the control plane's answers.
@Suite struct NodesReportTests {
    @Test func showsEachNodesStatusAppliedRevisionAndLastError() {
        let items: [[String: Any]] = [
            ["nodeId": "node-a", "status": "live", "lastSeen": 1_796_000_000, "appliedRevision": 42, "gossipAddress": "10.0.0.1:7946"],
            ["nodeId": "node-b", "status": "silent", "lastSeen": 1_796_000_000, "appliedRevision": 40,
             "lastError": "the snapshot (12582912 bytes) is over this node's limit of 4194304 bytes (--max-snapshot-bytes)"],
            ["nodeId": "node-c", "status": "live", "lastSeen": 1_796_000_000],
        ]
        let text = NodesReport.render(revision: 42, epoch: "0123456789abcdef0123456789abcdef", items: items)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "control-plane revision 42, epoch 0123456789abcdef0123456789abcdef")
        #expect(lines[1] == "NODE                  STATUS                              APPLIED  GOSSIP                 LAST ERROR")
        #expect(lines[2] == "node-a                live                                42       10.0.0.1:7946          -")
        #expect(lines[3] == "node-b                silent since 2026-11-30T00:53:20Z   40       -                      "
                + "the snapshot (12582912 bytes) is over this node's limit of 4194304 bytes (--max-snapshot-bytes)")
        #expect(lines[4] == "node-c                live                                -        -                      -")
        #expect(lines[5] == "live: polled within 75 s; a node silent for 300 s is dropped from this list and from its peers' gossip")
        #expect(lines[6] == "")
    }

    @Test func saysSoWhenNoNodeHasPolled() {
        let text = NodesReport.render(revision: 0, epoch: nil, items: [])
        #expect(text.hasPrefix("control-plane revision 0\n"))
        #expect(text.contains("(no data-plane node has polled in the last 300 s)\n"))
    }

    @Test func listsEachStagesCanaryUnderTheNodesThatServeIt() {
        let items: [[String: Any]] = [
            ["nodeId": "node-a", "status": "live", "lastSeen": 1_796_000_000, "appliedRevision": 42],
            ["nodeId": "node-b", "status": "live", "lastSeen": 1_796_000_000, "appliedRevision": 40],
            ["nodeId": "node-c", "status": "live", "lastSeen": 1_796_000_000],
        ]
        let canaries: [[String: Any]] = [
            ["restApiId": "a1b2c3d4e5", "stageName": "prod", "deploymentId": "dep002", "percentTraffic": 10],
            ["restApiId": "a1b2c3d4e5", "stageName": "beta", "deploymentId": "dep003", "percentTraffic": 12.5],
        ]
        let text = NodesReport.render(revision: 42, epoch: nil, items: items, canaries: canaries)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[2].hasPrefix("node-a "))
        #expect(lines[3] == "  canary a1b2c3d4e5/prod: deployment dep002, 10% of requests")
        #expect(lines[4] == "  canary a1b2c3d4e5/beta: deployment dep003, 12.5% of requests")
        #expect(lines[5].hasPrefix("node-b "))
        #expect(lines[6] == "  canaries not known: this node serves revision 40, not 42")
        #expect(lines[7].hasPrefix("node-c "))
        #expect(lines[8] == "  canaries not known: this node serves revision -, not 42")
        #expect(lines[9] == "canary API/STAGE: the stage's canary deployment and its share of requests, on every node that applied revision 42")
        #expect(lines[10].hasPrefix("live: polled within 75 s"))
    }

    @Test func printsNoCanaryLinesWithoutCanaries() {
        let items: [[String: Any]] = [["nodeId": "node-a", "status": "live", "lastSeen": 1_796_000_000, "appliedRevision": 40]]
        for canaries in [nil, []] as [[[String: Any]]?] {
            let text = NodesReport.render(revision: 42, epoch: nil, items: items, canaries: canaries)
            #expect(!text.contains("canar"))
            #expect(text.split(separator: "\n").count == 4)
        }
    }
}

