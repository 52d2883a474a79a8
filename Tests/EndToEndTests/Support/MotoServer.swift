import Foundation
import Shared

/// moto's server mode (`python3 -m moto.server`) on 127.0.0.1, port 0, as a child process: one
/// endpoint for every AWS service, as `--aws-endpoint` expects. Available only where `python3`
/// can import `moto.server` (its server extras: flask, werkzeug); tests using it are skipped otherwise.
final class MotoServer: Sendable {
    let process: TollgateProcess
    var port: Int { process.port }
    var url: String { "http://127.0.0.1:\(port)" }

    private init(process: TollgateProcess) { self.process = process }

    /// `python3` on the PATH, or nil.
    static let python: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether moto's server can run here (checked once, by importing it).
    static let isAvailable: Bool = {
        guard let python else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import moto.server, flask, werkzeug"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Starts moto, logging under `root`, and waits for its `Running on http://127.0.0.1:PORT` line.
    static func start(root: String) async throws -> MotoServer {
        guard let python else { throw ProcessError("python3 not found") }
        let process = try await TollgateProcess.start(
            "moto", ["-m", "moto.server", "-H", "127.0.0.1", "-p", "0"], logPath: root + "/moto.log",
            listeningPattern: #"Running on http://127\.0\.0\.1:(\d+)"#, timeout: .seconds(60), executable: python)
        return MotoServer(process: process)
    }

    func stop() async { await process.stop(grace: .seconds(5)) }

    /// One signed call to moto (`service` picks its backend through the signature's scope).
    func call(_ client: HTTPClient, service: String, target: String = "/", headers: [(String, String)], body: String) async throws -> HTTPResponse {
        var fields = HTTPHeaders([("Host", "127.0.0.1:\(port)")])
        for (name, value) in headers { fields.add(name, value) }
        let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyId: "AKIDSETUP", secretAccessKey: "setup-secret"),
                                 region: "us-east-1", service: service)
        let request = signer.sign(HTTPRequest(head: HTTPRequestHead(method: .POST, target: target, headers: fields), body: Array(body.utf8)),
                                  at: Int64(Date().timeIntervalSince1970))
        return try await client.execute(HTTPClientRequest(host: "127.0.0.1", port: port, method: .POST, target: target,
                                                          headers: request.headers, body: request.body,
                                                          connectTimeout: .seconds(5), responseTimeout: .seconds(20)))
    }
}
