import Foundation
import Testing
@testable import tollgate

/// `tollgate top` against a node's `--tls-listen` (issue 15): `https://` targets verified with
/// `--ca-file`; a bundle that does not hold the node's CA shows the node unreachable with the
/// reason. Real processes; `--frames 1` ends `top` after one frame (its output goes to a file,
/// not a terminal).
@Suite(.timeLimit(.minutes(2))) struct TopTLSEndToEndTests {
    @Test func parsesHTTPSTargets() throws {
        let target = try TopCommand.target("https://127.0.0.1:8443")
        #expect(target.isTLS && target.port == 8443 && target.name == "127.0.0.1:8443")
        #expect(try !TopCommand.target("http://127.0.0.1:8080").isTLS)
        #expect(throws: UsageError.self) { try TopCommand.target("ftp://127.0.0.1:21") }
    }

    @Test func scrapesAnHTTPSNodeWithTheCABundleAndShowsWhyNotWithAnother() async throws {
        let certificates = try TestCertificates()
        let foreign = try TestCertificates()
        defer {
            certificates.remove()
            foreign.remove()
        }
        let node = try await TollgateProcess.start(
            "top-tls-node",
            ["data-plane", "--listen", "127.0.0.1:0", "--tls-listen", "127.0.0.1:0", "--tls-cert", certificates.leafFile,
             "--tls-key", certificates.leafKeyFile, "--control-plane", "http://127.0.0.1:\(unusedPort())",
             "--state-dir", certificates.directory.file("state"), "--node-id", "top-tls", "--cluster-secret", "top-tls-secret",
             "--threads", "1"],
            logPath: certificates.directory.file("node.log"), listeningPattern: #"data plane listening on https://127\.0\.0\.1:(\d+)"#)
        defer { if node.isRunning { node.kill() } }
        let top = ["top", "--nodes", "https://127.0.0.1:\(node.port)", "--interval", "0.2", "--frames", "1"]
        let good = try await ControlPlaneTLSEndToEndTests.tollgate(top + ["--ca-file", certificates.caFile])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("127.0.0.1:\(node.port)") && !good.output.contains("unreachable"), "\(good.output)")
        let refused = try await ControlPlaneTLSEndToEndTests.tollgate(top + ["--ca-file", foreign.caFile])
        #expect(refused.status == 0)
        #expect(refused.output.contains("unreachable: TLS certificate verification failed"), "\(refused.output)")
        #expect(await node.stop() == 0)
    }
}
