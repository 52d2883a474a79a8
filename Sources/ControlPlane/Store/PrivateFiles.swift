#if canImport(Glibc)
import Glibc
#endif

/// Keeps Tollgate's secret-bearing files readable by their owner only.
///
/// The control plane's database holds API key values and the admin audit log in clear, and the
/// dev credentials file holds the admin secret, so their directory is created `0700` and the files
/// `0600` (the database's `-wal` and `-shm` included). Files are created under
/// `withOwnerOnlyUmask` (so they are never briefly world-readable) and then `chmod`ed, because a
/// umask can only take bits away. An existing directory or file with group or other bits set is
/// tightened and reported as a warning line, never silently left open. Not on any hot path:
/// startup only.
package enum PrivateFiles {
    /// The mode of a private directory.
    package static let directoryMode: mode_t = 0o700
    /// The mode of a private file.
    package static let fileMode: mode_t = 0o600

    /// Creates `path` (parents as needed, with the default mode) as a `0700` directory, or tightens
    /// an existing one. Returns a warning for each mode it had to change; `what` names it in the
    /// warning ("data directory"). Throws a readable error if it cannot be created or changed.
    package static func prepareDirectory(_ path: String, what: String) throws(PrivateFilesError) -> [String] {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: path) }
            return try tighten(path, what: what, to: directoryMode, current: info.st_mode)
        }
        try createDirectories(path)
        guard chmod(path, directoryMode) == 0 else { throw .failed(action: "set the mode of", path: path, errno: errno) }
        return []
    }

    /// Tightens each of `paths` that exists to `0600`; missing files are skipped. Returns one
    /// warning per file whose mode changed.
    package static func tightenFiles(_ paths: [String], what: String) throws(PrivateFilesError) -> [String] {
        var warnings: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            warnings += try tighten(path, what: what, to: fileMode, current: info.st_mode)
        }
        return warnings
    }

    /// Runs `body` with the process umask at `077`, so files it creates are private from their
    /// first byte. The umask is process-wide: only call this at startup, where the worst another
    /// thread can suffer is a file that is more private than it asked for.
    package static func withOwnerOnlyUmask<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let previous = umask(0o077)
        defer { umask(previous) }
        return try body()
    }

    /// Replaces `path` with `bytes` atomically (temporary file, fsync, rename), the file `0600`
    /// from its creation. Errors name the file.
    package static func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws(PrivateFilesError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw .failed(action: "create", path: temporary, errno: errno) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                // Safe: `written < raw.count`, so the pointer and the remaining length stay inside the buffer.
                write(fd, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw .failed(action: "write", path: temporary, errno: code)
            }
            written += result
        }
        let synced = fsync(fd) == 0 && fchmod(fd, fileMode) == 0
        let code = errno
        close(fd)
        guard synced else {
            unlink(temporary)
            throw .failed(action: "write", path: temporary, errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .failed(action: "replace", path: path, errno: code)
        }
    }

    /// Whether anything exists at `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    // MARK: - Private

    private static func tighten(_ path: String, what: String, to mode: mode_t, current: mode_t) throws(PrivateFilesError) -> [String] {
        let permissions = current & 0o7777
        guard permissions & 0o077 != 0 else { return [] }
        guard chmod(path, mode) == 0 else { throw .failed(action: "set the mode of", path: path, errno: errno) }
        return ["\(what) \(path) was mode \(octal(permissions)), readable by other users; changed it to \(octal(mode))"]
    }

    /// `mkdir -p`: the leaf gets `0700`, missing parents the default mode.
    private static func createDirectories(_ path: String) throws(PrivateFilesError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for (index, part) in parts.enumerated() {
            prefix += part
            let isLeaf = index == parts.count - 1
            if mkdir(prefix, isLeaf ? directoryMode : 0o755) != 0 {
                let code = errno
                var info = stat()
                let exists = stat(prefix, &info) == 0
                guard code == EEXIST, exists else { throw .failed(action: "create the directory", path: prefix, errno: code) }
                guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: prefix) }
            }
            prefix += "/"
        }
    }

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Why a private directory or file could not be prepared, as one readable line.
package enum PrivateFilesError: Error, Equatable, Sendable, CustomStringConvertible {
    case notADirectory(path: String)
    case failed(action: String, path: String, errno: Int32)

    package var description: String {
        switch self {
        case .notADirectory(let path):
            return "\(path) exists and is not a directory"
        case .failed(let action, let path, let code):
            let reason = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
            return "cannot \(action) \(path): \(reason)"
        }
    }
}
