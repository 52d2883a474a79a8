import Foundation
import Testing
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// Reload on change through the real `tollgate data-plane` binary (issue 15): the certificate and
/// key files are replaced the way rotation tools do (write a temporary file, rename it over the
/// old one) and no signal is sent. Waits are bounded (15 s in 100 ms steps) and count the node's
/// polls through its `tollgate_tls_*` metrics instead of sleeping blind.
@Suite(.timeLimit(.minutes(2))) struct TLSReloadEndToEndTests {
    /// The node under test, its ports, and where its files are.
    struct Node {
        let process: TollgateProcess
        let tlsPort: Int
        let metricsPort: Int
        let caFile: String

        /// A new connection's certificate subject, after a request over it answered.
        func newHandshakeSubject() async throws -> String? {
            let (port, ca) = (tlsPort, caFile)
            return try await blocking {
                let client = try TLSTestClient(port: port, caFile: ca)
                _ = try TLSReloadEndToEndTests.health(client)
                return client.peerSubject
            }
        }

        /// The node's metrics exposition (the body of one scrape).
        func scrape() async throws -> String {
            let port = metricsPort
            let answer = try await blocking { () throws -> String in
                guard let socket = RawSocket.connect(port: port) else { throw ProcessError("metrics listener refused") }
                socket.send("GET /_tollgate/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                return String(decoding: socket.readToEnd().bytes, as: UTF8.self)
            }
            guard let split = answer.range(of: "\r\n\r\n") else { throw ProcessError("no whole scrape answer: \(answer)") }
            return String(answer[split.upperBound...])
        }

        /// One sample of the node's metrics (`name` with its labels, as exposed), nil when absent.
        func metric(_ name: String) async throws -> Double? {
            let text = try await scrape()
            for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
                return Double(line.dropFirst(name.count + 1))
            }
            return nil
        }

        /// Waits (up to 15 s, 100 ms steps) until `condition` holds; false when it never did.
        func until(_ condition: () async throws -> Bool) async throws -> Bool {
            for _ in 0..<150 {
                if try await condition() { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            return false
        }
    }

    static let polls = "tollgate_tls_file_polls_total"
    static let reloads = #"tollgate_tls_reloads_total{result="reloaded"}"#
    static let failures = #"tollgate_tls_reloads_total{result="failed"}"#

    /// `GET /_tollgate/health` over `client`: the node has no control plane, so 503 `starting`.
    static func health(_ client: TLSTestClient) throws -> HTTPResponse {
        let response = try client.get("/_tollgate/health")
        guard response.head.status == 503, String(decoding: response.body, as: UTF8.self) == #"{"status":"starting"}"# else {
            throw ProcessError("unexpected health answer \(response.head.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return response
    }

    /// Writes `source`'s bytes to a temporary file beside `destination` and renames it over it.
    static func replace(_ destination: String, with source: String) throws {
        let temporary = destination + ".tmp"
        try FileManager.default.copyItem(atPath: source, toPath: temporary)
        guard rename(temporary, destination) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    /// Rewrites `destination` in place with `source`'s bytes (same inode) and gives it back its
    /// modification time: a change `stat(2)` cannot see when the sizes match, as on a file system
    /// with coarse timestamps. Only a retry can pick it up.
    static func rewriteUnseen(_ destination: String, with source: String) throws {
        var before = stat()
        guard stat(destination, &before) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
        guard bytes.count == Int(before.st_size) else { throw ProcessError("sizes differ: \(bytes.count) and \(before.st_size)") }
        let fd = open(destination, O_WRONLY)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else { throw ProcessError("short write") }
        let times = [before.st_atim, before.st_mtim]
        guard futimens(fd, times) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    static func start(_ certificates: TestCertificates, certificate: String, key: String) async throws -> Node {
        let directory = certificates.directory
        let process = try await TollgateProcess.start(
            "tls-node",
            ["data-plane", "--listen", "127.0.0.1:0", "--tls-listen", "127.0.0.1:0", "--tls-cert", certificate, "--tls-key", key,
             "--metrics-listen", "127.0.0.1:0", "--control-plane", "http://127.0.0.1:\(unusedPort())",
             "--state-dir", directory.file("state"), "--node-id", "tls-node", "--cluster-secret", "tls-reload-secret", "--threads", "2"],
            logPath: directory.file("node.log"), listeningPattern: #"data plane listening on https://127\.0\.0\.1:(\d+)"#)
        let metricsLine = try NSRegularExpression(pattern: #"metrics on http://127\.0\.0\.1:(\d+)/"#)
        let log = process.log
        guard let match = metricsLine.firstMatch(in: log, range: NSRange(log.startIndex..., in: log)),
              let range = Range(match.range(at: 1), in: log), let metricsPort = Int(log[range]) else {
            process.kill()
            throw ProcessError("no metrics line in:\n\(log)")
        }
        return Node(process: process, tlsPort: process.port, metricsPort: metricsPort, caFile: certificates.caFile)
    }

    @Test func replacedFilesServeNewHandshakesWithoutASignalWhileABadPairIsRetriedAndNeverServed() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let third = try certificates.makeLeaf("third")
        let cert = certificates.directory.file("serving.pem")
        let key = certificates.directory.file("serving.key")
        try FileManager.default.copyItem(atPath: certificates.leafFile, toPath: cert)
        try FileManager.default.copyItem(atPath: certificates.leafKeyFile, toPath: key)
        let node = try await Self.start(certificates, certificate: cert, key: key)
        do {
            try await Self.rotate(node, certificates, cert: cert, key: key, third: third)
        } catch {
            await node.process.stop()
            throw error
        }
        #expect(node.process.isRunning)
        #expect(await node.process.stop() == 0)
    }

    /// The steps of the test above, on a running node.
    static func rotate(_ node: Node, _ certificates: TestCertificates, cert: String, key: String,
                       third: (certificate: String, key: String)) async throws {
        // A: a keep-alive connection that answers.
        let ca = node.caFile
        let port = node.tlsPort
        let kept = try await blocking { try TLSTestClient(port: port, caFile: ca) }
        _ = try await blocking { try Self.health(kept) }
        #expect(kept.peerSubject == "/CN=localhost leaf")
        #expect(try await node.newHandshakeSubject() == "/CN=localhost leaf")

        // B by rename, no signal: new handshakes get it.
        try Self.replace(cert, with: certificates.rotatedFile)
        try Self.replace(key, with: certificates.rotatedKeyFile)
        #expect(try await node.until { try await node.newHandshakeSubject() == "/CN=localhost rotated" },
                "no new handshake presented the rotated certificate:\n\(node.process.log)")
        #expect(node.process.log.contains("TLS certificate files changed: TLS certificate reloaded from \(cert) and \(key)"))
        #expect(!node.process.log.contains("SIGHUP"))
        // The connection opened before keeps its session and still answers.
        _ = try await blocking { try Self.health(kept) }
        #expect(kept.peerSubject == "/CN=localhost leaf")

        // A bad pair: C's certificate with B's key. It is refused, retried every poll, logged once.
        let logBefore = node.process.log.count
        let failuresBefore = try #require(try await node.metric(Self.failures))
        try Self.replace(cert, with: third.certificate)
        #expect(try await node.until { try await node.metric(Self.failures) ?? 0 > failuresBefore })
        let pollsAtFailure = try #require(try await node.metric(Self.polls))
        #expect(try await node.until { try await node.metric(Self.polls) ?? 0 >= pollsAtFailure + 2 })
        #expect(try await node.newHandshakeSubject() == "/CN=localhost rotated")
        #expect(try await node.metric(Self.failures) ?? 0 >= failuresBefore + 3, "not retried on every poll")
        #expect(try await node.metric("tollgate_tls_reload_failing") == 1)
        let failureLines = String(node.process.log.dropFirst(logBefore)).components(separatedBy: "TLS certificate not reloaded")
        #expect(failureLines.count - 1 == 1, "the failure was not logged exactly once:\n\(node.process.log)")
        #expect(node.process.log.contains("the old one keeps serving: TLS configuration:"))
        _ = try await blocking { try Self.health(kept) }

        // C's key written in place, same size and time: invisible to the poll, found by the retry.
        let reloadsBefore = try #require(try await node.metric(Self.reloads))
        try Self.rewriteUnseen(key, with: third.key)
        #expect(try await node.until { try await node.newHandshakeSubject() == "/CN=localhost third" },
                "the good pair was never picked up:\n\(node.process.log)")
        #expect(try await node.metric(Self.reloads) == reloadsBefore + 1)
        #expect(try await node.metric("tollgate_tls_reload_failing") == 0)
        if let result = try Promtool.check(try await node.scrape()) {
            #expect(result.status == 0, "promtool: \(result.output)")
        }
    }
}
