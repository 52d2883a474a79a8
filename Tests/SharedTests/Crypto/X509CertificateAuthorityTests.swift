import Foundation
import Testing
@testable import Shared

/// The local CA and server certificates of `tollgate dev --tls`, checked the way clients will use
/// them: a real TLS server on loopback serving the issued pair, `HTTPClient` verifying it against
/// the CA file (chain, `CA:TRUE`, names in `subjectAltName`).
@Suite struct X509CertificateAuthorityTests {
    /// The CA and a server certificate for the dev names, written to a temporary directory.
    struct Issued {
        let directory: TemporaryDirectory
        var caFile: String { directory.file("ca.pem") }
        var certificateFile: String { directory.file("server.pem") }
        var keyFile: String { directory.file("server.key") }

        init(dnsNames: [String] = ["localhost", "*.execute-api.localhost"], ipAddresses: [String] = ["127.0.0.1", "::1"]) throws {
            directory = try TemporaryDirectory()
            let now = Int64(Date().timeIntervalSince1970) - 60
            let authority = try X509Certificate.generateAuthority(commonName: "Test dev CA", now: now, days: 2)
            let server = try X509Certificate.issueServerCertificate(commonName: "localhost", dnsNames: dnsNames, ipAddresses: ipAddresses,
                                                                    authority: authority, now: now, days: 2)
            try authority.certificatePEM.write(toFile: caFile, atomically: true, encoding: .utf8)
            try server.certificatePEM.write(toFile: certificateFile, atomically: true, encoding: .utf8)
            try server.privateKeyPEM.write(toFile: keyFile, atomically: true, encoding: .utf8)
        }
    }

    static func request(port: Int, serverName: String? = nil, host: String = "127.0.0.1") -> HTTPClientRequest {
        var request = HTTPClientRequest(isTLS: true, host: host, port: port, target: "/", connectTimeout: .seconds(5), responseTimeout: .seconds(5))
        request.serverName = serverName
        return request
    }

    static func client(trusting caFile: String, group: EventLoopGroup) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.tls = try TLSClientContexts(caFile: caFile)
        return HTTPClient(group: group, configuration: configuration)
    }

    @Test func anIssuedServerCertificateVerifiesAgainstItsCAForEveryDevName() async throws {
        let issued = try Issued()
        defer { issued.directory.remove() }
        let key = try String(contentsOfFile: issued.keyFile, encoding: .utf8)
        let certificate = try String(contentsOfFile: issued.certificateFile, encoding: .utf8)
        try X509Certificate.checkKey(key, matches: certificate)
        let context = try TLSContext(certificateChainFile: issued.certificateFile, privateKeyFile: issued.keyFile)
        let server = try TestServer(threads: 1) { $0.tls = context }
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(trusting: issued.caFile, group: group)
        for (host, name) in [("127.0.0.1", nil), ("localhost", nil), ("127.0.0.1", "abc123.execute-api.localhost")] as [(String, String?)] {
            let response = try await client.execute(Self.request(port: server.port, serverName: name, host: host))
            #expect(response.status == 200, "\(host) \(name ?? "")")
        }
        // A name the certificate does not carry is refused.
        await #expect(throws: HTTPClientError.self) {
            try await client.execute(Self.request(port: server.port, serverName: "other.example"))
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func aClientTrustingAnotherCARefusesTheCertificate() async throws {
        let issued = try Issued()
        let other = try Issued()
        defer {
            issued.directory.remove()
            other.directory.remove()
        }
        let context = try TLSContext(certificateChainFile: issued.certificateFile, privateKeyFile: issued.keyFile)
        let server = try TestServer(threads: 1) { $0.tls = context }
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(trusting: other.caFile, group: group)
        await #expect {
            try await client.execute(Self.request(port: server.port))
        } throws: { error in
            "\(error)".contains("TLS certificate verification failed")
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func refusesAnAuthorityThatDoesNotLoadAndANameWithAComma() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let bogus = X509Certificate.Generated(certificate: "nope", privateKey: "nope", notBefore: 0, notAfter: 0)
        #expect(throws: X509Certificate.Failure.invalidCertificate) {
            try X509Certificate.issueServerCertificate(commonName: "x", dnsNames: ["localhost"], ipAddresses: [], authority: bogus, now: now, days: 1)
        }
        let authority = try X509Certificate.generateAuthority(commonName: "CA", now: now, days: 1)
        #expect(throws: X509Certificate.Failure.self) {
            try X509Certificate.issueServerCertificate(commonName: "x", dnsNames: ["a,IP:1.2.3.4"], ipAddresses: [], authority: authority, now: now, days: 1)
        }
    }
}
