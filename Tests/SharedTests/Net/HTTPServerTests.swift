import Dispatch
import Synchronization
import Testing
@testable import Shared

/// End-to-end: a real server on 127.0.0.1:0 and raw bytes over a socket. Every read is bounded
/// by a receive timeout, so a regression fails instead of hanging.
@Suite("HTTPServer end to end")
struct HTTPServerTests {
    static func statusLine(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix { $0 != 0x0D }, as: UTF8.self)
    }

    // MARK: - Refusals

    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: String
        let status: Int
        var testDescription: String { name }
    }

    static let smugglingVectors: [Vector] = [
        Vector(name: "Content-Length with Transfer-Encoding",
               bytes: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        Vector(name: "two different Content-Length values",
               bytes: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde", status: 400),
        Vector(name: "chunk size that is not hex",
               bytes: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", status: 400),
        Vector(name: "obs-fold", bytes: "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\r\n", status: 400),
        Vector(name: "space before colon", bytes: "GET / HTTP/1.1\r\nHost : h\r\n\r\n", status: 400),
        Vector(name: "unknown transfer coding",
               bytes: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        Vector(name: "unsupported version", bytes: "GET / HTTP/2.0\r\nHost: h\r\n\r\n", status: 505),
    ]

    @Test(arguments: smugglingVectors)
    func smugglingVectorsGetTheParsersStatusAndTheConnectionCloses(_ vector: Vector) async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send(vector.bytes)
        let (bytes, sawEOF) = await socket.readToEndAsync()
        #expect(Self.statusLine(bytes).hasPrefix("HTTP/1.1 \(vector.status) "))
        #expect(String(decoding: bytes, as: UTF8.self).contains("Connection: close\r\n"))
        #expect(sawEOF)
        await server.stop()
    }

    @Test func http09RequestIsClosedWithoutAnAnswer() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send("GET /\r\n")
        let (bytes, sawEOF) = await socket.readToEndAsync()
        #expect(bytes.isEmpty)
        #expect(sawEOF)
        await server.stop()
    }

    // MARK: - Keep-alive, pipelining, HEAD, 100-continue, chunked

    @Test func pipelinedResponsesComeBackInRequestOrder() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        // The first answer is the slowest: later responses must wait for it.
        socket.send("GET /delay/80 HTTP/1.1\r\nHost: h\r\n\r\nGET /delay/0 HTTP/1.1\r\nHost: h\r\n\r\nGET /bytes/3 HTTP/1.1\r\nHost: h\r\n\r\n")
        let responses = await socket.readResponsesAsync([.GET, .GET, .GET])
        try #require(responses.count == 3)
        #expect(String(decoding: responses[0].body, as: UTF8.self).contains(#""path":"/delay/80""#))
        #expect(String(decoding: responses[1].body, as: UTF8.self).contains(#""path":"/delay/0""#))
        #expect(responses[2].body == Array("xxx".utf8))
        await server.stop()
    }

    @Test func keepAliveReusesOneConnection() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        for i in 0..<3 {
            socket.send("GET /bytes/\(i) HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = await socket.readResponsesAsync([.GET])
            #expect(response.first?.body.count == i)
        }
        #expect(server.server.statistics.acceptedConnections == 1)
        await server.stop()
    }

    @Test func headAnswersCarryTheLengthButNoBody() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send("HEAD /bytes/100 HTTP/1.1\r\nHost: h\r\n\r\nGET /bytes/2 HTTP/1.1\r\nHost: h\r\n\r\n")
        let responses = await socket.readResponsesAsync([.HEAD, .GET])
        try #require(responses.count == 2)
        #expect(responses[0].headers["content-length"] == "100")
        #expect(responses[0].body.isEmpty)
        #expect(responses[1].body == Array("xx".utf8))
        await server.stop()
    }

    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send("PUT /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try #require(await socket.readSomeAsync())
        #expect(String(decoding: interim, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        socket.send("hello")
        let responses = await socket.readResponsesAsync([.PUT])
        #expect(responses.first?.status == 200)
        let body = String(decoding: responses.first?.body ?? [], as: UTF8.self)
        #expect(body.contains(#""body":"hello""#))
        await server.stop()
    }

    @Test func expectContinueWithAnOversizedBodyGets413WithoutReadingIt() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 20000000\r\nExpect: 100-continue\r\n\r\n")
        let (bytes, sawEOF) = await socket.readToEndAsync()
        #expect(Self.statusLine(bytes) == "HTTP/1.1 413 Content Too Large")
        #expect(sawEOF)
        await server.stop()
    }

    @Test func chunkedRequestBodiesAreReassembled() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        let responses = await socket.readResponsesAsync([.POST])
        let body = String(decoding: responses.first?.body ?? [], as: UTF8.self)
        #expect(body.contains(#""body":"hello world""#))
        await server.stop()
    }

    @Test func connectionCloseIsHonoured() async throws {
        let server = try TestServer()
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send("GET /bytes/1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let (bytes, sawEOF) = await socket.readToEndAsync()
        #expect(String(decoding: bytes, as: UTF8.self).contains("Connection: close\r\n"))
        #expect(sawEOF)
        await server.stop()
    }

    // MARK: - Timeouts

    @Test func slowlorisHeadIsCutOffByTheHeadTimeout() async throws {
        let server = try TestServer { $0.headTimeout = .milliseconds(200) }
        // Timed on the socket's own thread from the moment the partial head is sent, so delays in
        // scheduling this test task do not count.
        let outcome = await RawSocket.withConnection(port: server.port) { socket in
            socket.send("GET / HTTP/1.1\r\nHost: h\r\nX-Slow: ")
            let start = Syscall.monotonicNanos()
            let (bytes, sawEOF) = socket.readToEnd()
            return (bytes, sawEOF, Syscall.monotonicNanos() - start)
        }
        let (bytes, sawEOF, elapsed) = try #require(outcome)
        #expect(sawEOF)
        #expect(Self.statusLine(bytes).hasPrefix("HTTP/1.1 408 "))
        #expect(elapsed >= 150_000_000)
        #expect(elapsed < 5_000_000_000)
        await server.stop()
    }

    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        let server = try TestServer { $0.idleTimeout = .milliseconds(150) }
        let socket = try #require(await RawSocket.connectAsync(port: server.port, sending: "GET /bytes/1 HTTP/1.1\r\nHost: h\r\n\r\n"))
        // Measured on the reading thread, so scheduling delays of the test task do not count.
        let (responses, rest, sawEOF, idleNanos) = await socket.blocking { socket in
            let responses = socket.readResponses([.GET])
            let start = Syscall.monotonicNanos()
            let (rest, sawEOF) = socket.readToEnd()
            return (responses.count, rest, sawEOF, Syscall.monotonicNanos() - start)
        }
        #expect(responses == 1)
        #expect(rest.isEmpty)
        #expect(sawEOF)
        #expect(idleNanos < 5_000_000_000)
        await server.stop()
    }

    // MARK: - Backpressure

    @Test func aClientThatNeverReadsCannotMakeTheServerBufferWithoutBound() async throws {
        let highWater = 256 * 1024
        let server = try TestServer { $0.writeHighWaterMark = highWater; $0.writeLowWaterMark = 64 * 1024 }
        let socket = try #require(await RawSocket.connectAsync(port: server.port, receiveTimeoutMillis: 10_000))
        let count = 20
        socket.send(String(repeating: "GET /bytes/1000000 HTTP/1.1\r\nHost: h\r\n\r\n", count: count))
        // Give the server time to fill the socket buffers and stop; nothing observable to await.
        try await Task.sleep(for: .milliseconds(300))
        let peak = server.server.statistics.peakOutboundBytesPerConnection
        #expect(peak > 0)
        #expect(peak <= highWater + 1_000_000 + 4096)  // the mark plus one response
        // Reading resumes the flow: every response arrives, in full.
        let responses = await socket.readResponsesAsync(Array(repeating: .GET, count: count))
        #expect(responses.count == count)
        #expect(responses.allSatisfy { $0.body.count == 1_000_000 })
        #expect(server.server.statistics.peakOutboundBytesPerConnection <= highWater + 1_000_000 + 4096)
        await server.stop()
    }

    // MARK: - Shutdown

    /// Holds every request until the test opens the gate, so "in flight" does not depend on timing.
    final class GatedHandler: HTTPServerHandler {
        private let held = Mutex<[HTTPResponder]>([])
        var heldCount: Int { held.withLock { $0.count } }

        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            held.withLock { $0.append(responder) }
        }

        func open() {
            for responder in held.withLock({ $0 }) { responder.respond(HTTPResponse(status: 200, body: Array("done".utf8))) }
        }
    }

    @Test func gracefulShutdownFinishesInFlightRequestsAndRefusesNewConnections() async throws {
        let handler = GatedHandler()
        let server = try TestServer(handler: handler)
        let busy = try #require(await RawSocket.connectAsync(port: server.port, sending: "GET /held HTTP/1.1\r\nHost: h\r\n\r\n"))
        let idle = try #require(await RawSocket.connectAsync(port: server.port))
        #expect(await TestServer.eventually { handler.heldCount == 1 && server.server.statistics.openConnections == 2 })
        let port = server.port
        async let stopped: Void = server.server.shutdown(gracePeriod: .seconds(10))
        // The idle keep-alive connection is closed at once.
        let (idleBytes, idleEOF) = await idle.readToEndAsync()
        #expect(idleBytes.isEmpty)
        #expect(idleEOF)
        // New connections are refused while the in-flight request is still running.
        #expect(await RawSocket.connectAsync(port: port) == nil)
        handler.open()
        let responses = await busy.readResponsesAsync([.GET])
        #expect(responses.first?.body == Array("done".utf8))
        #expect(responses.first?.headers["connection"] == "close")
        busy.shutdownWrite()  // ends the server's lingering close
        await stopped
        #expect(server.server.statistics.openConnections == 0)
        server.group.shutdown()
    }

    @Test func shutdownClosesStragglersAfterTheGracePeriod() async throws {
        let server = try TestServer()
        let busy = try #require(await RawSocket.connectAsync(port: server.port, sending: "GET /delay/5000 HTTP/1.1\r\nHost: h\r\n\r\n"))
        #expect(await TestServer.eventually { server.server.statistics.openConnections == 1 })
        async let closedAfter = busy.blocking { socket in
            let start = Syscall.monotonicNanos()
            _ = socket.readToEnd()
            return Syscall.monotonicNanos() - start
        }
        await server.server.shutdown(gracePeriod: .milliseconds(100))
        // The straggler is cut off well before its 5 s handler would have answered.
        #expect(await closedAfter < 4_000_000_000)
        server.group.shutdown()
    }

    // MARK: - Cross-thread responses

    struct OffLoopHandler: HTTPServerHandler {
        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            DispatchQueue.global().async {
                responder.respond(HTTPResponse(status: 201, body: Array(request.target.utf8)))
                responder.respond(HTTPResponse(status: 500))  // ignored: one response per request
            }
        }
    }

    @Test func respondingFromAnotherThreadHopsToTheLoop() async throws {
        let server = try TestServer(handler: OffLoopHandler())
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        let responses = await socket.readResponsesAsync([.GET, .GET])
        #expect(responses.map(\.status) == [201, 201])
        #expect(responses.map { String(decoding: $0.body, as: UTF8.self) } == ["/a", "/b"])
        await server.stop()
    }
}
