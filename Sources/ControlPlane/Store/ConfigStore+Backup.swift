/// `tollgate backup`: a consistent copy of a (possibly running) control plane's database.
///
/// Copying `tollgate.sqlite` with `cp` while the control plane runs is not a backup: the newest
/// commits live in `tollgate.sqlite-wal` until a checkpoint, and a copy of the main file alone (or
/// of both at slightly different moments) can miss them or be torn. `VACUUM INTO` instead reads one
/// consistent snapshot inside a read transaction (WAL mode lets the control plane keep writing
/// meanwhile) and writes a compact, self-contained database file with no WAL beside it.
extension ConfigStore {
    /// What a backup wrote.
    package struct BackupSummary: Sendable, Equatable {
        package let source: String
        package let destination: String
        package let revision: Int64
    }

    /// Writes a copy of the database in `directory` to `destination` (which must not exist), mode
    /// 0600, and checks the copy (`PRAGMA quick_check`). Never creates or migrates the source.
    package static func backup(directory: String, to destination: String) throws(StoreError) -> BackupSummary {
        let source = (directory.hasSuffix("/") ? directory : directory + "/") + fileName
        guard PrivateFiles.exists(source) else {
            throw .open(path: source, code: 14, message: "no database here; --data-dir must be the control plane's data directory")
        }
        guard !PrivateFiles.exists(destination) else {
            throw .open(path: destination, code: 14, message: "the backup file already exists; choose a new name")
        }
        let database = try SQLiteDatabase(path: source, create: false)
        defer { database.close() }
        return try PrivateFiles.withOwnerOnlyUmask { () throws(StoreError) -> BackupSummary in
            do throws(StoreError) {
                try database.run("VACUUM INTO ?", [.text(destination)])
            } catch {
                if case .sqlite(let code, let message, _) = error { throw .open(path: destination, code: code, message: message) }
                throw error
            }
            _ = try? PrivateFiles.tightenFiles([destination], what: "backup file")
            let copy = try SQLiteDatabase(path: destination, create: false)
            defer { copy.close() }
            let check = try copy.query("PRAGMA quick_check").first.map { row throws(StoreError) in try row.text(0) } ?? ""
            guard check == "ok" else { throw .corrupt("the backup \(destination) failed its check: \(check)") }
            let revision = try ConfigTransaction(db: copy).revision()
            return BackupSummary(source: source, destination: destination, revision: revision)
        }
    }
}
