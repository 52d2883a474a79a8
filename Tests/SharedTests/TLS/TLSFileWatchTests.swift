import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Shared

/// Reload on change: the certificate and key files' signatures, read through an injected
/// function (no files, no clock), and once through `stat(2)` on real files.
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

    @Test func unchangedFilesAreNoChange() {
        let files = Files()
        files.set("cert.pem")
        files.set("key.pem")
        var watch = TLSFileWatch(paths: ["cert.pem", "key.pem"], signature: files.signature)
        #expect(watch.poll() == false)
        #expect(watch.poll() == false)
    }

    @Test(arguments: [(UInt64(2), Int64(100), Int64(1)), (1, 101, 1), (1, 100, 2)])
    func aNewInodeSizeOrModificationTimeIsAChangeSeenOnce(inode: UInt64, size: Int64, modified: Int64) {
        let files = Files()
        files.set("cert.pem")
        files.set("key.pem")
        var watch = TLSFileWatch(paths: ["cert.pem", "key.pem"], signature: files.signature)
        files.set("key.pem", inode: inode, size: size, modified: modified)
        #expect(watch.poll() == true)
        #expect(watch.poll() == false)
    }

    @Test func aFileThatDisappearsOrComesBackIsAChange() {
        let files = Files()
        files.set("cert.pem")
        var watch = TLSFileWatch(paths: ["cert.pem"], signature: files.signature)
        files.remove("cert.pem")
        #expect(watch.poll() == true)
        #expect(watch.poll() == false)
        files.set("cert.pem")
        #expect(watch.poll() == true)
    }

    @Test func rebaseTakesTheCurrentFilesAsSeen() {
        let files = Files()
        files.set("cert.pem")
        var watch = TLSFileWatch(paths: ["cert.pem"], signature: files.signature)
        files.set("cert.pem", modified: 5)
        watch.rebase()  // a SIGHUP reloaded them already
        #expect(watch.poll() == false)
    }

    @Test func statSeesARenameOverTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cert.pem")
        try "first\n".write(toFile: path, atomically: false, encoding: .utf8)
        var watch = TLSFileWatch(paths: [path])
        #expect(TLSFileWatch.signature(of: path) != nil)
        #expect(watch.poll() == false)
        // Same size, a new inode: what `mv new.pem cert.pem` does.
        try "other\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(watch.poll() == true)
        #expect(TLSFileWatch.signature(of: directory.file("missing.pem")) == nil)
    }
}
