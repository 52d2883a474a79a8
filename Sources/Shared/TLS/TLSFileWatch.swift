#if canImport(Glibc)
import Glibc
#endif

/// Notices when a listener's certificate or key file changed, for reload on change (issue 15).
///
/// Polled by its owner (the node's `tollgate-reload` thread, every `pollIntervalNanos`): `poll()`
/// reads each file's signature — inode, size and modification time, so a rename over the file
/// (`mv new.pem cert.pem`, how tools rotate atomically) and an in-place rewrite are both seen —
/// and answers whether any differs from the previous poll. A file that cannot be read has no
/// signature; its disappearing or coming back counts as a change (the reload then reports why it
/// cannot load). The reading of signatures is injected, so tests drive it without files or
/// clocks. Not thread-safe: one owner.
package struct TLSFileWatch {
    /// What identifies one version of a file.
    package struct Signature: Equatable, Sendable {
        package var inode: UInt64
        package var size: Int64
        package var modifiedNanos: Int64

        package init(inode: UInt64, size: Int64, modifiedNanos: Int64) {
            self.inode = inode
            self.size = size
            self.modifiedNanos = modifiedNanos
        }
    }

    /// How often the reload thread polls: 2 s.
    package static let pollIntervalNanos: Int64 = 2_000_000_000

    private let paths: [String]
    private let signature: (String) -> Signature?
    private var last: [Signature?]

    /// Watches `paths`, taking their current signatures as the baseline.
    package init(paths: [String], signature: @escaping (String) -> Signature? = TLSFileWatch.signature(of:)) {
        self.paths = paths
        self.signature = signature
        last = paths.map(signature)
    }

    /// True when any file's signature differs from the previous poll; records the new ones.
    package mutating func poll() -> Bool {
        let now = paths.map(signature)
        defer { last = now }
        return now != last
    }

    /// Takes the current signatures as the baseline (after a reload for another reason: SIGHUP).
    package mutating func rebase() {
        last = paths.map(signature)
    }

    /// The file's signature from `stat(2)` (following symbolic links), nil when it cannot be read.
    package static func signature(of path: String) -> Signature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Signature(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modifiedNanos: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
