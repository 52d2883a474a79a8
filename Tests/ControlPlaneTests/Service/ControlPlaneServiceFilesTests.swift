import Foundation
import Testing
@testable import ControlPlane
import Shared

/// The control plane's data directory and database files are private (they hold API key values).
@Suite struct ControlPlaneServiceFilesTests {
    static func configuration(_ directory: String) -> ControlPlaneService.Configuration {
        .init(dataDirectory: directory, adminAccessKeyId: "AKIDFILES00000000001", adminSecretAccessKey: "s", clusterSecret: "c")
    }

    static func mode(_ path: String) -> mode_t { PrivateFilesTests.mode(path) }

    @Test func newDataDirectoryIs0700AndEveryDatabaseFile0600() async throws {
        let parent = try TemporaryDirectory()
        defer { parent.remove() }
        let directory = parent.file("data")
        let service = try ControlPlaneService(configuration: Self.configuration(directory))
        // A write makes sure the WAL and shared-memory files exist.
        try service.store.write { try $0.bumpRevision() }
        #expect(service.startupWarnings.isEmpty)
        #expect(Self.mode(directory) == 0o700)
        let files = ControlPlaneService.databaseFiles(in: directory)
        for file in files {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(Self.mode(file) == 0o600, "\(file) is \(String(Self.mode(file), radix: 8))")
        }
        await service.shutdown()
    }

    @Test func openModesLeftByAnOlderBuildAreTightenedWithWarnings() async throws {
        let parent = try TemporaryDirectory()
        defer { parent.remove() }
        let directory = parent.file("data")
        do {
            let first = try ControlPlaneService(configuration: Self.configuration(directory))
            await first.shutdown()
        }
        chmod(directory, 0o755)
        let database = ControlPlaneService.databaseFiles(in: directory)[0]
        chmod(database, 0o644)
        let service = try ControlPlaneService(configuration: Self.configuration(directory))
        #expect(service.startupWarnings.count == 2)
        #expect(service.startupWarnings.first?.hasPrefix("data directory \(directory) was mode 0755") == true)
        #expect(Self.mode(directory) == 0o700)
        #expect(Self.mode(database) == 0o600)
        await service.shutdown()
    }

    @Test func corruptDatabaseSaysWhichFileAndWhatToDo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = ControlPlaneService.databaseFiles(in: directory.path)[0]
        FileManager.default.createFile(atPath: database, contents: Data(repeating: 0x41, count: 8192))
        do {
            _ = try ControlPlaneService(configuration: Self.configuration(directory.path))
            Issue.record("opened a corrupt database")
        } catch {
            let line = "\(error)"
            #expect(line.hasPrefix("cannot open the database \(database): file is not a database"), "\(line)")
            #expect(line.contains("restore it from a backup"))
            #expect(!line.contains("\n"))
        }
    }
}
