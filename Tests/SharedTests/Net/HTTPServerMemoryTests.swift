import Synchronization
import Testing
@testable import Shared

/// The engine's body memory end to end: many heads declaring 10 MiB, slow readers of large
/// relayed responses, and every reservation given back once the sockets close.
@Suite("HTTPServer body memory", .timeLimit(.minutes(1)))
struct HTTPServerMemoryTests {
    /// Fetches `request.target` from the upstream and relays its body; 503 when the budget had no room.
    struct RelayHandler: HTTPServerHandler {
        let client: HTTPClient
        let upstreamPort: Int

        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            let upstream = HTTPClientRequest(host: "127.0.0.1", port: upstreamPort, target: request.head.target)
            client.execute(upstream, on: context.eventLoop) { result in
                switch result {
                case .success(let response): responder.respond(HTTPResponse(status: 200, body: response.body))
                case .failure(.bufferBudgetExceeded): responder.respond(HTTPResponse(status: 503))
                case .failure: responder.respond(HTTPResponse(status: 502))
                }
            }
        }
    }

    static let tenMiB = 10 * 1024 * 1024

    @Test func headsDeclaringTenMiBReserveOnlyWhatArrived() async throws {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        let server = try TestServer { $0.bodyBudget = budget }
        let count = 200
        var sockets: [RawSocket] = []
        for _ in 0..<count {
            let socket = try #require(RawSocket.connect(port: server.port))
            socket.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: \(Self.tenMiB)\r\n\r\n" + String(repeating: "a", count: 1000))
            sockets.append(socket)
        }
        #expect(await TestServer.eventually(timeoutMillis: 20_000) { budget.usedBytes >= count * BodyAccumulator.minimumCapacity })
        // About one small first allocation per connection, not the 2 GB the heads declared.
        #expect(budget.usedBytes <= count * 2 * BodyAccumulator.minimumCapacity)
        sockets.removeAll()  // closes them
        #expect(await TestServer.eventually(timeoutMillis: 20_000) { budget.usedBytes == 0 },
                "closing gives every reservation back (\(budget.usedBytes) bytes left)")
        await server.stop()
    }

    @Test func aConnectionResetMidBodyGivesItsBytesBack() async throws {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        let server = try TestServer { $0.bodyBudget = budget }
        var sockets: [RawSocket] = []
        for _ in 0..<20 {
            let socket = try #require(RawSocket.connect(port: server.port))
            socket.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\n" + String(repeating: "a", count: 300_000))
            sockets.append(socket)
        }
        #expect(await TestServer.eventually(timeoutMillis: 20_000) { budget.usedBytes >= 20 * 300_000 })
        // RST, not FIN: the server's read fails and the shell aborts the connection.
        for socket in sockets { socket.reset() }
        #expect(await TestServer.eventually(timeoutMillis: 20_000) { budget.usedBytes == 0 },
                "aborted connections give their bytes back (\(budget.usedBytes) bytes left)")
        await server.stop()
    }

    @Test func slowReadersOfLargeResponsesAreBoundedByTheBudget() async throws {
        let upstream = try TestServer(threads: 1)
        let cap = 24 * 1024 * 1024
        let bodySize = 8_000_000
        let budget = BodyMemoryBudget(limit: cap)
        let group = EventLoopGroup(threads: 2)
        let client = HTTPClient(group: group, configuration: .init(bodyBudget: budget))
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.bodyBudget = budget
        let server = HTTPServer(configuration: configuration, group: group, handler: RelayHandler(client: client, upstreamPort: upstream.port))
        let port = try server.start()

        let readers = 10
        var sockets: [RawSocket] = []
        for _ in 0..<readers {
            let socket = try #require(RawSocket.connect(port: port, receiveTimeoutMillis: 10_000))
            socket.setReceiveBuffer(4096)
            socket.send("GET /bytes/\(bodySize) HTTP/1.1\r\nHost: h\r\n\r\n")
            sockets.append(socket)
        }
        // Each reader takes the first bytes (the status line) and then stops reading.
        var statuses: [String] = []
        for socket in sockets {
            let first = await socket.readSomeAsync() ?? []
            statuses.append(String(decoding: first.prefix(12), as: UTF8.self))
        }
        let served = statuses.filter { $0 == "HTTP/1.1 200" }.count
        let refused = statuses.filter { $0 == "HTTP/1.1 503" }.count
        #expect(served + refused == readers, "\(statuses)")
        #expect(served >= 1)
        #expect(refused >= 1, "80 MB of responses cannot all be held within 24 MiB")
        // What the server holds for readers that do not read is counted, and stays within the cap
        // plus one body per loop (a response moving from the client's count to the server's while
        // the other loop takes the room it left).
        #expect(budget.usedBytes <= cap + 2 * bodySize)
        #expect(budget.usedBytes >= served * (bodySize / 2), "the kernel absorbs at most a few MB per socket")

        sockets.removeAll()
        #expect(await TestServer.eventually(timeoutMillis: 20_000) { budget.usedBytes == 0 },
                "closed readers give their bytes back (\(budget.usedBytes) bytes left)")
        await server.shutdown(gracePeriod: .milliseconds(100))
        await client.shutdown()
        group.shutdown()
        await upstream.stop()
    }
}
