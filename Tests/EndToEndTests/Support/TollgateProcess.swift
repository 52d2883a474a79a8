import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A `tollgate` subcommand running as a child process, its stdout and stderr in a log file.
///
/// `start` waits (bounded) for the process to print its "listening on …:PORT" line and records the
/// port. Every child is also registered for an `atexit` SIGKILL, so none outlives the test run even
/// when a test fails before stopping it.
final class TollgateProcess: @unchecked Sendable {
    // Safe: `process` is only used through its thread-safe pid/wait calls after `run()`.
    private let process: Process
    let name: String
    let logPath: String
    let port: Int

    private init(process: Process, name: String, logPath: String, port: Int) {
        self.process = process
        self.name = name
        self.logPath = logPath
        self.port = port
    }

    /// Starts `tollgate ARGUMENTS…` (or `executable`: a test's other server, such as moto), logging to
    /// `logPath`, and waits for a line matching `listeningPattern` (a regex with the port as its first group).
    static func start(_ name: String, _ arguments: [String], logPath: String, listeningPattern: String,
                      timeout: Duration = .seconds(20), executable: String = TollgateBinary.path) async throws -> TollgateProcess {
        Self.installCleanup
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else { throw ProcessError("cannot open \(logPath)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        let pid = process.processIdentifier
        liveChildren.withLock { _ = $0.insert(pid) }
        let regex = try NSRegularExpression(pattern: listeningPattern)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let range = Range(match.range(at: 1), in: text), let port = Int(text[range]) {
                return TollgateProcess(process: process, name: name, logPath: logPath, port: port)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        Glibc.kill(pid, SIGKILL)
        process.waitUntilExit()
        liveChildren.withLock { _ = $0.remove(pid) }
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw ProcessError("\(name) did not report its port within \(timeout):\n\(text)")
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Everything the process wrote so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// SIGKILL, then reap.
    func kill() {
        Glibc.kill(pid, SIGKILL)
        reap()
    }

    /// SIGTERM and wait up to `grace` for a clean exit (then SIGKILL). Returns the exit status.
    @discardableResult
    func stop(grace: Duration = .seconds(10)) async -> Int32 {
        Glibc.kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning { Glibc.kill(pid, SIGKILL) }
        reap()
        return process.terminationStatus
    }

    private func reap() {
        process.waitUntilExit()
        liveChildren.withLock { _ = $0.remove(pid) }
    }

    // MARK: - Cleanup at exit

    private static let installCleanup: Void = { atexit { cleanUpAtExit() } }()

    /// Removes `path` when the test process exits (after killing the children writing into it).
    static func removeAtExit(_ path: String) {
        installCleanup
        directoriesToRemove.withLock { $0.append(path) }
    }
}

/// Children still running, killed at exit, and directories removed then.
private let liveChildren = Mutex<Set<Int32>>([])
private let directoriesToRemove = Mutex<[String]>([])

private func cleanUpAtExit() {
    for pid in liveChildren.withLock({ $0 }) {
        kill(pid, SIGKILL)
        waitpid(pid, nil, 0)
    }
    for path in directoriesToRemove.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
}

/// A child process misbehaved.
struct ProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where the `tollgate` executable under test is: `$TOLLGATE_BIN`, else next to the test bundle
/// (`.build/debug/`), else the package's `.build/debug/tollgate`.
enum TollgateBinary {
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["TOLLGATE_BIN"], !explicit.isEmpty { return explicit }
        var candidates: [String] = []
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(bundleDirectory.appendingPathComponent("tollgate").path)
        candidates.append(URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent().appendingPathComponent("tollgate").path)
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/tollgate").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()
}
