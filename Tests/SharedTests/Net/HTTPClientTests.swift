import Synchronization
import Testing
@testable import Shared

/// The upstream client against the echo server and against raw servers that misbehave.
@Suite("HTTPClient")
struct HTTPClientTests {
    /// Reads one request head (and nothing else) from a raw connection; false on EOF/timeout.
    static func readHead(_ socket: RawSocket) -> Bool {
        var received: [UInt8] = []
        while !received.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard let chunk = socket.readSome(), !chunk.isEmpty else { return false }
            received += chunk
        }
        return true
    }

    static func request(port: Int, _ method: HTTPMethod = .GET, _ target: String = "/", body: [UInt8] = [],
                        responseTimeout: Duration = .seconds(5)) -> HTTPClientRequest {
        HTTPClientRequest(host: "127.0.0.1", port: port, method: method, target: target, body: body,
                          connectTimeout: .seconds(2), responseTimeout: responseTimeout)
    }

    // MARK: - Against the echo server

    @Test func sendsRequestsAndReadsWholeResponses() async throws {
        let server = try TestServer()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        var headers = HTTPHeaders()
        headers.add("X-Trace", "abc")
        var request = Self.request(port: server.port, .POST, "/echo?q=1", body: Array("payload".utf8))
        request.headers = headers
        let response = try await client.execute(request)
        #expect(response.status == 200)
        let json = String(decoding: response.body, as: UTF8.self)
        #expect(json.contains(#""method":"POST""#))
        #expect(json.contains(#""body":"payload""#))
        #expect(json.contains(#"["X-Trace","abc"]"#))
        #expect(json.contains(#"["Host","127.0.0.1:\#(server.port)"]"#))
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func reusesKeepAliveConnectionsPerUpstream() async throws {
        let server = try TestServer()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        for i in 0..<5 {
            let response = try await client.execute(Self.request(port: server.port, .GET, "/bytes/\(i)"))
            #expect(response.body.count == i)
        }
        #expect(server.server.statistics.acceptedConnections == 1)
        #expect(await client.idleConnectionCount(host: "127.0.0.1", port: server.port, on: group.loops[0]) == 1)
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func headResponsesHaveNoBody() async throws {
        let server = try TestServer()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let head = try await client.execute(Self.request(port: server.port, .HEAD, "/bytes/50"))
        #expect(head.headers["content-length"] == "50")
        #expect(head.body.isEmpty)
        // The connection is still in sync: the next response parses correctly.
        let get = try await client.execute(Self.request(port: server.port, .GET, "/bytes/3"))
        #expect(get.body == Array("xxx".utf8))
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }

    @Test func bodiesOverTheLimitAreRefused() async throws {
        let server = try TestServer()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group, configuration: .init(limits: HTTPLimits(maxBodyBytes: 1000)))
        await #expect(throws: HTTPClientError.responseTooLarge) {
            try await client.execute(Self.request(port: server.port, .GET, "/bytes/1001"))
        }
        group.shutdown()
        await server.stop()
    }

    @Test func resolvesHostNamesOffTheLoop() async throws {
        let server = try TestServer()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        var request = Self.request(port: server.port, .GET, "/bytes/2")
        request.host = "localhost"  // /etc/hosts; no DNS traffic leaves the machine
        let response = try await client.execute(request)
        #expect(response.body.count == 2)
        group.shutdown()
        await server.stop()
    }

    @Test func aNameWhoseFirstAddressRefusesIsReachedAtTheNextOne() async throws {
        let server = try TestServer()
        let refusingPort = try RefusingPort()
        let refusing = refusingPort.port
        defer { refusingPort.close() }
        let group = EventLoopGroup(threads: 1)
        let resolved = Mutex(0)
        let client = HTTPClient(group: group, configuration: .init(resolve: { host, port in
            resolved.withLock { $0 += 1 }
            guard host == "two-addresses.test" else { return .failure(.dnsFailure("unknown \(host)")) }
            return .success([SocketAddress(ipLiteral: "127.0.0.1", port: refusing)!, SocketAddress(ipLiteral: "127.0.0.1", port: server.port)!])
        }))
        var request = Self.request(port: server.port, .POST, "/echo", body: Array("once".utf8))
        request.host = "two-addresses.test"
        let response = try await client.execute(request)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#""body":"once""#))
        #expect(resolved.withLock { $0 } == 1)
        // Every address refusing is still a refusal.
        let none = HTTPClient(group: group, configuration: .init(resolve: { _, _ in
            .success([SocketAddress(ipLiteral: "127.0.0.1", port: refusing)!, SocketAddress(ipLiteral: "127.0.0.1", port: refusing)!])
        }))
        await #expect(throws: HTTPClientError.connectionRefused) { try await none.execute(request) }
        await client.shutdown()
        await none.shutdown()
        group.shutdown()
        await server.stop()
    }

    // MARK: - Misbehaving upstreams

    @Test func nothingListeningIsConnectionRefused() async throws {
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let refusing = try RefusingPort()
        await #expect(throws: HTTPClientError.connectionRefused) {
            try await client.execute(Self.request(port: refusing.port))
        }
        refusing.close()
        group.shutdown()
    }

    @Test func anUpstreamThatNeverAnswersTimesOut() async {
        let upstream = RawTestServer { socket, _ in
            _ = HTTPClientTests.readHead(socket)
            _ = socket.readSome()  // hold the connection until the client gives up
        }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        // Timed on the loop thread, inside the completion, so test-task scheduling does not count.
        let (result, elapsed) = await withCheckedContinuation { continuation in
            let start = Syscall.monotonicNanos()
            client.execute(Self.request(port: upstream.port, responseTimeout: .milliseconds(200)), on: nil) { result in
                continuation.resume(returning: (result, Syscall.monotonicNanos() - start))
            }
        }
        #expect(result == .failure(.responseTimeout))
        #expect(elapsed >= 150_000_000)
        #expect(elapsed < 3_000_000_000)
        group.shutdown()
        upstream.stop()
    }

    @Test func garbageIsAMalformedResponse() async {
        let upstream = RawTestServer { socket, _ in
            _ = HTTPClientTests.readHead(socket)
            socket.send("SMTP ready\r\n\r\n")
            _ = socket.readSome()
        }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        do {
            _ = try await client.execute(Self.request(port: upstream.port))
            Issue.record("expected a malformed-response error")
        } catch {
            if case .malformedResponse = error {} else { Issue.record("got \(error)") }
        }
        group.shutdown()
        upstream.stop()
    }

    @Test func aResetIsConnectionReset() async {
        let upstream = RawTestServer { socket, _ in
            _ = HTTPClientTests.readHead(socket)
            socket.reset()
        }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        await #expect(throws: HTTPClientError.connectionReset) {
            try await client.execute(Self.request(port: upstream.port))
        }
        group.shutdown()
        upstream.stop()
    }

    @Test func aCloseMidResponseIsConnectionClosed() async {
        let upstream = RawTestServer { socket, _ in
            _ = HTTPClientTests.readHead(socket)
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
            socket.shutdownWrite()
            _ = socket.readSome()
        }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        await #expect(throws: HTTPClientError.connectionClosed) {
            try await client.execute(Self.request(port: upstream.port))
        }
        group.shutdown()
        upstream.stop()
    }

    @Test func aStalePooledConnectionIsRetriedOnceOnAFreshOne() async throws {
        // Each connection answers its first request with keep-alive, then drops the next one
        // unanswered, like an upstream whose idle timeout raced with our reuse.
        let upstream = RawTestServer { socket, _ in
            guard HTTPClientTests.readHead(socket) else { return }
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            guard HTTPClientTests.readHead(socket) else { return }
            socket.reset()
        }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let first = try await client.execute(Self.request(port: upstream.port))
        #expect(first.body == Array("ok".utf8))
        let second = try await client.execute(Self.request(port: upstream.port))
        #expect(second.body == Array("ok".utf8))
        #expect(upstream.connectionCount == 2)
        group.shutdown()
        upstream.stop()
    }

    @Test func noRetryOnceTheUpstreamStartedAnswering() async throws {
        let requests = Atomic<Int>(0)
        let upstream = RawTestServer { socket, index in
            guard HTTPClientTests.readHead(socket) else { return }
            requests.wrappingAdd(1, ordering: .relaxed)
            if index == 0 {
                socket.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                guard HTTPClientTests.readHead(socket) else { return }
                requests.wrappingAdd(1, ordering: .relaxed)
                socket.send("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\npar")
                socket.shutdownWrite()  // a FIN keeps the bytes before it, unlike an abortive RST
                _ = socket.readSome()
            }
        }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        _ = try await client.execute(Self.request(port: upstream.port))
        await #expect(throws: HTTPClientError.connectionClosed) {
            try await client.execute(Self.request(port: upstream.port))
        }
        #expect(requests.load(ordering: .relaxed) == 2)
        #expect(upstream.connectionCount == 1)
        group.shutdown()
        upstream.stop()
    }

    // MARK: - Timeouts on pooled connections (the heap timer moves lazily)

    @Test func aPooledConnectionTimesOutSoonerThanItsIdleTimeout() async throws {
        // First exchange answered, the next one held: the 200 ms response timeout must fire even
        // though the connection's heap timer was last set for the 60 s pool idle timeout.
        let upstream = RawTestServer { socket, _ in
            guard HTTPClientTests.readHead(socket) else { return }
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            guard HTTPClientTests.readHead(socket) else { return }
            _ = socket.readSome()
        }
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group, configuration: .init(idleTimeout: .seconds(60)))
        _ = try await client.execute(Self.request(port: upstream.port))
        let (result, elapsed) = await withCheckedContinuation { continuation in
            let start = Syscall.monotonicNanos()
            client.execute(Self.request(port: upstream.port, responseTimeout: .milliseconds(200)), on: nil) { result in
                continuation.resume(returning: (result, Syscall.monotonicNanos() - start))
            }
        }
        #expect(result == .failure(.responseTimeout))
        #expect(elapsed >= 150_000_000)
        #expect(elapsed < 3_000_000_000)
        #expect(upstream.connectionCount == 1)
        group.shutdown()
        upstream.stop()
    }

    @Test func idlePooledConnectionsCloseAfterTheIdleTimeout() async throws {
        // The response timeout (30 s) is later than the idle timeout (100 ms): the idle close must
        // not wait for the earlier heap entry.
        let server = try TestServer()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group, configuration: .init(idleTimeout: .milliseconds(100)))
        let loop = group.loops[0]
        let key = HTTPClientPool.Key(host: "127.0.0.1", port: server.port)
        // Counted in the completion, on the loop, right after the connection went back to the pool.
        let pooled = await withCheckedContinuation { continuation in
            client.execute(Self.request(port: server.port, .GET, "/bytes/1", responseTimeout: .seconds(30)), on: loop) { _ in
                continuation.resume(returning: (loop.attachments[ObjectIdentifier(client)] as? HTTPClientPool)?.idleCount(for: key) ?? -1)
            }
        }
        #expect(pooled == 1)
        var idle = pooled
        for _ in 0..<60 where idle > 0 {
            try await Task.sleep(for: .milliseconds(50))
            idle = await client.idleConnectionCount(host: "127.0.0.1", port: server.port, on: loop)
        }
        #expect(idle == 0)
        await client.shutdown()
        group.shutdown()
        await server.stop()
    }
}
