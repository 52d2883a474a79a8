#if canImport(Glibc)
import Glibc
#endif

/// The last good snapshot's bytes in `--state-dir`, so a node restarted while the control plane is
/// down serves at once.
///
/// `write` is atomic and durable: the bytes go to `snapshot.json.tmp`, which is fsynced, renamed
/// over `snapshot.json`, and then the directory is fsynced so the rename itself survives a power
/// cut. A reader therefore sees the old file or the new one, never a torn one. The bytes are stored
/// exactly as the control plane sent them, so `SnapshotCodec.decode` re-verifies their checksum at
/// boot; a file that fails (or cannot be read) is moved aside with `quarantine` and refetched.
/// Blocking file I/O: call from the snapshot-apply queue or at boot, never on an event loop.
package struct SnapshotDiskCache: Sendable {
    package static let fileName = "snapshot.json"

    package let directory: String
    /// Files larger than this are not read (the node's snapshot limit: nothing larger was written).
    package let maximumFileBytes: Int

    package init(directory: String, maximumFileBytes: Int = SnapshotSizeLimit.defaultBytes) {
        var trimmed = directory
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
        self.maximumFileBytes = maximumFileBytes
    }

    package var filePath: String { directory + "/" + Self.fileName }
    var temporaryPath: String { filePath + ".tmp" }

    /// Creates the directory and its parents when missing (mode 0700).
    package func prepare() throws(SnapshotDiskCacheError) {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw .init("mkdir", path) }
        }
    }

    /// The stored bytes, or nil when there is no file.
    package func read() throws(SnapshotDiskCacheError) -> [UInt8]? {
        let fd = open(filePath, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .init("open", filePath)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            // Safe: `read` writes at most `chunk.count` bytes into the chunk's own storage.
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .init("read", filePath)
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            if bytes.count > maximumFileBytes { throw .init("read", filePath, code: EFBIG) }
        }
    }

    /// Replaces the stored snapshot with `bytes`, atomically and durably.
    package func write(_ bytes: [UInt8]) throws(SnapshotDiskCacheError) {
        let temporary = temporaryPath
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .init("open", temporary) }
        var written = 0
        while written < bytes.count {
            // Safe: the pointer range starts at `written` < count and spans the remaining bytes.
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = SnapshotDiskCacheError("write", temporary)
                close(fd)
                unlink(temporary)
                throw error
            }
            written += count
        }
        if fsync(fd) != 0 {
            let error = SnapshotDiskCacheError("fsync", temporary)
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, filePath) == 0 else {
            let error = SnapshotDiskCacheError("rename", temporary)
            unlink(temporary)
            throw error
        }
        try syncDirectory()
    }

    /// Moves the stored file aside to `snapshot.json.corrupt-{epoch seconds}` and returns that path.
    @discardableResult
    package func quarantine() throws(SnapshotDiskCacheError) -> String {
        let aside = filePath + ".corrupt-\(time(nil))"
        guard rename(filePath, aside) == 0 else { throw .init("rename", filePath) }
        try syncDirectory()
        return aside
    }

    /// fsyncs the directory, making renames and creations in it durable.
    private func syncDirectory() throws(SnapshotDiskCacheError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .init("open", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .init("fsync", directory) }
    }
}

/// A file operation of `SnapshotDiskCache` failed: which, on what path, and the kernel's reason.
package struct SnapshotDiskCacheError: Error, Equatable, Sendable, CustomStringConvertible {
    package let operation: String
    package let path: String
    package let code: Int32

    /// Captures `errno` unless `code` is given.
    init(_ operation: String, _ path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    package var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
