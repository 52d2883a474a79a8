import Foundation
import Testing
import Shared
@testable import tollgate

/// `tollgate dev --tls`'s files: a CA kept across starts, a server certificate made afresh for
/// the host, every file owner-only.
@Suite struct DevCertificatesTests {
    @Test func keepsTheCAAcrossStartsAndIssuesAServerCertificateItVerifies() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try DevCertificates.prepare(in: directory.file("tls"), host: "127.0.0.1")
        let ca = try String(contentsOfFile: first.caFile, encoding: .utf8)
        let server = try String(contentsOfFile: first.certificateFile, encoding: .utf8)
        let second = try DevCertificates.prepare(in: directory.file("tls"), host: "dev.box")
        #expect(try String(contentsOfFile: second.caFile, encoding: .utf8) == ca)
        #expect(try String(contentsOfFile: second.certificateFile, encoding: .utf8) != server)
        // The pair loads as a server context, and each file is 0600.
        _ = try TLSContext(certificateChainFile: second.certificateFile, privateKeyFile: second.keyFile)
        for file in [second.caFile, second.caKeyFile, second.certificateFile, second.keyFile] {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(file)")
        }
        // A CA key that does not match its certificate is replaced by a new CA.
        try String(contentsOfFile: second.keyFile, encoding: .utf8).write(toFile: second.caKeyFile, atomically: true, encoding: .utf8)
        let third = try DevCertificates.prepare(in: directory.file("tls"), host: "127.0.0.1")
        #expect(try String(contentsOfFile: third.caFile, encoding: .utf8) != ca)
    }

    @Test func namesLocalhostTheInvokeHostsLoopbackAndTheGivenHost() {
        #expect(DevCertificates.names(host: "127.0.0.1") == (["localhost", "*.execute-api.localhost"], ["127.0.0.1", "::1"]))
        #expect(DevCertificates.names(host: "10.1.2.3").ip == ["127.0.0.1", "::1", "10.1.2.3"])
        #expect(DevCertificates.names(host: "[fd00::1]").ip == ["127.0.0.1", "::1", "fd00::1"])
        #expect(DevCertificates.names(host: "Dev.Box").dns == ["localhost", "*.execute-api.localhost", "dev.box"])
    }
}
