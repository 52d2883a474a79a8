import Testing
@testable import ControlPlane
import Shared

/// The database epoch: created with the database, given to old ones on upgrade, kept across
/// reopening, renewed only when a node proves the counter went backwards.
@Suite struct ConfigTransactionEpochTests {
    static func isEpoch(_ text: String) -> Bool { text.utf8.count == 32 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase } }

    @Test func everyNewDatabaseGetsItsOwnRandomEpoch() throws {
        let a = try ConfigStore(path: ":memory:").read { try $0.epoch() }
        let b = try ConfigStore(path: ":memory:").read { try $0.epoch() }
        #expect(Self.isEpoch(a) && Self.isEpoch(b))
        #expect(a != b)
    }

    @Test func anExistingDatabaseGetsAnEpochOnUpgradeAndKeepsIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("old.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.apply(to: db, upTo: 6)
            try db.run("UPDATE revision SET value = 42")
        }
        let epoch = try ConfigStore(path: path).read { try $0.epoch() }
        #expect(Self.isEpoch(epoch))
        #expect(try ConfigStore(path: path).read { try $0.epoch() } == epoch, "reopening keeps the epoch")
        #expect(try ConfigStore(path: path).revision() == 42, "the upgrade keeps the revision")
    }

    @Test func snapshotsCarryTheEpoch() throws {
        let store = try ConfigStore(path: ":memory:")
        let epoch = try store.read { try $0.epoch() }
        let encoded = try SnapshotBuilder.buildEncoded(store, now: 0)
        #expect(encoded.epoch == epoch)
        #expect(try SnapshotCodec.decode(encoded.bytes).epoch == epoch)
        #expect(try SnapshotBuilder.build(store, now: 0).epoch == epoch)
    }

    @Test func renewingGivesANewEpochAndBumpsTheRevision() throws {
        let store = try ConfigStore(path: ":memory:")
        let before = try store.read { try $0.epoch() }
        let renewed = try store.write { try $0.renewEpoch() }
        #expect(renewed != before && Self.isEpoch(renewed))
        #expect(try store.revision() == 1, "parked nodes are woken and sent the new epoch")
    }

    @Test func aNodeAheadOfTheCounterInThisEpochRenewsItOnlyThen() throws {
        let store = try ConfigStore(path: ":memory:")
        try store.write { tx in for _ in 0..<5 { try tx.bumpRevision() } }
        let epoch = try store.read { try $0.epoch() }
        // At or behind the counter, another epoch, or nothing reported: nothing happens.
        for (reported, revision) in [(epoch, Int64(5)), (epoch, 3), ("0123456789abcdef0123456789abcdef", 9), ("", 9)] as [(String, Int64)] {
            #expect(try !store.write { try $0.noteRevisionSeen(epoch: reported, revision: revision) })
        }
        #expect(try !store.write { try $0.noteRevisionSeen(epoch: nil, revision: 9) })
        #expect(try store.read { try $0.epoch() } == epoch)
        #expect(try store.revision() == 5)
        // A node has revision 6 of this epoch, which this database never reached: restored from a backup.
        #expect(try store.write { try $0.noteRevisionSeen(epoch: epoch, revision: 6) })
        #expect(try store.read { try $0.epoch() } != epoch)
        #expect(try store.revision() == 6)
    }
}
