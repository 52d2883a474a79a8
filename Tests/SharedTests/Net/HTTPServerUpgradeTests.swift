import Testing
@testable import Shared

/// The upgrade handover through a real server: after `101`, the new owner gets the transport,
/// the unsent `101` head and the bytes the client sent past its request.
@Suite("HTTPServer upgrade end to end")
struct HTTPServerUpgradeTests {
    /// Answers `/up` with 101; optionally takes the connection over and echoes what followed.
    struct SwitchingHandler: HTTPServerHandler {
        let takesOver: Bool

        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            var response = HTTPResponse(status: request.head.target == "/up" ? 101 : 200)
            if request.head.target == "/up" {
                response.head.headers.set("Connection", "Upgrade")
                response.head.headers.set("Upgrade", "echo")
            }
            responder.respond(response)
        }

        func upgraded(_ connection: HTTPUpgradedConnection) {
            guard takesOver else { return connection.close() }
            // Small writes to a fresh socket: each goes out whole at the first try.
            while !connection.unsent.isEmpty {
                guard case .bytes = try? connection.unsent.write(to: connection.transport) else { break }
            }
            let reply = Array("new protocol got: ".utf8) + connection.buffered
            _ = reply.withUnsafeBytes { raw in try? connection.transport.write(raw) }
            connection.close()
        }
    }

    static let request = "GET /up HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n"

    @Test func theNewOwnerWritesThe101FirstAndReadsTheBytesSentPastTheRequest() async throws {
        let server = try TestServer(threads: 1, handler: SwitchingHandler(takesOver: true))
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send(Self.request + "ping")
        let (bytes, sawEOF) = await socket.readToEndAsync()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n"))
        #expect(text.hasSuffix("\r\n\r\nnew protocol got: ping"))
        #expect(sawEOF)
        #expect(await TestServer.eventually { server.server.statistics.openConnections == 0 })
        await server.stop()
    }

    @Test func theDefaultOwnerClosesAndNeverParsesWhatFollowedAsHTTP() async throws {
        let server = try TestServer(threads: 1, handler: SwitchingHandler(takesOver: false))
        let socket = try #require(await RawSocket.connectAsync(port: server.port))
        socket.send(Self.request + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n")
        let (bytes, sawEOF) = await socket.readToEndAsync()
        #expect(!String(decoding: bytes, as: UTF8.self).contains("200 OK"), "bytes after the upgrade request are never parsed as HTTP")
        #expect(sawEOF)
        await server.stop()
    }
}
