import Shared

/// Typed access to the store inside one transaction (`ConfigStore.write` / `read`).
///
/// Valid only inside the closure it was handed to; not `Sendable`. Methods throw `StoreError`.
/// Topic files: `ConfigTransaction+RestApis`, `+Deployments`, `+Stages`, `+ApiKeys`, `+UsagePlans`,
/// `+Account`, `+Audit`, `+Nodes`.
package struct ConfigTransaction {
    package let db: SQLiteDatabase

    // MARK: - Revision

    /// The global revision: monotonic, never reused, kept in the database so it survives restarts.
    package func revision() throws(StoreError) -> Int64 {
        guard let row = try db.query("SELECT value FROM revision WHERE id = 1").first else {
            throw .corrupt("revision row missing")
        }
        return try row.int(0)
    }

    /// Advances the revision by one, in this transaction, and returns the new value.
    ///
    /// Call it from every change a data-plane node can observe (stages, keys, plans and their keys,
    /// the account); not from edits to an API's undeployed definition. Several bumps in one
    /// transaction are harmless: nodes only compare revisions for equality and order.
    @discardableResult
    package func bumpRevision() throws(StoreError) -> Int64 {
        try db.run("UPDATE revision SET value = value + 1 WHERE id = 1")
        return try revision()
    }

    // MARK: - Helpers for the topic files

    /// Runs a statement that changes at most one row nodes observe (a key, a stage, a plan, a plan's
    /// key) and bumps the revision when it changed one; returns whether it did.
    @discardableResult
    func changeObserved(_ sql: String, _ bindings: [SQLiteValue]) throws(StoreError) -> Bool {
        let changed = try db.run(sql, bindings) == 1
        if changed { try bumpRevision() }
        return changed
    }

    func documents<T: Decodable>(_ type: T.Type, _ sql: String, _ bindings: [SQLiteValue] = []) throws(StoreError) -> [T] {
        var result: [T] = []
        for row in try db.query(sql, bindings) { result.append(try StoreCodec.decode(type, row.blob(0))) }
        return result
    }

    func document<T: Decodable>(_ type: T.Type, _ sql: String, _ bindings: [SQLiteValue]) throws(StoreError) -> T? {
        guard let row = try db.query(sql, bindings).first else { return nil }
        return try StoreCodec.decode(type, row.blob(0))
    }
}
