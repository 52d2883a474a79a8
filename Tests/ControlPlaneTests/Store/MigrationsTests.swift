import Testing
@testable import ControlPlane

@Suite struct MigrationsTests {
    @Test func freshDatabaseReachesTheLatestVersion() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try Migrations.apply(to: db)
        #expect(try db.userVersion() == Migrations.latestVersion)
        #expect(try db.query("SELECT value FROM revision").first?.values == [.integer(0)])
    }

    @Test func openingTwiceIsANoOp() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        do {
            let store = try ConfigStore(directory: dir.path)
            try store.write { try $0.bumpRevision() }
        }
        let reopened = try ConfigStore(directory: dir.path)
        #expect(try reopened.revision() == 1)
        let db = try SQLiteDatabase(path: dir.file(ConfigStore.fileName))
        #expect(try db.userVersion() == Migrations.latestVersion)
    }

    @Test func migratesAnOldVersionKeepingItsData() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("old.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.apply(to: db, upTo: 1)
            #expect(try db.userVersion() == 1)
            try db.run("UPDATE revision SET value = 7")
            #expect(throws: StoreError.self) { try db.run("SELECT * FROM audit_log") }
        }
        let store = try ConfigStore(path: path)
        #expect(try store.revision() == 7)
        let entries = try store.read { try $0.audit() }
        #expect(entries.isEmpty)
    }

    @Test func refusesADatabaseFromANewerBuild() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("new.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try db.setUserVersion(Migrations.latestVersion + 1)
        }
        #expect(throws: StoreError.schemaTooNew(found: Migrations.latestVersion + 1, supported: Migrations.latestVersion)) {
            _ = try ConfigStore(path: path)
        }
    }
}
