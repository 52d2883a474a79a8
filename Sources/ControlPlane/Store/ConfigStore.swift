import Synchronization

/// Tollgate's durable configuration: REST API definitions, deployments, stages, keys, plans, the
/// account, the audit log and the global revision, in one SQLite file.
///
/// Every admin request runs in exactly one transaction: `write` (BEGIN IMMEDIATE … COMMIT) or `read`
/// (a consistent view). A `write` returns only after COMMIT, and COMMIT is durable (`SQLiteDatabase`
/// runs WAL with `synchronous=FULL`), so whatever a caller acknowledges survives `kill -9`.
/// Thread-safe: the one connection sits behind a `Mutex`, so transactions from any thread are serialized.
package final class ConfigStore: Sendable {
    /// The file name used inside a data directory.
    package static let fileName = "tollgate.sqlite"

    private let database: Mutex<SQLiteDatabase>
    package let path: String

    /// Opens the database at `path` (creating it) and applies any missing migrations.
    package init(path: String) throws {
        let db = try SQLiteDatabase(path: path)
        try Migrations.apply(to: db)
        self.path = path
        database = Mutex(db)
    }

    /// Opens `DIRECTORY/tollgate.sqlite`; the directory must exist.
    package convenience init(directory: String) throws {
        try self.init(path: directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName)
    }

    /// Runs `body` in one write transaction; committed (durably) when it returns, rolled back when it throws.
    /// Rethrows `body`'s error, or a `StoreError`.
    @discardableResult
    package func write<T: Sendable>(_ body: (ConfigTransaction) throws -> T) throws -> T {
        try database.withLock { db in
            try db.transaction(immediate: true) { try body(ConfigTransaction(db: db)) }
        }
    }

    /// What `commit` returns: the body's value and the revision the store has once it committed.
    package struct Committed<Value: Sendable>: Sendable {
        package let value: Value
        /// The global revision as committed (read inside the same transaction, so no later write is in it).
        package let revision: Int64
    }

    /// `write`, also returning the revision the transaction committed: callers that publish it
    /// (the long-poll hub, the quota observer) need not open another transaction to read it.
    @discardableResult
    package func commit<T: Sendable>(_ body: (ConfigTransaction) throws -> T) throws -> Committed<T> {
        try database.withLock { db in
            try db.transaction(immediate: true) {
                let tx = ConfigTransaction(db: db)
                let value = try body(tx)
                return Committed(value: value, revision: try tx.revision())
            }
        }
    }

    /// Runs `body` in one read transaction (a consistent view). Writing inside it is a programming error
    /// that SQLite may or may not reject; use `write`.
    @discardableResult
    package func read<T: Sendable>(_ body: (ConfigTransaction) throws -> T) throws -> T {
        try database.withLock { db in
            try db.transaction(immediate: false) { try body(ConfigTransaction(db: db)) }
        }
    }

    /// The current global revision (its own read transaction; after a write, use `commit`'s).
    package func revision() throws -> Int64 {
        try read { try $0.revision() }
    }
}
