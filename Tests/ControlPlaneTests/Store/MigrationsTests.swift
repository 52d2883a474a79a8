import Testing
@testable import ControlPlane
import Shared

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

    @Test func plansStoredBeforeQuotaAnchorsHaveNoneUntilTheirQuotaChanges() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("v5.sqlite")
        var plan = UsagePlan(id: "p1", name: "p", quota: QuotaSettings(limit: 10, offset: 4, period: "DAY"))
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.apply(to: db, upTo: 5)
            try db.run("INSERT INTO usage_plans (id, doc) VALUES (?, ?)", [.text(plan.id), StoreCodec.encode(plan)])
        }
        let store = try ConfigStore(path: path)
        #expect(try store.read { try $0.usagePlan("p1") } == plan)
        #expect(try store.read { try $0.usagePlanQuotaAnchor("p1") } == nil)  // offset ignored, as before
        try store.write { tx in try tx.putUsagePlan(plan, at: 50) }            // same quota: still none
        #expect(try store.read { try $0.usagePlanQuotaAnchor("p1") } == nil)
        plan.quota?.limit = 12
        try store.write { tx in try tx.putUsagePlan(plan, at: 60) }
        #expect(try store.read { try $0.usagePlanQuotaAnchor("p1") } == 60)
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
