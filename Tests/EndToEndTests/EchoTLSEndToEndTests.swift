import Foundation
import Shared
import Testing
import TestSupport

/// `tollgate echo --tls-cert FILE --tls-key FILE` (the HTTPS upstream of `bench/tls.sh`): the echo
/// backend serves HTTPS on `--listen` with that certificate, says so in its listening line, and
/// refuses one of the two flags without the other at startup.
@Suite(.timeLimit(.minutes(1))) struct EchoTLSEndToEndTests {
    @Test func servesHTTPSOnListenWithTheGivenCertificate() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let echo = try await TollgateProcess.start(
            "echo-tls", ["echo", "--listen", "127.0.0.1:0", "--threads", "1",
                         "--tls-cert", certificates.leafFile, "--tls-key", certificates.leafKeyFile],
            logPath: certificates.directory.file("echo.log"), listeningPattern: #"listening on 127\.0\.0\.1:(\d+) \(TLS\)"#)
        let port = echo.port
        let answer = try await blocking { try TLSTestClient(port: port, caFile: certificates.caFile).get("/bytes/64") }
        await echo.stop()
        #expect(answer.head.status == 200)
        #expect(answer.body.count == 64)
    }

    @Test(arguments: [["--tls-cert"], ["--tls-key"]])
    func refusesACertificateWithoutItsKeyOrAKeyWithoutItsCertificate(_ flag: [String]) async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let file = flag == ["--tls-cert"] ? certificates.leafFile : certificates.leafKeyFile
        let result = try await ControlPlaneTLSEndToEndTests.tollgate(["echo", "--listen", "127.0.0.1:0"] + flag + [file])
        #expect(result.status != 0)
        #expect(result.output.contains("--tls-cert and --tls-key go together"), "\(result.output)")
    }
}
