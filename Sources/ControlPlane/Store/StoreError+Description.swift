import CSQLite

/// Store errors as one readable line: what failed, on which file, and what the operator can do.
///
/// This text is for the operator (startup errors, logs); it names files and SQL and must never be
/// sent to an admin API client.
extension StoreError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .open(let path, let code, let message):
            var line = "cannot open the database \(path): \(message) (SQLite code \(code))"
            switch code & 0xFF {
            case SQLITE_NOTADB, SQLITE_CORRUPT:
                line += "; it is damaged or not a Tollgate database: restore it from a backup (docs/operations.md, "
                    + "\"Backing up the control plane\"), or move it and its -wal and -shm files aside to start with an empty one"
            case SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM:
                line += "; check that the data directory exists and is writable by this user"
            case SQLITE_BUSY, SQLITE_LOCKED:
                line += "; another process is using it (is a second control plane running on this data directory?)"
            default: break
            }
            return line
        case .sqlite(let code, let message, _):
            return "database error: \(message) (SQLite code \(code))"
        case .corrupt(let detail):
            return "a stored row could not be read: \(detail); restore the database from a backup"
        case .schemaTooNew(let found, let supported):
            return "the database has schema version \(found), newer than the \(supported) this build knows: "
                + "run the Tollgate that wrote it, or restore a backup taken before the upgrade"
        }
    }
}
