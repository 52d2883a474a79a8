import Foundation
import Testing
@testable import ControlPlane

/// Private directories (0700) and files (0600), created so and tightened with a warning.
@Suite struct PrivateFilesTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return info.st_mode & 0o7777
    }

    @Test func createsTheDirectoryAndMissingParentsOwnerOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let leaf = dir.file("a/b/data")
        #expect(try PrivateFiles.prepareDirectory(leaf, what: "data directory").isEmpty)
        #expect(Self.mode(leaf) == 0o700)
    }

    @Test func tightensAnExistingDirectoryWithAWarning() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        chmod(dir.path, 0o755)
        let warnings = try PrivateFiles.prepareDirectory(dir.path, what: "data directory")
        #expect(warnings == ["data directory \(dir.path) was mode 0755, readable by other users; changed it to 0700"])
        #expect(Self.mode(dir.path) == 0o700)
        #expect(try PrivateFiles.prepareDirectory(dir.path, what: "data directory").isEmpty)
    }

    @Test func tightensExistingFilesAndSkipsMissingOnes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        FileManager.default.createFile(atPath: dir.file("f"), contents: Data("x".utf8))
        chmod(dir.file("f"), 0o644)  // chmod, not a creation mode: another test may hold the umask at 077 meanwhile
        let warnings = try PrivateFiles.tightenFiles([dir.file("f"), dir.file("missing")], what: "database file")
        #expect(warnings.count == 1)
        #expect(Self.mode(dir.file("f")) == 0o600)
    }

    @Test func aPathUnderAFileIsAReadableError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        FileManager.default.createFile(atPath: dir.file("plain"), contents: Data())
        do {
            _ = try PrivateFiles.prepareDirectory(dir.file("plain/data"), what: "data directory")
            Issue.record("created a directory under a file")
        } catch {
            #expect(error.description == "\(dir.file("plain")) exists and is not a directory")
        }
    }

    @Test func atomicWritesArePrivateFromTheStart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try PrivateFiles.writeFileAtomically(dir.file("secret.json"), Array("{}".utf8))
        #expect(Self.mode(dir.file("secret.json")) == 0o600)
        #expect(FileManager.default.contents(atPath: dir.file("secret.json")) == Data("{}".utf8))
        #expect(!FileManager.default.fileExists(atPath: dir.file("secret.json.tmp")))
    }
}
