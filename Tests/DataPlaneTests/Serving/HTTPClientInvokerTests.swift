import Synchronization
import Echo
import Testing
@testable import DataPlane
@testable import Shared

@Suite(.timeLimit(.minutes(1))) struct HTTPClientInvokerTests {
    @Test(arguments: [
        (HTTPClientError.connectTimeout, IntegrationFailure.timeout),
        (.responseTimeout, .timeout),
        (.connectionRefused, .connectionFailed("connection refused")),
        (.connectionReset, .connectionFailed("connection reset by upstream")),
        (.connectionClosed, .connectionFailed("upstream closed the connection before a complete response")),
        (.dnsFailure("no such host"), .connectionFailed("DNS resolution failed: no such host")),
        (.io("EHOSTUNREACH"), .connectionFailed("I/O error: EHOSTUNREACH")),
        (.malformedResponse("bad status line"), .invalidResponse("malformed upstream response: bad status line")),
        (.responseTooLarge, .invalidResponse("upstream response too large")),
        (.bufferBudgetExceeded, .overloaded),
        (.tls(.certificateVerification("certificate has expired")), .connectionFailed("TLS certificate verification failed: certificate has expired")),
    ])
    func clientErrorsMapToIntegrationFailures(error: HTTPClientError, expected: IntegrationFailure) {
        #expect(HTTPClientInvoker.failure(error) == expected)
    }

    static func invoke(_ invoker: HTTPClientInvoker, _ request: UpstreamRequest) async -> Result<UpstreamResponse, IntegrationFailure> {
        await withCheckedContinuation { continuation in invoker.invoke(request) { continuation.resume(returning: $0) } }
    }

    static func request(port: Int, target: String, timeout: Duration = .seconds(5), tls: Bool = false) -> UpstreamRequest {
        UpstreamRequest(isTLS: tls, host: "127.0.0.1", port: port, method: .POST, target: target,
                        headers: ["Host": "127.0.0.1:\(port)", "X-Test": "1"], body: [0, 255, 1], timeout: timeout)
    }

    @Test func sendsTheRequestAndReturnsTheWholeResponse() async throws {
        let group = EventLoopGroup(threads: 1)
        let server = HTTPServer(configuration: .init(), group: group, handler: EchoHandler())
        let port = try server.start()
        let client = HTTPClient(group: group)
        let invoker = HTTPClientInvoker(client: client, group: group)
        let result = await Self.invoke(invoker, Self.request(port: port, target: "/echo?a=1"))
        let response = try result.get()
        #expect(response.status == 200)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(#""path":"/echo","query":"a=1""#))
        #expect(text.contains(#"["X-Test","1"]"#))
        #expect(text.contains(#""body":"AP8B","isBase64Encoded":true"#))
        await server.shutdown(gracePeriod: .seconds(1))
        await client.shutdown()
        group.shutdown()
    }

    @Test func integrationTimeoutBoundsTheResponse() async throws {
        let group = EventLoopGroup(threads: 1)
        let server = HTTPServer(configuration: .init(), group: group, handler: EchoHandler())
        let port = try server.start()
        let client = HTTPClient(group: group)
        let result = await Self.invoke(HTTPClientInvoker(client: client, group: group),
                                       Self.request(port: port, target: "/delay/20000", timeout: .milliseconds(150)))
        // The backend would answer 200 after 20 s: a timeout at all means the 150 ms one fired.
        // No wall-clock bound (a stalled CI machine once took 8.5 s here); the suite's
        // one-minute limit still catches a timeout that is never armed.
        #expect(result == .failure(.timeout))
        await server.shutdown(gracePeriod: .milliseconds(100))
        await client.shutdown()
        group.shutdown()
    }

    @Test func aTLSFailureIsAConnectionFailureWithItsReason() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.tls = try TLSContext(certificateChainFile: certificates.selfSignedFile, privateKeyFile: certificates.selfSignedKeyFile)
        let group = EventLoopGroup(threads: 1)
        let server = HTTPServer(configuration: configuration, group: group, handler: EchoHandler())
        let port = try server.start()
        let client = HTTPClient(group: group)
        let lines = Mutex<[String]>([])
        let invoker = HTTPClientInvoker(client: client, group: group, log: { line in lines.withLock { $0.append(line) } })
        let result = await Self.invoke(invoker, Self.request(port: port, target: "/", tls: true))
        #expect(result == .failure(.connectionFailed("TLS certificate verification failed: self-signed certificate")))
        #expect(lines.withLock { $0 } == ["integration https://127.0.0.1:\(port) failed: TLS certificate verification failed: self-signed certificate"])
        // tlsConfig.insecureSkipVerification: the same upstream answers.
        var skipping = Self.request(port: port, target: "/echo", tls: true)
        skipping.verifiesPeer = false
        guard case .success(let response) = await Self.invoke(invoker, skipping) else {
            Issue.record("the call skipping verification failed")
            return
        }
        #expect(response.status == 200)
        await server.shutdown(gracePeriod: .milliseconds(100))
        await client.shutdown()
        group.shutdown()
    }

    @Test func failuresAreLoggedWithTheUpstreamAndTheReason() async throws {
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let lines = Mutex<[String]>([])
        let invoker = HTTPClientInvoker(client: client, group: group, log: { line in lines.withLock { $0.append(line) } })
        // A port nothing listens on, called over https and over http.
        let closed = try Listener.bind(address: #require(SocketAddress(ipLiteral: "127.0.0.1", port: 0)), backlog: 1, mode: .exclusive)
        Syscall.close(closed.fd)
        _ = await Self.invoke(invoker, Self.request(port: closed.port, target: "/secret?token=x", tls: true))
        _ = await Self.invoke(invoker, Self.request(port: closed.port, target: "/"))
        let logged = lines.withLock { $0 }
        #expect(logged.count == 2)
        #expect(logged.first == "integration https://127.0.0.1:\(closed.port) failed: connection refused")
        #expect(logged.last == "integration http://127.0.0.1:\(closed.port) failed: connection refused")
        #expect(!logged.joined().contains("token"))
        await client.shutdown()
        group.shutdown()
    }

    /// A stage's client certificate this node cannot present (its key did not open, or no table):
    /// the call fails without connecting, so the backend is never called without it.
    @Test func aClientCertificateTheNodeDoesNotHaveFailsTheCallWithoutConnecting() async throws {
        let group = EventLoopGroup(threads: 1)
        let server = HTTPServer(configuration: .init(), group: group, handler: EchoHandler())
        let port = try server.start()
        let client = HTTPClient(group: group)
        let lines = Mutex<[String]>([])
        let certificates = TLSUpstreamClientCertificates(seal: nil, caFile: nil, log: { _ in })
        certificates.update([SnapshotClientCertificate(clientCertificateId: "abc", certificate: "pem", sealedPrivateKey: "00")])
        let invoker = HTTPClientInvoker(client: client, group: group, log: { line in lines.withLock { $0.append(line) } },
                                        clientCertificates: certificates)
        var request = Self.request(port: port, target: "/", tls: true)
        request.clientCertificateId = "abc"
        #expect(await Self.invoke(invoker, request) == .failure(.connectionFailed("client certificate abc is not available on this node")))
        #expect(lines.withLock { $0 } == ["integration https://127.0.0.1:\(port) failed: client certificate abc is not available on this node"])
        #expect(server.statistics.acceptedConnections == 0)
        await server.shutdown(gracePeriod: .milliseconds(100))
        await client.shutdown()
        group.shutdown()
    }
}
