import Foundation
import Testing
@testable import ControlPlane
import Shared

/// The long-poll's (epoch, revision) identity and its snapshot size limit, over real HTTP.
@Suite(.timeLimit(.minutes(2))) struct SnapshotPollEpochTests {
    typealias Harness = ControlPlaneServiceTests.Harness

    /// One poll with the raw query `query` (the node id is always n1).
    static func poll(_ harness: Harness, _ query: String) async throws -> HTTPResponse {
        try await harness.client.execute(HTTPClientRequest(
            host: "127.0.0.1", port: harness.port, method: .GET, target: "/_tollgate/v1/snapshot?node=n1&" + query,
            headers: ["Host": "127.0.0.1:\(harness.port)", "Authorization": "Bearer \(ControlPlaneServiceTests.clusterSecret)"],
            connectTimeout: .seconds(5), responseTimeout: .seconds(30)))
    }

    /// The current revision and epoch, from a first full poll (which also lists node n1).
    static func current(_ harness: Harness) async throws -> (revision: Int64, epoch: String) {
        let first = try await poll(harness, "wait=0")
        let snapshot = try SnapshotCodec.decode(first.body)
        #expect(first.headers["X-Tollgate-Epoch"] == snapshot.epoch)
        return (snapshot.revision, try #require(snapshot.epoch))
    }

    @Test func aPollFromAnotherEpochGetsTheFullSnapshotEvenAtTheSameRevision() async throws {
        let harness = try Harness()
        let (revision, epoch) = try await Self.current(harness)
        let same = try await Self.poll(harness, "after=\(revision)&epoch=\(epoch)&wait=0")
        #expect(same.status == 304)
        #expect(same.headers["X-Tollgate-Epoch"] == epoch)
        let other = try await Self.poll(harness, "after=\(revision)&epoch=0123456789abcdef0123456789abcdef&wait=30")
        #expect(other.status == 200, "answered at once, not parked")
        #expect(try SnapshotCodec.decode(other.body).epoch == epoch)
        let unknown = try await Self.poll(harness, "after=\(revision)&epoch=&wait=30")
        #expect(unknown.status == 200, "a cached snapshot from before epochs is refetched")
        let legacy = try await Self.poll(harness, "after=\(revision)&wait=0")
        #expect(legacy.status == 304, "a node older than epochs is compared by revision, as before")
        await harness.stop()
    }

    @Test func aNodeAheadOfARestoredDatabaseRenewsItsEpochForEveryNode() async throws {
        let harness = try Harness()
        let (revision, epoch) = try await Self.current(harness)
        // Node n1 has revision+5 of this epoch: the database went back (restored from an older copy).
        let ahead = try await Self.poll(harness, "after=\(revision + 5)&epoch=\(epoch)&wait=0")
        #expect(ahead.status == 200)
        let renewed = try #require(try SnapshotCodec.decode(ahead.body).epoch)
        #expect(renewed != epoch)
        #expect(try harness.service.store.read { try $0.epoch() } == renewed)
        // An offline node coming back later with the old (epoch, revision), even once the counter
        // has climbed to its number, is sent the full snapshot instead of a 304.
        for _ in 0..<6 { _ = try await harness.admin.call(.POST, "/apikeys", json: ["name": "k", "enabled": true]) }
        let offline = try await Self.poll(harness, "after=\(try harness.service.store.revision())&epoch=\(epoch)&wait=0")
        #expect(offline.status == 200)
        await harness.stop()
    }

    @Test func aSnapshotOverThePollsLimitIs413WithItsRevisionAndSize() async throws {
        let harness = try Harness()
        let (revision, epoch) = try await Self.current(harness)
        let full = try await Self.poll(harness, "wait=0")
        let refused = try await Self.poll(harness, "wait=0&limit=\(full.body.count - 1)")
        #expect(refused.status == 413)
        #expect(refused.headers["X-Tollgate-Revision"] == String(revision))
        #expect(refused.headers["X-Tollgate-Epoch"] == epoch)
        #expect(refused.headers["X-Tollgate-Snapshot-Bytes"] == String(full.body.count))
        let fits = try await Self.poll(harness, "wait=0&limit=\(full.body.count)")
        #expect(fits.status == 200 && fits.body == full.body)
        #expect(try await Self.poll(harness, "wait=0&limit=zero").status == 400)
        await harness.stop()
    }
}
