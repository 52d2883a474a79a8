import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real nginx on 127.0.0.1 as an integration backend, from a generated config in a temporary
/// directory (pid, logs and temp paths there too; `daemon off`, one process, no master).
///
/// `location /base/` answers 200 `inside {uri}`; `location /admin` answers 200 `SECRET`; anything
/// else 404. nginx decodes `%2E`, `%2F` and merges `..` in the path itself before matching a
/// location, which is what makes it the right judge of whether a gateway kept a request inside
/// `/base/`. `scripts/bootstrap` installs it; tests skip when `binary` is nil.
final class NginxProcess: @unchecked Sendable {
    // Safe: `process` is only used through its thread-safe pid/wait calls after `run()`.
    private let process: Process
    let root: String
    let port: Int

    private init(process: Process, root: String, port: Int) {
        self.process = process
        self.root = root
        self.port = port
    }

    /// The nginx executable on `PATH` or in the usual sbin directories, nil when not installed.
    static let binary: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"]
        return directories.map { $0 + "/nginx" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Starts nginx on a free loopback port and waits (bounded) until it accepts connections.
    /// 30 s: on the 2-core CI machine, with every end-to-end suite starting its processes at once,
    /// a clean-clone run saw nginx log its startup and still not accept within 10 s (CI of 5177db8).
    static func start(timeout: Duration = .seconds(30)) async throws -> NginxProcess {
        guard let binary else { throw ProcessError("nginx is not installed (scripts/bootstrap installs it)") }
        let root = NSTemporaryDirectory() + "tollgate-nginx-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/temp", withIntermediateDirectories: true)
        let port = try FailureEndToEndTests.freePort()
        try config(root: root, port: port).write(toFile: root + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", root, "-c", root + "/nginx.conf", "-e", root + "/error.log"]
        _ = FileManager.default.createFile(atPath: root + "/stderr.log", contents: nil)
        let stderr = FileHandle(forWritingAtPath: root + "/stderr.log")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? stderr?.close()
        let nginx = NginxProcess(process: process, root: root, port: port)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            if canConnect(port: port) { return nginx }
            try await Task.sleep(for: .milliseconds(20))
        }
        let log = nginx.errorLog
        nginx.stop()
        throw ProcessError("nginx did not start on 127.0.0.1:\(port):\n\(log)")
    }

    static func config(root: String, port: Int) -> String {
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(root)/nginx.pid;
        error_log \(root)/error.log info;
        events { worker_connections 64; }
        http {
            access_log \(root)/access.log;
            client_body_temp_path \(root)/temp/body;
            proxy_temp_path \(root)/temp/proxy;
            fastcgi_temp_path \(root)/temp/fastcgi;
            uwsgi_temp_path \(root)/temp/uwsgi;
            scgi_temp_path \(root)/temp/scgi;
            default_type text/plain;
            server {
                listen 127.0.0.1:\(port);
                location /base/ { return 200 "inside $uri"; }
                location /admin { return 200 "SECRET"; }
                location / { return 404 "elsewhere $uri"; }
            }
        }
        """
    }

    var errorLog: String {
        ["stderr.log", "error.log"].map { (try? String(contentsOfFile: root + "/" + $0, encoding: .utf8)) ?? "" }.joined()
    }
    var accessLog: String { (try? String(contentsOfFile: root + "/access.log", encoding: .utf8)) ?? "" }

    /// SIGTERM (fast shutdown), SIGKILL after 5 s, reap, and remove the directory.
    func stop() {
        let pid = process.processIdentifier
        if process.isRunning { kill(pid, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// True when something accepts TCP connections on 127.0.0.1:`port`.
    static func canConnect(port: Int) -> Bool {
        RawSocket.connect(port: port, receiveTimeoutMillis: 1000) != nil
    }
}
