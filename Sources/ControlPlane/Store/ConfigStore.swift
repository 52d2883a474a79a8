import Shared
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
    /// How long write transactions took, BEGIN IMMEDIATE to COMMIT (`/_tollgate/metrics`).
    private let commitTimings = Mutex(LatencyHistogram(bounds: ConfigStore.commitBounds))

    /// Commit latency buckets, seconds: a WAL commit with `synchronous=FULL` is one or two fsyncs.
    static let commitBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    /// The write transactions' durations so far (any thread).
    package var commitLatency: LatencyHistogram { commitTimings.withLock { $0 } }

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
            try timed { try db.transaction(immediate: true) { try body(ConfigTransaction(db: db)) } }
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
            try timed {
                try db.transaction(immediate: true) {
                    let tx = ConfigTransaction(db: db)
                    let value = try body(tx)
                    return Committed(value: value, revision: try tx.revision())
                }
            }
        }
    }

    /// Runs one write transaction and records how long it took (committed or not).
    private func timed<T>(_ transaction: () throws -> T) throws -> T {
        let started = Syscall.monotonicNanos()
        defer {
            let seconds = Double(Syscall.monotonicNanos() - started) / 1e9
            commitTimings.withLock { $0.observe(seconds: seconds) }
        }
        return try transaction()
    }

    /// Whether the database takes writes now: BEGIN IMMEDIATE (the write lock), one row updated
    /// to its own value, then ROLLBACK, so nothing is written. Throws the store's error when it
    /// cannot (read-only file or file system, a lock held elsewhere past the busy timeout, I/O).
    package func checkWritable() throws {
        struct RolledBack: Error {}
        do {
            try database.withLock { db in
                try db.transaction(immediate: true) { () throws -> Void in
                    _ = try db.run("UPDATE revision SET value = value WHERE id = 1")
                    throw RolledBack()
                }
            }
        } catch is RolledBack {
            return
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
