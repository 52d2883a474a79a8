import Foundation
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

    @Test func unreadableLocationIsATypedError() {
        let cache = SnapshotDiskCache(directory: "/proc/self/definitely-not-here")
        #expect(throws: SnapshotDiskCacheError.self) { try cache.write([1]) }
    }
}
