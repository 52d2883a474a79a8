import CSQLite

/// A failure of the configuration store. SQLite failures keep SQLite's result code and message.
package enum StoreError: Error, Equatable, Sendable {
    /// The database file could not be opened or configured.
    case open(path: String, code: Int32, message: String)
    /// A statement failed (`code` is SQLite's extended result code).
    case sqlite(code: Int32, message: String, sql: String)
    /// A stored row could not be decoded (a JSON document that no longer matches the model, a bad column type).
    case corrupt(String)
    /// The database was written by a newer Tollgate whose schema this build does not know.
    case schemaTooNew(found: Int, supported: Int)
}

/// One SQL value, as bound to a parameter or read from a column.
package enum SQLiteValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One result row, fully copied out of SQLite (nothing points into SQLite's memory).
package struct SQLiteRow: Sendable, Equatable {
    package var values: [SQLiteValue]

    /// Column `index` as an integer; throws `.corrupt` for any other type (NULL included).
    package func int(_ index: Int) throws(StoreError) -> Int64 {
        try column(index, "an integer") { if case .integer(let v) = $0 { v } else { nil } }
    }

    /// Column `index` as an integer, or nil when NULL.
    package func optionalInt(_ index: Int) throws(StoreError) -> Int64? {
        try nullable(index, int)
    }

    /// Column `index` as text; throws `.corrupt` for any other type (NULL included).
    package func text(_ index: Int) throws(StoreError) -> String {
        try column(index, "text") { if case .text(let v) = $0 { v } else { nil } }
    }

    /// Column `index` as text, or nil when NULL.
    package func optionalText(_ index: Int) throws(StoreError) -> String? {
        try nullable(index, text)
    }

    /// Column `index` through `extract`; `.corrupt("column N is not KIND")` when it does not fit.
    private func column<T>(_ index: Int, _ kind: String, _ extract: (SQLiteValue) -> T?) throws(StoreError) -> T {
        guard let value = extract(values[index]) else { throw .corrupt("column \(index) is not \(kind)") }
        return value
    }

    /// nil for a NULL column `index`, otherwise what `read` makes of it.
    private func nullable<T>(_ index: Int, _ read: (Int) throws(StoreError) -> T) throws(StoreError) -> T? {
        if case .null = values[index] { return nil }
        return try read(index)
    }

    /// Column `index` as bytes (a BLOB, or the UTF-8 of TEXT).
    package func blob(_ index: Int) throws(StoreError) -> [UInt8] {
        switch values[index] {
        case .blob(let v): return v
        case .text(let v): return Array(v.utf8)
        default: throw .corrupt("column \(index) is not a blob")
        }
    }
}

/// The one connection to Tollgate's SQLite database; the only file that touches the SQLite C API.
///
/// Opening sets, in this order:
/// - `journal_mode=WAL`: readers never block the writer, and a crash leaves the main file intact.
/// - `synchronous=FULL`: in WAL mode each COMMIT fsyncs the WAL before returning, so a transaction
///   that has returned survives `kill -9` *and* power loss. (`NORMAL` would survive `kill -9` but could
///   lose the last commits on power loss; the admin API acknowledges a write only after COMMIT.)
/// - `foreign_keys=ON` (SQLite's default is off), `busy_timeout` so a second process waits instead of failing.
///
/// Not thread-safe on its own: it is `@unchecked Sendable` only so that `ConfigStore` can keep it in a
/// `Mutex` and hand it to transaction closures; every use happens under that lock. Prepared
/// statements are cached by SQL text and finalized when the database is closed (on deinit).
package final class SQLiteDatabase: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private var inTransaction = false
    package let path: String

    /// Opens (creating if needed, unless `create` is false) the database at `path`; `":memory:"`
    /// opens a private in-memory database.
    package init(path: String, busyTimeoutMillis: Int32 = 5000, create: Bool = true) throws(StoreError) {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw .open(path: path, code: rc, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMillis)
        do throws(StoreError) {
            let mode = try query("PRAGMA journal_mode=WAL").first?.values.first
            if path != ":memory:", mode != .text("wal") {
                throw StoreError.open(path: path, code: SQLITE_ERROR, message: "could not switch to WAL journal mode")
            }
            try execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
        } catch {
            close()
            // The first statement is where SQLite reads the file: a corrupt or foreign file fails
            // here, and the error must name the file (`StoreError.description` says what to do).
            if case .sqlite(let code, let message, _) = error { throw .open(path: path, code: code, message: message) }
            throw error
        }
    }

    deinit { close() }

    /// Finalizes every cached statement and closes the connection. Idempotent.
    package func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements = [:]
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    // MARK: - Statements

    /// Runs one or more statements with no parameters and no results (schema scripts, pragmas).
    package func execute(_ sql: String) throws(StoreError) {
        let db = try connection()
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(error)
            throw .sqlite(code: rc, message: message, sql: sql)
        }
    }

    /// Runs one statement with `bindings` and returns how many rows it changed.
    @discardableResult
    package func run(_ sql: String, _ bindings: [SQLiteValue] = []) throws(StoreError) -> Int {
        _ = try query(sql, bindings)
        return Int(sqlite3_changes(try connection()))
    }

    /// Runs one statement with `bindings` (1-based `?` parameters, in order) and returns every row.
    package func query(_ sql: String, _ bindings: [SQLiteValue] = []) throws(StoreError) -> [SQLiteRow] {
        let db = try connection()
        let statement = try prepared(sql, db)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (offset, value) in bindings.enumerated() {
            try bind(value, at: Int32(offset + 1), in: statement, db: db, sql: sql)
        }
        var rows: [SQLiteRow] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { throw failure(rc, db, sql) }
            let count = sqlite3_column_count(statement)
            var values: [SQLiteValue] = []
            values.reserveCapacity(Int(count))
            for column in 0..<count { values.append(columnValue(statement, column)) }
            rows.append(SQLiteRow(values: values))
        }
    }

    /// The rowid of the last row inserted on this connection.
    package var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    // MARK: - Transactions

    /// Runs `body` inside one transaction: COMMIT if it returns, ROLLBACK if it throws.
    ///
    /// `immediate` takes the write lock at BEGIN (`BEGIN IMMEDIATE`) so a read-modify-write cannot be
    /// interleaved with another writer; reads use a deferred BEGIN for a consistent view. Transactions do
    /// not nest (a nested call is a programming error). Rethrows `body`'s error, or a `StoreError`.
    @discardableResult
    package func transaction<T>(immediate: Bool, _ body: () throws -> T) throws -> T {
        precondition(!inTransaction, "SQLiteDatabase transactions do not nest")
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return result
    }

    /// `PRAGMA user_version`: the schema version migrations have brought the file to.
    package func userVersion() throws(StoreError) -> Int {
        guard let row = try query("PRAGMA user_version").first else { return 0 }
        return Int(try row.int(0))
    }

    /// Sets `PRAGMA user_version` (inside the caller's transaction, so it commits with the migration).
    package func setUserVersion(_ version: Int) throws(StoreError) {
        try execute("PRAGMA user_version=\(version)")
    }

    // MARK: - Private

    private func connection() throws(StoreError) -> OpaquePointer {
        guard let handle else { throw .sqlite(code: SQLITE_MISUSE, message: "database is closed", sql: "") }
        return handle
    }

    private func prepared(_ sql: String, _ db: OpaquePointer) throws(StoreError) -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw failure(rc, db, sql) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer, db: OpaquePointer,
                      sql: String) throws(StoreError) {
        // Safe: SQLITE_TRANSIENT (-1) makes SQLite copy text and blob bytes before the call returns,
        // so the Swift buffers only need to live for the duration of the call.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(statement, index)
        case .integer(let v): rc = sqlite3_bind_int64(statement, index, v)
        case .real(let v): rc = sqlite3_bind_double(statement, index, v)
        case .text(let v): rc = sqlite3_bind_text(statement, index, v, -1, transient)
        case .blob(let v):
            rc = v.withUnsafeBytes { bytes in
                // Safe: a zero-length blob is bound with a non-null pointer so it reads back as a blob, not NULL.
                sqlite3_bind_blob64(statement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                    sqlite3_uint64(bytes.count), transient)
            }
        }
        guard rc == SQLITE_OK else { throw failure(rc, db, sql) }
    }

    private func columnValue(_ statement: OpaquePointer, _ column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            // Safe: the pointer is valid until the next step/reset; String(cString:) copies it now.
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            // Safe: `count` bytes at the pointer are valid until the next step/reset; Array copies them now.
            guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    private func failure(_ rc: Int32, _ db: OpaquePointer, _ sql: String) -> StoreError {
        .sqlite(code: rc, message: String(cString: sqlite3_errmsg(db)), sql: sql)
    }
}
