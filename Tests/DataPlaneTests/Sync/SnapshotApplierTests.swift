import Foundation
import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Records what the applier installed.
private final class Installs: Sendable {
    private let revisions = Mutex<[Int64]>([])
    var all: [Int64] { revisions.withLock { $0 } }
    var install: @Sendable (Snapshot, CompiledSnapshot) -> Void {
        { [self] snapshot, compiled in revisions.withLock { $0.append(compiled.revision) } }
    }
}

@Suite struct SnapshotApplierTests {
    @Test func appliesAGoodSnapshotAndPersistsItsExactBytes() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        let installs = Installs(), logs = LogLines()
        let applier = SnapshotApplier(diskCache: cache, log: logs.processLog, install: installs.install)
        let bytes = SyncFixtures.bytes(revision: 4)
        #expect(await applier.apply(bytes, revision: 4) == .applied(revision: 4))
        #expect(installs.all == [4])
        #expect(applier.servingRevision == 4)
        #expect(try cache.read() == bytes)
        #expect(logs.all.count == 1 && logs.all[0].hasPrefix("applied snapshot revision 4 from control plane"))
        #expect(logs.records.first?.level == .info)
        #expect(logs.records.first?.fields.first.map { [$0.key, $0.value] } == ["revision", "4"])
    }

    @Test func identicalSnapshotIsNotRecompiled() async {
        let installs = Installs()
        let applier = SnapshotApplier(diskCache: nil, log: .discard, install: installs.install)
        let bytes = SyncFixtures.bytes(revision: 4)
        _ = await applier.apply(bytes, revision: 4)
        #expect(await applier.apply(bytes, revision: 4) == .unchanged(revision: 4))
        #expect(installs.all == [4])
    }

    @Test func alteredBytesAreRejectedAndTheOldSnapshotKeepsServing() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        let installs = Installs(), logs = LogLines()
        let applier = SnapshotApplier(diskCache: cache, log: logs.processLog, install: installs.install)
        let good = SyncFixtures.bytes(revision: 4)
        _ = await applier.apply(good, revision: 4)
        var altered = SyncFixtures.bytes(revision: 5, body: "v2")
        let index = altered.firstIndex(of: UInt8(ascii: "v"))!
        altered[index] = UInt8(ascii: "w")
        #expect(await applier.apply(altered, revision: 5) == .rejected(revision: 5, reason: "snapshot checksum mismatch"))
        #expect(installs.all == [4])
        #expect(applier.servingRevision == 4)
        #expect(try cache.read() == good, "a rejected body never reaches the disk cache")
        #expect(logs.all.last == "rejected snapshot revision 5 from control plane: snapshot checksum mismatch; still serving revision 4")
        #expect(logs.records.last?.level == .warn)
    }

    @Test func snapshotThatDoesNotCompileIsRejected() async {
        let installs = Installs()
        let applier = SnapshotApplier(diskCache: nil, log: .discard, install: installs.install)
        let outcome = await applier.apply(SyncFixtures.bytes(revision: 6, duplicateStage: true), revision: 6)
        guard case .rejected(let revision, _, let reason) = outcome else {
            Issue.record("expected a rejection, got \(outcome)")
            return
        }
        #expect(revision == 6)
        #expect(reason.hasPrefix("compile error: "))
        #expect(installs.all.isEmpty)
    }

    @Test func bootLoadsTheDiskCacheWithoutPersistingItAgain() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        try cache.write(SyncFixtures.bytes(revision: 11))
        let installs = Installs(), logs = LogLines()
        let applier = SnapshotApplier(diskCache: cache, log: logs.processLog, install: installs.install)
        #expect(applier.loadFromDisk() == .applied(revision: 11))
        #expect(installs.all == [11])
        #expect(logs.all.first?.hasPrefix("applied snapshot revision 11 from disk cache ") == true)
    }

    @Test(arguments: ["not json at all", "", #"{"schemaVersion":1,"checksum":"00"}"#])
    func corruptDiskCacheIsLoggedMovedAsideAndIgnored(contents: String) throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let cache = SnapshotDiskCache(directory: directory)
        try cache.write(Array(contents.utf8))
        let installs = Installs(), logs = LogLines()
        let applier = SnapshotApplier(diskCache: cache, log: logs.processLog, install: installs.install)
        guard case .rejected = applier.loadFromDisk() else {
            Issue.record("a corrupt cache must be rejected")
            return
        }
        #expect(installs.all.isEmpty)
        #expect(try cache.read() == nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.count == 1 && files[0].hasPrefix("snapshot.json.corrupt-"))
        #expect(logs.all.contains { $0.hasPrefix("ignoring the snapshot cache") })
        #expect(logs.all.contains { $0.hasPrefix("moved the unusable snapshot cache to") })
    }

    @Test func missingDiskCacheIsNotAnError() {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let logs = LogLines()
        let applier = SnapshotApplier(diskCache: SnapshotDiskCache(directory: directory), log: logs.processLog, install: { _, _ in })
        #expect(applier.loadFromDisk() == nil)
        #expect(logs.all.isEmpty)
    }
}
