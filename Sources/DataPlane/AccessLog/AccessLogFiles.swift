#if canImport(Glibc)
import Glibc
#endif
import Shared

/// The access-log writer's open files: one append-only descriptor per destination, opened on first
/// use (parent directories created, mode 0640), or standard output with a prefix per line.
///
/// Used only by the writer thread (`AccessLogWriter`), never by an event loop. A file that cannot
/// be opened or written counts its lines as failed and is retried on the next flush.
final class AccessLogFiles {
    /// Nil: standard output.
    private let directory: String?
    private var open: [AccessLogDestination: Int32] = [:]
    private let log: @Sendable (String) -> Void
    /// Destinations already reported as unwritable (one log line each until they recover).
    private var reported: Set<AccessLogDestination> = []

    init(directory: String?, log: @escaping @Sendable (String) -> Void) {
        self.directory = directory
        self.log = log
    }

    /// Writes `bytes` (whole lines) for `destination`; false when they could not be written.
    func write(_ bytes: [UInt8], to destination: AccessLogDestination) -> Bool {
        guard let directory else {
            // `access-log {group} {line}`: what is access log and whose, on a stream shared with the node's own lines.
            var prefixed: [UInt8] = []
            let prefix = Array("access-log \(destination.displayName) ".utf8)
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                prefixed += prefix
                prefixed += bytes[start...index]
                start = index + 1
            }
            return Self.writeAll(STDOUT_FILENO, prefixed)
        }
        guard let fd = descriptor(for: destination, under: directory) else { return false }
        if Self.writeAll(fd, bytes) {
            reported.remove(destination)
            return true
        }
        report(destination, "write")
        Glibc.close(fd)
        open[destination] = nil
        return false
    }

    /// Closes every file (the writer's shutdown).
    func closeAll() {
        for fd in open.values { Glibc.close(fd) }
        open = [:]
    }

    private func descriptor(for destination: AccessLogDestination, under directory: String) -> Int32? {
        if let fd = open[destination] { return fd }
        let path = directory + "/" + destination.relativePath
        Self.makeParents(of: path, below: directory)
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            report(destination, "open \(path)")
            return nil
        }
        open[destination] = fd
        return fd
    }

    private func report(_ destination: AccessLogDestination, _ operation: String) {
        let code = errno
        guard reported.insert(destination).inserted else { return }
        log("access log \(destination.displayName): \(operation) failed (errno \(code)); its lines are dropped until it works")
    }

    /// `mkdir` of each directory between `directory` and `path`'s parent (the names were checked
    /// by `AccessLogDestination`: no `.`/`..` segments, so nothing outside `directory` is made).
    private static func makeParents(of path: String, below directory: String) {
        let relative = path.dropFirst(directory.count + 1).split(separator: "/").dropLast()
        var current = directory
        for segment in relative {
            current += "/" + segment
            _ = mkdir(current, 0o750)
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            // Safe: the range starts at `written` < count and spans the remaining bytes of the array.
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }
}
