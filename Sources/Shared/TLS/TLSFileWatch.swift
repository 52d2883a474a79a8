#if canImport(Glibc)
import Glibc
#endif

/// Decides when a listener's certificate and key files should be loaded again (reload on change,
/// issue 15), and when a failed load is worth a log line.
///
/// Polled by its owner (`TLSReloader`, on the node's `tollgate-reload` thread every
/// `pollIntervalNanos`): `poll()` reads each file's signature — inode, size and modification
/// time, so a rename over the file (`mv new.pem cert.pem`, how tools rotate atomically) and an
/// in-place rewrite are both seen — and answers the state to load whenever it differs from the
/// state the serving certificate was loaded from (`succeeded`). So after a failed load (a key
/// that does not match, a half-written file, a file that cannot be read) every tick tries again
/// until a load succeeds — also when the fix is one the signatures cannot show (a same-size
/// rewrite within the file system's timestamp granularity) — while `failed` answers true only
/// once per distinct state and reason, so a broken pair is logged once, not every 2 s. A file
/// that cannot be read has no signature; its disappearing or coming back is a change. The
/// reading of signatures is injected, so tests drive it without files or clocks. Not
/// thread-safe: one owner.
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

    /// The signatures of all the watched files, in the order of `paths` (nil: cannot be read).
    package typealias State = [Signature?]

    /// How often the reload thread polls: 2 s.
    package static let pollIntervalNanos: Int64 = 2_000_000_000

    private let paths: [String]
    private let signature: (String) -> Signature?
    /// The state the serving certificate was loaded from.
    package private(set) var loaded: State
    /// The state and reason of the last failure reported (nil once a load succeeds).
    private var reported: (state: State, reason: String)?

    /// Watches `paths`; `loaded` is the state the serving certificate was read from (taken
    /// before reading it, `TLSFileWatch.state(of:)`), by default the files' current state.
    package init(paths: [String], loaded: State? = nil,
                 signature: @escaping (String) -> Signature? = TLSFileWatch.signature(of:)) {
        self.paths = paths
        self.signature = signature
        self.loaded = loaded ?? paths.map(signature)
    }

    /// The files' state now.
    package func current() -> State { paths.map(signature) }

    /// The state to load now, or nil when the files are the ones serving. Read the state before
    /// loading, and report the outcome with `succeeded` or `failed` for that state: a file
    /// replaced while it is being loaded then differs at the next poll and is loaded again.
    package func poll() -> State? {
        let now = current()
        return now == loaded ? nil : now
    }

    /// A load of `state` succeeded: it is the one serving.
    package mutating func succeeded(_ state: State) {
        loaded = state
        reported = nil
    }

    /// A load of `state` failed for `reason`; true when that is news worth a log line (another
    /// state or reason than the last failure reported).
    package mutating func failed(_ state: State, reason: String) -> Bool {
        if let reported, reported.state == state, reported.reason == reason { return false }
        reported = (state, reason)
        return true
    }

    /// The current state of `paths`, through `stat(2)`.
    package static func state(of paths: [String]) -> State { paths.map(signature(of:)) }

    /// The file's signature from `stat(2)` (following symbolic links), nil when it cannot be read.
    package static func signature(of path: String) -> Signature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Signature(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modifiedNanos: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
