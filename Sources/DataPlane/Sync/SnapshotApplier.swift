import Dispatch
import Shared
import Synchronization

/// Turns snapshot bytes into what the node serves: decode (checksum verified), compile, install on
/// every loop, persist to the disk cache — in that order, one snapshot at a time, on its own serial
/// queue so neither an event loop nor the Swift concurrency pool ever compiles.
///
/// Caddy's rule: a body that fails to decode or compile is rejected as a whole and the snapshot
/// being served stays in place. A body identical to the one served (same revision and checksum) is
/// `unchanged` and costs only the decode. The disk cache is written after installing (serving
/// first; an fsync must not delay the swap); a write failure is logged and does not reject.
package final class SnapshotApplier: Sendable {
    /// What became of one body: the revision and epoch it carries (for a rejected body that could
    /// not be read, the ones the control plane's headers named, if any).
    package enum Outcome: Sendable, Equatable {
        case applied(revision: Int64, epoch: String? = nil)
        case unchanged(revision: Int64, epoch: String? = nil)
        case rejected(revision: Int64?, epoch: String? = nil, reason: String)
    }

    private let queue = DispatchQueue(label: "tollgate.snapshot-apply")
    private let install: @Sendable (Snapshot, CompiledSnapshot) -> Void
    private let diskCache: SnapshotDiskCache?
    /// Component `sync`: applied at info, rejected and disk-cache trouble at warn.
    private let log: ProcessLog
    private let serving = Mutex<(revision: Int64, checksum: String)?>(nil)

    /// `install` must make the compiled snapshot live on every loop before it returns; it runs on
    /// the apply queue. `log` gets one line per applied or rejected snapshot.
    package init(diskCache: SnapshotDiskCache?, log: ProcessLog,
                 install: @escaping @Sendable (Snapshot, CompiledSnapshot) -> Void) {
        self.diskCache = diskCache
        self.log = log
        self.install = install
    }

    /// The revision being served, if any.
    package var servingRevision: Int64? { serving.withLock { $0?.revision } }

    /// Applies a body received from the control plane (`revision` and `epoch` from its headers, for
    /// reports when the body is unreadable) and persists it. Runs on the apply queue.
    package func apply(_ bytes: [UInt8], revision: Int64?, epoch: String? = nil) async -> Outcome {
        await withCheckedContinuation { continuation in
            queue.async { [self] in
                continuation.resume(returning: applyNow(bytes, revision: revision, epoch: epoch, persist: true, origin: "control plane"))
            }
        }
    }

    /// Boot: loads the disk cache and applies it, before the node contacts the control plane. A
    /// file that is unreadable, fails its checksum or does not compile is moved aside and logged.
    /// Returns nil when there is no usable file. Blocks the caller (file I/O and compilation).
    package func loadFromDisk() -> Outcome? {
        guard let diskCache else { return nil }
        let bytes: [UInt8]
        do {
            guard let read = try diskCache.read() else { return nil }
            bytes = read
        } catch {
            log.warn("cannot read the snapshot cache: \(error); ignoring it and fetching from the control plane")
            quarantine(diskCache)
            return nil
        }
        let outcome = queue.sync { applyNow(bytes, revision: nil, epoch: nil, persist: false, origin: "disk cache \(diskCache.filePath)") }
        if case .rejected = outcome {
            log.warn("ignoring the snapshot cache \(diskCache.filePath); it will be refetched from the control plane")
            quarantine(diskCache)
        }
        return outcome
    }

    private func quarantine(_ diskCache: SnapshotDiskCache) {
        do {
            let aside = try diskCache.quarantine()
            log.warn("moved the unusable snapshot cache to \(aside)")
        } catch {
            log.error("cannot move the unusable snapshot cache aside: \(error)")
        }
    }

    /// Decode → compile → install → persist. Apply queue only.
    private func applyNow(_ bytes: [UInt8], revision hint: Int64?, epoch epochHint: String?, persist: Bool, origin: String) -> Outcome {
        let started = Syscall.monotonicNanos()
        let snapshot: Snapshot
        do {
            snapshot = try SnapshotCodec.decode(bytes)
        } catch {
            return reject(revision: hint, epoch: epochHint, reason: error.message, origin: origin)
        }
        let decodedAt = Syscall.monotonicNanos()
        if let current = serving.withLock({ $0 }), current.revision == snapshot.revision, current.checksum == snapshot.checksum {
            return .unchanged(revision: snapshot.revision, epoch: snapshot.epoch)
        }
        let compiled: CompiledSnapshot
        do {
            compiled = try SnapshotCompiler.compile(snapshot)
        } catch {
            return reject(revision: snapshot.revision, epoch: snapshot.epoch, reason: "compile error: \(error.description)", origin: origin)
        }
        let compiledAt = Syscall.monotonicNanos()
        install(snapshot, compiled)
        serving.withLock { $0 = (snapshot.revision, snapshot.checksum) }
        let milliseconds = { (from: UInt64, to: UInt64) in String(format2: Double(to &- from) / 1e6) }
        log.info("applied snapshot revision \(snapshot.revision) from \(origin): \(snapshot.stages.count) stages, "
                 + "\(snapshot.apiKeys.count) API keys; decoded in \(milliseconds(started, decodedAt)) ms, "
                 + "compiled in \(milliseconds(decodedAt, compiledAt)) ms, live on every loop after \(milliseconds(started, Syscall.monotonicNanos())) ms",
                 fields: [("revision", String(snapshot.revision))])
        if persist, let diskCache {
            do {
                try diskCache.write(bytes)
            } catch {
                log.error("cannot persist snapshot revision \(snapshot.revision): \(error)")
            }
        }
        return .applied(revision: snapshot.revision, epoch: snapshot.epoch)
    }

    private func reject(revision: Int64?, epoch: String?, reason: String, origin: String) -> Outcome {
        let still = servingRevision.map { "still serving revision \($0)" } ?? "nothing is served yet"
        log.warn("rejected snapshot revision \(revision.map(String.init) ?? "?") from \(origin): \(reason); \(still)",
                 fields: [("revision", revision.map(String.init) ?? "")])
        return .rejected(revision: revision, epoch: epoch, reason: reason)
    }
}

private extension String {
    /// `value` with two decimals, without Foundation.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
