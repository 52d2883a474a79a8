import Testing
@testable import ControlPlane
import DataPlane
import Shared

/// The long-poll contract from both ends: what a node sends (`SnapshotPollRequest.target`) is what
/// the control plane reads (`SnapshotPoll`), and both name paths and headers through `SnapshotPollContract`.
@Suite struct SnapshotPollContractTests {
    /// Splits an origin-form target into its path and raw query, as the HTTP parser does.
    private func split(_ target: String) -> (path: Substring, query: Substring?) {
        guard let mark = target.firstIndex(of: "?") else { return (target[...], nil) }
        return (target[..<mark], target[target.index(after: mark)...])
    }

    @Test(arguments: [
        SnapshotPollRequest(after: 42, epoch: "0f3c-epoch", waitSeconds: 25, nodeId: "node-1", applied: 41,
                            error: "stage a/prod: invalid URI & more = ☃", gossipAddress: "127.0.0.1:7946",
                            maximumSnapshotBytes: 1_048_576),
        SnapshotPollRequest(after: nil, waitSeconds: 0, nodeId: "n", applied: nil, error: nil, gossipAddress: nil),
        SnapshotPollRequest(after: 7, epoch: nil, waitSeconds: 60, nodeId: "node with space+plus", applied: nil,
                            error: nil, gossipAddress: "[::1]:9000"),
    ])
    func nodeRequestParsesIntoTheSameValues(request: SnapshotPollRequest) throws {
        let (path, query) = split(request.target())
        #expect(path == SnapshotPollContract.snapshotPath)
        let poll = try #require(SnapshotPoll(query: query))
        #expect(poll.after == request.after)
        // A node always sends `epoch` with `after` (empty when it has none), never without.
        #expect(poll.epoch == (request.after == nil ? nil : request.epoch ?? ""))
        #expect(poll.waitSeconds == Double(request.waitSeconds))
        #expect(poll.nodeId == request.nodeId)
        #expect(poll.appliedRevision == request.applied)
        #expect(poll.error == request.error)
        #expect(poll.gossipAddress == request.gossipAddress)
        #expect(poll.maximumSnapshotBytes == request.maximumSnapshotBytes)
    }

    @Test func longErrorIsCutToTheSameLengthOnBothSides() throws {
        let error = String(repeating: "é", count: SnapshotPollContract.maximumErrorLength + 50)
        let request = SnapshotPollRequest(after: 1, waitSeconds: 1, nodeId: "n", applied: 1, error: error, gossipAddress: nil)
        let poll = try #require(SnapshotPoll(query: split(request.target()).query))
        #expect(poll.error == String(error.prefix(SnapshotPollContract.maximumErrorLength)))
    }

    @Test func basePathPrefixesTheContractPath() {
        let target = SnapshotPollRequest(after: nil, waitSeconds: 0, nodeId: "n", applied: nil, error: nil, gossipAddress: nil)
            .target(basePath: "/cp")
        #expect(split(target).path == "/cp" + SnapshotPollContract.snapshotPath)
    }

    @Test func stageHistoryPathRoundTripsThroughItsParser() {
        let path = SnapshotPollContract.stageHistoryPath(restApiId: "a1b2c3", stageName: "prod")
        let segments = SnapshotPollContract.segments(path)
        #expect(segments.first == SnapshotPollContract.internalSegment)
        let parsed = SnapshotPollContract.stageHistory(segments: segments.dropFirst())
        #expect(parsed?.restApiId == "a1b2c3")
        #expect(parsed?.stageName == "prod")
        #expect(SnapshotPollContract.stageHistory(segments: SnapshotPollContract.segments(SnapshotPollContract.nodesPath).dropFirst()) == nil)
    }
}
