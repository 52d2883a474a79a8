import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Shared
#if canImport(Glibc)
import Glibc
#endif

/// Reload on change: the certificate and key files' signatures, read through an injected
/// function (no files, no clock), and through `stat(2)` on real files.
@Suite struct TLSFileWatchTests {
    /// Signatures the test sets per path; nil: the file cannot be read.
    final class Files: Sendable {
        let table = Mutex<[String: TLSFileWatch.Signature]>([:])
        func set(_ path: String, inode: UInt64 = 1, size: Int64 = 100, modified: Int64 = 1) {
            table.withLock { $0[path] = TLSFileWatch.Signature(inode: inode, size: size, modifiedNanos: modified) }
        }
        func remove(_ path: String) { _ = table.withLock { $0.removeValue(forKey: path) } }
        func signature(_ path: String) -> TLSFileWatch.Signature? { table.withLock { $0[path] } }
    }

    static func watching(_ files: Files, _ paths: [String] = ["cert.pem", "key.pem"]) -> TLSFileWatch {
        for path in paths where files.signature(path) == nil { files.set(path) }
        return TLSFileWatch(paths: paths, signature: files.signature)
    }

    @Test func theFilesServingAreNothingToLoad() {
        let files = Files()
        let watch = Self.watching(files)
        #expect(watch.poll() == nil)
        #expect(watch.poll() == nil)
    }

    @Test(arguments: [(UInt64(2), Int64(100), Int64(1)), (1, 101, 1), (1, 100, 2)])
    func aNewInodeSizeOrModificationTimeIsToLoadUntilALoadSucceeds(inode: UInt64, size: Int64, modified: Int64) throws {
        let files = Files()
        var watch = Self.watching(files)
        files.set("key.pem", inode: inode, size: size, modified: modified)
        let state = try #require(watch.poll())
        #expect(state[1] == TLSFileWatch.Signature(inode: inode, size: size, modifiedNanos: modified))
        // Not loaded yet (or the load failed): every poll answers it again.
        #expect(watch.poll() == state)
        watch.succeeded(state)
        #expect(watch.poll() == nil)
        #expect(watch.loaded == state)
    }

    @Test func aFailedStateIsRetriedOnEveryPollButReportedOncePerStateAndReason() throws {
        let files = Files()
        var watch = Self.watching(files)
        files.set("cert.pem", modified: 2)
        let broken = try #require(watch.poll())
        var news = watch.failed(broken, reason: "key does not match")
        #expect(news)
        #expect(watch.poll() == broken)  // retried
        news = watch.failed(broken, reason: "key does not match")
        #expect(!news)  // not logged again
        news = watch.failed(broken, reason: "cannot read key")
        #expect(news)  // a new reason is news
        files.set("key.pem", modified: 2)
        let stillBroken = try #require(watch.poll())
        news = watch.failed(stillBroken, reason: "cannot read key")
        #expect(news)  // a new state is news
        watch.succeeded(stillBroken)
        #expect(watch.poll() == nil)
        // After a success the same failure again is news.
        files.set("cert.pem", modified: 3)
        news = watch.failed(try #require(watch.poll()), reason: "cannot read key")
        #expect(news)
    }

    @Test func aFileThatDisappearsIsToLoadAndItsReturnUnchangedIsNot() throws {
        let files = Files()
        let watch = Self.watching(files, ["cert.pem"])
        files.remove("cert.pem")
        #expect(try #require(watch.poll()) == [nil])
        files.set("cert.pem")  // the same version back: what serves
        #expect(watch.poll() == nil)
        files.set("cert.pem", inode: 7)
        #expect(watch.poll() != nil)
    }

    @Test func theLoadedStateGivenAtTheStartIsTheBaseline() throws {
        let files = Files()
        files.set("cert.pem", modified: 9)
        // The context was read from an older version: the file changed before the watch began.
        let watch = TLSFileWatch(paths: ["cert.pem"], loaded: [TLSFileWatch.Signature(inode: 1, size: 100, modifiedNanos: 1)],
                                 signature: files.signature)
        #expect(try #require(watch.poll()) == files.signature("cert.pem").map { [$0] })
    }

    @Test func statSeesARenameOverTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cert.pem")
        try "first\n".write(toFile: path, atomically: false, encoding: .utf8)
        let watch = TLSFileWatch(paths: [path])
        #expect(TLSFileWatch.signature(of: path) != nil)
        #expect(watch.poll() == nil)
        // Same size, a new inode: what `mv new.pem cert.pem` does.
        try "other\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(watch.poll() != nil)
        #expect(TLSFileWatch.signature(of: directory.file("missing.pem")) == nil)
    }

    /// An in-place rewrite that keeps the modification time (a file system with coarse
    /// timestamps, or a rewrite within its granularity) is still seen, by its size.
    @Test func statSeesAnInPlaceRewriteThatKeepsTheModificationTime() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("key.pem")
        try "first\n".write(toFile: path, atomically: false, encoding: .utf8)
        let before = try #require(TLSFileWatch.signature(of: path))
        let watch = TLSFileWatch(paths: [path])
        try "a longer second version\n".write(toFile: path, atomically: false, encoding: .utf8)
        try Self.setModificationTime(path, nanos: before.modifiedNanos)
        let after = try #require(TLSFileWatch.signature(of: path))
        #expect(after.inode == before.inode && after.modifiedNanos == before.modifiedNanos)
        #expect(watch.poll() != nil)
    }

    /// `utimensat(2)`: sets the file's modification time (and access time) to `nanos`.
    static func setModificationTime(_ path: String, nanos: Int64) throws {
        let time = timespec(tv_sec: Int(nanos / 1_000_000_000), tv_nsec: Int(nanos % 1_000_000_000))
        let times = [time, time]
        guard utimensat(AT_FDCWD, path, times, 0) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }
}
