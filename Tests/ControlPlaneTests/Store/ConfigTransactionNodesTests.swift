import Testing
@testable import ControlPlane
import Shared

@Suite struct ConfigTransactionNodesTests {
    static let t0: Int64 = 1_700_000_000
    static let window = NodeRecord.listingWindowSeconds

    static func poll(_ store: ConfigStore, _ node: String, address: String? = "10.0.0.1:7946", applied: Int64? = nil,
                     error: String? = nil, at now: Int64) throws -> Bool {
        try store.write { try $0.recordPoll(nodeId: node, gossipAddress: address, appliedRevision: applied, error: error, now: now) }
    }

    static func peers(_ store: ConfigStore, at now: Int64) throws -> [String] {
        try SnapshotBuilder.build(store, now: now).nodes.map(\.nodeId)
    }

    @Test func firstPollListsTheNodeAndBumpsTheRevisionLaterPollsDoNot() throws {
        let store = try ConfigStore(path: ":memory:")
        #expect(try Self.poll(store, "a", at: Self.t0))
        #expect(try store.revision() == 1)
        #expect(try Self.peers(store, at: Self.t0) == ["a"])

        #expect(try !Self.poll(store, "a", applied: 1, at: Self.t0 + 20))
        #expect(try !Self.poll(store, "a", applied: 1, error: "snapshot checksum mismatch", at: Self.t0 + 40))
        #expect(try store.revision() == 1)
        let row = try #require(try store.read { try $0.nodes() }.first)
        #expect(row == NodeRecord(nodeId: "a", gossipAddress: "10.0.0.1:7946", lastSeen: Self.t0 + 40, appliedRevision: 1,
                                  lastError: "snapshot checksum mismatch"))
        #expect(try !Self.poll(store, "a", applied: 2, at: Self.t0 + 60))
        #expect(try store.read { try $0.nodes() }.first?.lastError == nil)
        // A poll that does not report an applied revision keeps the last one reported.
        #expect(try !Self.poll(store, "a", applied: nil, at: Self.t0 + 80))
        #expect(try store.read { try $0.nodes() }.first?.appliedRevision == 2)
    }

    @Test func aChangedGossipAddressBumpsTheRevision() throws {
        let store = try ConfigStore(path: ":memory:")
        _ = try Self.poll(store, "a", address: nil, at: Self.t0)
        #expect(try Self.poll(store, "a", address: "10.0.0.9:7946", at: Self.t0 + 1))
        #expect(try Self.poll(store, "a", address: nil, at: Self.t0 + 2))
        #expect(try store.revision() == 3)
    }

    @Test func windowCheckDropsSilentNodesOnceAndTheyRejoinOnTheirNextPoll() throws {
        let store = try ConfigStore(path: ":memory:")
        _ = try Self.poll(store, "a", at: Self.t0)
        _ = try Self.poll(store, "b", at: Self.t0)
        let listed = try store.revision()
        _ = try Self.poll(store, "b", at: Self.t0 + Self.window)

        // Exactly at the edge "a" is still within the window.
        #expect(try !store.write { try $0.expireStaleNodes(now: Self.t0 + Self.window) })
        #expect(try store.write { try $0.expireStaleNodes(now: Self.t0 + Self.window + 1) })
        #expect(try store.revision() == listed + 1)
        #expect(try Self.peers(store, at: Self.t0 + Self.window + 1) == ["b"])
        #expect(try !store.write { try $0.expireStaleNodes(now: Self.t0 + Self.window + 2) })
        #expect(try store.revision() == listed + 1)
        // Dropped from `tollgate nodes` too: the drop time is the listing window.
        #expect(try store.read { try $0.nodes() }.map(\.nodeId) == ["b"])

        #expect(try Self.poll(store, "a", at: Self.t0 + Self.window + 3))
        #expect(try store.revision() == listed + 2)
        #expect(try Self.peers(store, at: Self.t0 + Self.window + 3) == ["a", "b"])
    }

    @Test func snapshotsLeaveOutListedNodesPastTheWindowEvenBeforeTheCheckRuns() throws {
        let store = try ConfigStore(path: ":memory:")
        _ = try Self.poll(store, "a", at: Self.t0)
        #expect(try Self.peers(store, at: Self.t0 + Self.window) == ["a"])
        #expect(try Self.peers(store, at: Self.t0 + Self.window + 1) == [])
    }

    @Test func listingSurvivesReopeningTheStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try ConfigStore(directory: directory.path)
            _ = try Self.poll(store, "a", at: Self.t0)
        }
        let reopened = try ConfigStore(directory: directory.path)
        #expect(try !Self.poll(reopened, "a", at: Self.t0 + 10))
        #expect(try reopened.revision() == 1)
    }
}
