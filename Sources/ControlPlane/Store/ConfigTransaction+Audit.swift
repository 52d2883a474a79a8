import Foundation

/// The append-only audit log of mutating admin calls.
extension ConfigTransaction {
    /// Appends `entry` (`seq` is assigned by the store) and returns its sequence number.
    @discardableResult
    package func appendAudit(_ entry: AuditEntry) throws(StoreError) -> Int64 {
        let targets: String
        do {
            targets = String(decoding: try JSONEncoder().encode(entry.targets), as: UTF8.self)
        } catch {
            throw .corrupt("cannot encode audit targets")
        }
        try db.run("""
            INSERT INTO audit_log (request_id, at, access_key, operation, targets, status, error_type)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(entry.requestId), .integer(entry.at), .text(entry.accessKeyId), .text(entry.operation),
                  .text(targets), .integer(Int64(entry.status)), entry.errorType.map(SQLiteValue.text) ?? .null])
        return db.lastInsertRowID
    }

    /// Audit rows with `at >= since` (epoch seconds) and `seq > after`, in `seq` order, at most `limit`.
    package func audit(since: Int64 = 0, after: Int64 = 0, limit: Int = 1000) throws(StoreError) -> [AuditEntry] {
        var result: [AuditEntry] = []
        for row in try db.query("""
            SELECT seq, request_id, at, access_key, operation, targets, status, error_type FROM audit_log
            WHERE at >= ? AND seq > ? ORDER BY seq LIMIT ?
            """, [.integer(since), .integer(after), .integer(Int64(limit))]) {
            result.append(AuditEntry(seq: try row.int(0), requestId: try row.text(1), at: try row.int(2),
                                     accessKeyId: try row.text(3), operation: try row.text(4),
                                     targets: try StoreCodec.decode([String].self, row.blob(5)),
                                     status: Int(try row.int(6)), errorType: try row.optionalText(7)))
        }
        return result
    }
}
