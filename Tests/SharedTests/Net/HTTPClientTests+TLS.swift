import Echo
import Testing
@testable import Shared

/// `https` upstreams: real loopback servers (`HTTPServer` over TLS running the echo handler) with
/// certificates the test generates (`TestCertificates`: a CA, leaves for localhost/127.0.0.1, an
/// expired one, one for another host, a self-signed one).
@Suite("HTTPClient over TLS")
struct HTTPClientTLSTests {
    /// An echo server on 127.0.0.1:0 serving `certificate` and `key` over TLS.
    static func server(_ certificate: String, _ key: String) throws -> TestServer {
        let context = try TLSContext(certificateChainFile: certificate, privateKeyFile: key)
        return try TestServer(threads: 1) { $0.tls = context }
    }

    /// A client trusting the system store plus the test CA.
    static func client(_ certificates: TestCertificates, group: EventLoopGroup) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.tls = try TLSClientContexts(caFile: certificates.caFile)
        return HTTPClient(group: group, configuration: configuration)
    }

    static func request(host: String = "127.0.0.1", port: Int, _ target: String = "/", verifiesPeer: Bool = true) -> HTTPClientRequest {
        var request = HTTPClientRequest(isTLS: true, host: host, port: port, method: .GET, target: target,
                                        connectTimeout: .seconds(5), responseTimeout: .seconds(5))
        request.verifiesPeer = verifiesPeer
        return request
    }

    @Test func verifiesTheCertificateSendsTheNameAndKeepsTheConnectionAlive() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.leafFile, certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        // By name (SNI and a DNS name check) and by address (an IP check), three calls each.
        for host in ["localhost", "127.0.0.1"] {
            for size in 0..<3 {
                let response = try await client.execute(Self.request(host: host, port: server.port, "/bytes/\(size * 7000)"))
                #expect(response.status == 200)
                #expect(response.body.count == size * 7000)
            }
        }
        let echoed = try await client.execute(Self.request(port: server.port, "/echo"))
        #expect(String(decoding: echoed.body, as: UTF8.self).contains(#"["Host","127.0.0.1:\#(server.port)"]"#))
        // One connection per name, kept alive between calls, pooled apart from plain ones.
        #expect(server.server.statistics.acceptedConnections == 2)
        #expect(await client.idleConnectionCount(host: "localhost", port: server.port, tls: true, on: group.loops[0]) == 1)
        #expect(await client.idleConnectionCount(host: "127.0.0.1", port: server.port, on: group.loops[0]) == 0)
        // The client's counts (tollgate_upstream_connections_*): both pooled connections are open.
        #expect(client.connectionCounts == (open: 2, opened: 2))
        #expect(server.server.statistics.failedHandshakes == 0)
        await client.shutdown()
        #expect(await TestServer.eventually { client.connectionCounts.open == 0 })
        group.shutdown()
        await server.stop()
    }

    /// A client speaking plain HTTP to the TLS listener: the server's handshake fails, the
    /// connection is closed and counted (`tollgate_connections_refused_total{reason="tls_handshake_failed"}`).
    @Test func countsAPlainRequestToTheTLSListenerAsAFailedHandshake() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.leafFile, certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let plain = HTTPClientRequest(host: "127.0.0.1", port: server.port, target: "/", connectTimeout: .seconds(5),
                                      responseTimeout: .seconds(5))
        await #expect(throws: HTTPClientError.self) { try await client.execute(plain) }
        #expect(await TestServer.eventually { server.server.statistics.failedHandshakes == 1 })
        #expect(server.server.statistics.timedOutHandshakes == 0)
        #expect(await TestServer.eventually { server.server.statistics.openConnections == 0 })
        // A TLS client still gets through afterwards.
        let tlsClient = try Self.client(certificates, group: group)
        #expect(try await tlsClient.execute(Self.request(port: server.port)).status == 200)
        #expect(server.server.statistics.failedHandshakes == 1)
        await tlsClient.shutdown()
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func largeBodiesCrossTheTLSServerAndClientWhole() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.leafFile, certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        // A 3 MiB upload (more records than one read round takes) and a 3 MiB download.
        var upload = Self.request(port: server.port, "/echo")
        upload.method = .POST
        upload.body = [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
        let echoed = try await client.execute(upload)
        #expect(echoed.status == 200)
        #expect(echoed.body.count > 3 << 20)
        let download = try await client.execute(Self.request(port: server.port, "/bytes/\(3 << 20)"))
        #expect(download.body.count == 3 << 20)
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func refusesAnExpiredCertificate() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.expiredFile, certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        await #expect(throws: HTTPClientError.tls(.certificateVerification("certificate has expired"))) {
            try await client.execute(Self.request(host: "localhost", port: server.port))
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func refusesACertificateForAnotherHost() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.otherHostFile, certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        await #expect(throws: HTTPClientError.tls(.certificateVerification("hostname mismatch"))) {
            try await client.execute(Self.request(host: "localhost", port: server.port))
        }
        await #expect(throws: HTTPClientError.tls(.certificateVerification("IP address mismatch"))) {
            try await client.execute(Self.request(host: "127.0.0.1", port: server.port))
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    /// A call through a VPC link connects to the link's target address but checks (and sends as
    /// SNI) the URI's host: `serverName`. Connections verified for one name are not reused for another.
    @Test func serverNameIsVerifiedInsteadOfTheAddressConnectedTo() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.otherHostFile, certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        var named = Self.request(host: "127.0.0.1", port: server.port, "/echo")
        named.serverName = "other.example"
        let response = try await client.execute(named)
        #expect(response.status == 200)
        var wrong = named
        wrong.serverName = "localhost"
        await #expect(throws: HTTPClientError.tls(.certificateVerification("hostname mismatch"))) {
            try await client.execute(wrong)
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func selfSignedIsRefusedUnlessVerificationIsSkippedAndTheTwoNeverShareAConnection() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.selfSignedFile, certificates.selfSignedKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        await #expect(throws: HTTPClientError.tls(.certificateVerification("self-signed certificate"))) {
            try await client.execute(Self.request(port: server.port))
        }
        let skipped = try await client.execute(Self.request(port: server.port, "/bytes/5", verifiesPeer: false))
        #expect(skipped.body == Array("xxxxx".utf8))
        #expect(await client.idleConnectionCount(host: "127.0.0.1", port: server.port, tls: false, on: group.loops[0]) == 1)
        // The unverified connection is idle in the pool, yet a verifying call does not take it.
        await #expect(throws: HTTPClientError.tls(.certificateVerification("self-signed certificate"))) {
            try await client.execute(Self.request(port: server.port))
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func theSystemStoreAloneDoesNotTrustTheTestCA() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try Self.server(certificates.leafFile, certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)  // the default: the system store only
        await #expect(throws: HTTPClientError.tls(.certificateVerification("unable to get local issuer certificate"))) {
            try await client.execute(Self.request(host: "localhost", port: server.port))
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func aPlainHTTPServerIsAHandshakeFailure() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try TestServer(threads: 1)
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        do {
            _ = try await client.execute(Self.request(port: server.port))
            Issue.record("a plain server answered a TLS client")
        } catch {
            guard case .tls(.handshakeFailed) = error else {
                Issue.record("expected a handshake failure, got \(error)")
                return
            }
        }
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    /// Upstream mutual TLS: a server that requires a client certificate from the test CA accepts
    /// a call presenting one (`clientTLS`) and refuses a call without; the connection that
    /// presented the certificate is pooled apart and never reused by the call without.
    @Test func presentsAClientCertificateToAnUpstreamThatRequiresOne() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let context = try TLSContext(certificateChainFile: certificates.leafFile, privateKeyFile: certificates.leafKeyFile,
                                     requiringClientCertificatesFrom: certificates.caFile)
        let server = try TestServer(threads: 1) { $0.tls = context }
        let group = EventLoopGroup(threads: 1)
        let client = try Self.client(certificates, group: group)
        let pair = try certificates.makeLeaf("client")
        let presenting = try TLSClientContexts(caFile: certificates.caFile, clientCertificateId: "abc123",
                                               certificatePEM: String(contentsOfFile: pair.certificate, encoding: .utf8),
                                               privateKeyPEM: String(contentsOfFile: pair.key, encoding: .utf8))
        var withCertificate = Self.request(host: "localhost", port: server.port, "/echo")
        withCertificate.clientTLS = presenting
        for _ in 0..<2 { #expect(try await client.execute(withCertificate).status == 200) }
        #expect(server.server.statistics.acceptedConnections == 1, "kept alive")
        // Without the certificate: refused, although a connection that presented one is idle.
        await #expect(throws: HTTPClientError.self) {
            try await client.execute(Self.request(host: "localhost", port: server.port, "/echo"))
        }
        // A self-signed client certificate the server does not trust is refused too.
        let selfSigned = try TLSClientContexts(caFile: certificates.caFile, clientCertificateId: "other",
                                               certificatePEM: String(contentsOfFile: certificates.selfSignedFile, encoding: .utf8),
                                               privateKeyPEM: String(contentsOfFile: certificates.selfSignedKeyFile, encoding: .utf8))
        var untrusted = Self.request(host: "localhost", port: server.port, "/echo")
        untrusted.clientTLS = selfSigned
        await #expect(throws: HTTPClientError.self) { try await client.execute(untrusted) }
        #expect(try await client.execute(withCertificate).status == 200)
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }
}
