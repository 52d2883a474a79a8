import Foundation
import Testing
@testable import ControlPlane
import Shared

/// `tollgate backup`: a consistent, private copy made with `VACUUM INTO`, even while the store is open.
@Suite struct ConfigStoreBackupTests {
    @Test func backupOfAnOpenStoreHoldsItsCommittedWrites() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try ConfigStore(directory: dir.path)
        try store.write { tx in
            try tx.putAccount(Account())
            try tx.bumpRevision()
        }
        let expected = try store.revision()
        let destination = dir.file("backup.sqlite")
        let summary = try ConfigStore.backup(directory: dir.path, to: destination)
        #expect(summary.revision == expected)
        #expect(PrivateFilesTests.mode(destination) == 0o600)
        // The copy is a complete database on its own: no WAL next to it is needed.
        #expect(!FileManager.default.fileExists(atPath: destination + "-wal"))
        let restored = try ConfigStore(path: destination)
        #expect(try restored.revision() == expected)
    }

    @Test func refusesAMissingSourceAndAnExistingDestination() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: StoreError.self) { try ConfigStore.backup(directory: dir.path, to: dir.file("b.sqlite")) }
        #expect(!FileManager.default.fileExists(atPath: dir.file(ConfigStore.fileName)), "a backup must never create the source")
        _ = try ConfigStore(directory: dir.path)
        FileManager.default.createFile(atPath: dir.file("taken"), contents: Data("keep".utf8))
        #expect(throws: StoreError.self) { try ConfigStore.backup(directory: dir.path, to: dir.file("taken")) }
        #expect(FileManager.default.contents(atPath: dir.file("taken")) == Data("keep".utf8))
    }
}
