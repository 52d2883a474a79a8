import Foundation
import Synchronization
import Testing
@testable import DataPlane

@Suite struct SnapshotDiskCacheTests {
    @Test func readFindsNothingBeforeTheFirstWrite() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        #expect(try SnapshotDiskCache(directory: directory).read() == nil)
    }

    @Test func prepareCreatesTheStateDirectoryAndItsParents() throws {
        let base = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(base) }
        let cache = SnapshotDiskCache(directory: base + "/a/b/state/")
        try cache.prepare()
        try cache.prepare()
        try cache.write([1, 2, 3])
        #expect(try cache.read() == [1, 2, 3])
        #expect(cache.filePath == base + "/a/b/state/snapshot.json")
    }

    @Test func writeReplacesTheWholeFileAndLeavesNoTemporaryBehind() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        let large = [UInt8](repeating: 0x61, count: 300_000)
        try cache.write(large)
        try cache.write(Array("short".utf8))
        #expect(try cache.read() == Array("short".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["snapshot.json"])
    }

    @Test func aWriteInterruptedBeforeItsRenameLeavesTheOldFileReadable() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        try cache.write(Array("good".utf8))
        // A crash after writing the temporary file but before the rename leaves exactly this.
        _ = FileManager.default.createFile(atPath: cache.temporaryPath, contents: Data("torn".utf8))
        #expect(try cache.read() == Array("good".utf8))
        try cache.write(Array("next".utf8))
        #expect(try cache.read() == Array("next".utf8))
        #expect(!FileManager.default.fileExists(atPath: cache.temporaryPath))
    }

    @Test func quarantineMovesTheFileAsideSoTheNextReadFindsNothing() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        try cache.write(Array("garbage".utf8))
        let aside = try cache.quarantine()
        #expect(aside.hasPrefix(cache.filePath + ".corrupt-"))
        #expect(FileManager.default.contents(atPath: aside) == Data("garbage".utf8))
        #expect(try cache.read() == nil)
    }

    /// A well-formed snapshot file with one byte changed (still valid JSON that compiles, so only
    /// the checksum can tell) is moved aside at boot, and nothing is served from it.
    @Test func aWellFormedSnapshotFileWithOneTamperedByteIsMovedAsideAtBoot() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        var bytes = SyncFixtures.bytes(revision: 11, body: "served-from-cache")
        // Tamper with the response template only: "served-from-cache" → "served-from-cachf".
        let body = Array("served-from-cache".utf8)
        let start = try #require((0...(bytes.count - body.count)).first { Array(bytes[$0..<$0 + body.count]) == body })
        bytes[start + body.count - 1] = UInt8(ascii: "f")
        #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil, "the tampered file is still well-formed JSON")
        try cache.write(bytes)

        let installed = Mutex<[Int64]>([])
        let logs = LogLines()
        let applier = SnapshotApplier(diskCache: cache, log: logs.processLog) { _, compiled in installed.withLock { $0.append(compiled.revision) } }
        let outcome = applier.loadFromDisk()
        guard case .rejected(_, _, let reason) = outcome else {
            Issue.record("a tampered cache file must be rejected, got \(String(describing: outcome))")
            return
        }
        #expect(reason == "snapshot checksum mismatch")
        #expect(installed.withLock { $0 }.isEmpty, "nothing is served from a tampered file")
        #expect(applier.servingRevision == nil)
        #expect(try cache.read() == nil, "the file is no longer where the next boot looks")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.count == 1 && files[0].hasPrefix("snapshot.json.corrupt-"), "\(files)")
        #expect(FileManager.default.contents(atPath: directory + "/" + files[0]) == Data(bytes), "moved aside byte for byte")
    }

    @Test func unreadableLocationIsATypedError() {
        let cache = SnapshotDiskCache(directory: "/proc/self/definitely-not-here")
        #expect(throws: SnapshotDiskCacheError.self) { try cache.write([1]) }
    }
}
