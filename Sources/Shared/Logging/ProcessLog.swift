#if canImport(Glibc)
import Glibc
#endif

/// Where a process writes its log: who it is (node, component), how much it says (minimum level),
/// how it spells lines (format) and where they go (sink). A `Sendable` value, cheap to copy:
/// `with(component:)` gives each part of the process its own.
///
/// `log` builds a `LogRecord` only when its level is enabled, spells it with `LogLineFormatter`
/// and hands the bytes to the sink in one call; the standard-error sink writes each line with one
/// `write(2)` to fd 2, so lines from different threads never interleave (a pipe keeps writes up
/// to `PIPE_BUF`, 4 KiB, whole; a longer line is still one call). Runs on the caller's thread;
/// never call it per request on an event loop (it is for process events, not access logs).
package struct ProcessLog: Sendable {
    /// Where formatted lines go.
    package enum Sink: Sendable {
        /// fd 2, one `write` per line.
        case standardError
        /// Every formatted line (tests, and a process that tees its log).
        case lines(@Sendable ([UInt8]) -> Void)
        /// Every record before formatting (tests that check levels and fields).
        case records(@Sendable (LogRecord) -> Void)
        /// Nothing.
        case discard
    }

    /// The process: a data plane's `--node-id`, `control-plane`, `dev`, `lambda-runner`.
    package let node: String
    /// The part of the process speaking (`main` until `with(component:)`).
    package let component: String
    /// Records below this level are dropped before they are built.
    package let minimumLevel: LogLevel
    package let format: LogFormat
    package let sink: Sink
    /// UTC epoch milliseconds; injected so tests control `time`.
    package let clock: @Sendable () -> Int64

    package init(node: String, component: String = "main", minimumLevel: LogLevel = .info, format: LogFormat = .json,
                 sink: Sink = .standardError, clock: @escaping @Sendable () -> Int64 = ProcessLog.systemClock) {
        self.node = node
        self.component = component
        self.minimumLevel = minimumLevel
        self.format = format
        self.sink = sink
        self.clock = clock
    }

    /// A log that drops everything.
    package static let discard = ProcessLog(node: "", minimumLevel: .error, sink: .discard)

    /// A log whose every message (all levels) goes to `body` as plain text, without time, level or
    /// fields: for components and tests that only look at what was said.
    package static func messages(_ body: @escaping @Sendable (String) -> Void) -> ProcessLog {
        ProcessLog(node: "", minimumLevel: .debug, sink: .records { body($0.message) })
    }

    /// The same log for another part of the process.
    package func with(component: String) -> ProcessLog {
        ProcessLog(node: node, component: component, minimumLevel: minimumLevel, format: format, sink: sink, clock: clock)
    }

    /// Whether a record at `level` would be written.
    package func isEnabled(_ level: LogLevel) -> Bool {
        level >= minimumLevel
    }

    /// Writes one line: `message` and `fields` at `level`, unless the level is below the minimum
    /// (then `message` is not even built).
    package func log(_ level: LogLevel, _ message: @autoclosure () -> String, fields: [(String, String)] = []) {
        guard isEnabled(level) else { return }
        if case .discard = sink { return }
        let record = LogRecord(epochMillis: clock(), level: level, node: node, component: component, message: message(),
                               fields: fields.map { (key: $0.0, value: $0.1) })
        switch sink {
        case .records(let body): body(record)
        case .lines(let body): body(LogLineFormatter.line(record, format: format))
        case .standardError: Self.writeToStandardError(LogLineFormatter.line(record, format: format))
        case .discard: break
        }
    }

    package func debug(_ message: @autoclosure () -> String, fields: [(String, String)] = []) { log(.debug, message(), fields: fields) }
    package func info(_ message: @autoclosure () -> String, fields: [(String, String)] = []) { log(.info, message(), fields: fields) }
    package func warn(_ message: @autoclosure () -> String, fields: [(String, String)] = []) { log(.warn, message(), fields: fields) }
    package func error(_ message: @autoclosure () -> String, fields: [(String, String)] = []) { log(.error, message(), fields: fields) }

    /// A one-level line sink for the components that take `@Sendable (String) -> Void` (access
    /// log, tracing, signing, mapping templates): each line they give becomes a record at `level`.
    package func lines(at level: LogLevel) -> @Sendable (String) -> Void {
        { [self] message in log(level, message) }
    }

    /// The wall clock in UTC epoch milliseconds.
    package static let systemClock: @Sendable () -> Int64 = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// Whether fd 2 is a terminal (`--log-format auto` picks text then).
    package static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// `bytes` to fd 2 in one `write`; a short write (a signal, a full pipe) continues with the rest.
    /// A failing standard error is ignored: there is nowhere left to report it.
    private static func writeToStandardError(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let result: Int?? = try? bytes.withUnsafeBytes { buffer in
                // Safe: `offset < bytes.count`, so the slice lies inside the buffer.
                try Syscall.write(2, UnsafeRawBufferPointer(rebasing: buffer[offset...]))
            }
            guard let written = result ?? nil, written > 0 else { return }
            offset += written
        }
    }
}
