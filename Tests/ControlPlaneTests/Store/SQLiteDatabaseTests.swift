import Testing
@testable import ControlPlane

@Suite struct SQLiteDatabaseTests {
    @Test func opensInWALModeWithForeignKeysAndFullSync() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try SQLiteDatabase(path: dir.file("a.sqlite"))
        #expect(try db.query("PRAGMA journal_mode").first?.values == [.text("wal")])
        #expect(try db.query("PRAGMA foreign_keys").first?.values == [.integer(1)])
        #expect(try db.query("PRAGMA synchronous").first?.values == [.integer(2)])  // FULL
    }

    @Test func bindsAndReadsEveryValueType() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (a, b, c, d, e)")
        let values: [SQLiteValue] = [.null, .integer(-42), .real(1.5), .text("héllo"), .blob([0, 1, 255])]
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", values)
        #expect(try db.query("SELECT a, b, c, d, e FROM t").first?.values == values)
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.null, .null, .null, .text(""), .blob([])])
        #expect(try db.query("SELECT d, e FROM t WHERE b IS NULL").first?.values == [.text(""), .blob([])])
    }

    @Test func rollsBackWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction(immediate: true) {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT count(*) FROM t").first?.values == [.integer(0)])
        try db.transaction(immediate: true) { try db.run("INSERT INTO t VALUES (2)") }
        #expect(try db.query("SELECT x FROM t").first?.values == [.integer(2)])
    }

    @Test func reportsSQLErrorsWithTheirCode() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        #expect {
            try db.run("SELECT * FROM missing")
        } throws: { error in
            guard case StoreError.sqlite(_, let message, let sql) = error else { return false }
            return message.contains("no such table") && sql == "SELECT * FROM missing"
        }
    }

    @Test func enforcesForeignKeys() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE p (id TEXT PRIMARY KEY); CREATE TABLE c (p TEXT REFERENCES p(id));")
        #expect(throws: StoreError.self) { try db.run("INSERT INTO c VALUES ('nope')") }
    }

    @Test func typedColumnAccessorsRejectWrongTypes() throws {
        let row = SQLiteRow(values: [.text("x"), .null, .integer(3)])
        #expect(throws: StoreError.self) { try row.int(0) }
        #expect(try row.optionalText(1) == nil)
        #expect(try row.optionalInt(2) == 3)
        #expect(try row.blob(0) == Array("x".utf8))
    }
}
