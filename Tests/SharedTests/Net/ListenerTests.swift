import Echo
import Foundation
import Testing
@testable import Shared

/// Port ownership: a server's listeners share their port among its own loops only.
@Suite("Listener port ownership")
struct ListenerTests {
    /// Starts a second server on `port` and returns why it failed (nil if it started, then stopped).
    static func secondServerError(port: Int, threads: Int = 2) async -> HTTPServerError? {
        let group = EventLoopGroup(threads: threads)
        defer { group.shutdown() }
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: port), group: group, handler: EchoHandler())
        do {
            _ = try server.start()
            await server.shutdown(gracePeriod: .milliseconds(50))
            return nil
        } catch let error as HTTPServerError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// How many IPv4 sockets listen on 127.0.0.1:`port` (from `/proc/net/tcp`, state 0A = LISTEN).
    static func listeningSockets(port: Int) -> Int {
        // /proc files report size 0, so read until end of file rather than trusting a size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/net/tcp") else { return -1 }
        defer { try? handle.close() }
        let table = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let local = "0100007F:" + String(format: "%04X", port)
        return table.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[1] == local && fields[3] == "0A"
        }.count
    }

    @Test func secondServerOnTheSamePortFailsWithAddressInUse() async throws {
        let first = try TestServer(threads: 2)
        let error = try #require(await Self.secondServerError(port: first.port))
        #expect(error.isAddressInUse)
        // The failed server left nothing behind; the first one's two listeners are all there is.
        #expect(Self.listeningSockets(port: first.port) == 2)
        #expect(error.description == "cannot listen on 127.0.0.1:\(first.port): address already in use (another process is listening there)")
        // The first server still answers every connection (none went to a half-started second one).
        for _ in 0..<8 {
            let answered = await RawSocket.withConnection(port: first.port) { socket -> Bool in
                socket.send("GET /bytes/1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
                return socket.readResponses([.GET]).first?.body == Array("x".utf8)
            }
            #expect(answered == true)
        }
        await first.stop()
    }

    @Test func portHeldByAPlainListenerFailsWithAddressInUse() async throws {
        let holder = RawTestServer { socket, _ in socket.reset() }
        defer { holder.stop() }
        let error = try #require(await Self.secondServerError(port: holder.port, threads: 1))
        #expect(error.isAddressInUse)
        #expect(error.description.contains("127.0.0.1:\(holder.port): address already in use"))
    }

    @Test func portZeroPutsEveryLoopOnOneFreePort() async throws {
        let server = try TestServer(threads: 4)
        #expect(server.port > 0)
        #expect(Self.listeningSockets(port: server.port) == 4)
        for _ in 0..<16 {
            let answered = await RawSocket.withConnection(port: server.port) { socket -> Bool in
                socket.send("GET /bytes/2 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
                return socket.readResponses([.GET]).first?.body == Array("xx".utf8)
            }
            #expect(answered == true)
        }
        await server.stop()
    }

    @Test func aStoppedServersPortCanBeBoundAgain() async throws {
        let first = try TestServer(threads: 2)
        let port = first.port
        _ = await RawSocket.withConnection(port: port) { socket in
            socket.send("GET /bytes/1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
            return socket.readResponses([.GET]).count
        }
        await first.stop()
        #expect(await Self.secondServerError(port: port) == nil)
    }
}
