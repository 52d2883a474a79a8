import Shared
import Synchronization

/// An HTTP backend for tests that answers every request 200 `reached` and counts the requests it
/// got, so a test can show that a refused request never reached its integration.
final class CountingBackend: Sendable {
    private let group: EventLoopGroup
    private let server: HTTPServer
    private let counter: Counter
    let port: Int

    /// `tls`: serve HTTPS with this context (nil: plain HTTP).
    init(tls: TLSContext? = nil) throws {
        group = EventLoopGroup(threads: 1)
        let counter = Counter()
        self.counter = counter
        var configuration = HTTPServer.Configuration()
        configuration.tls = tls
        server = HTTPServer(configuration: configuration, group: group, handler: Handler(counter: counter))
        port = try server.start()
    }

    /// Requests received so far, by path.
    var paths: [String] { counter.paths.withLock { $0 } }

    func stop() async {
        await server.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
    }

    private final class Counter: Sendable {
        let paths = Mutex<[String]>([])
    }

    private struct Handler: HTTPServerHandler {
        let counter: Counter

        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            counter.paths.withLock { $0.append(String(request.head.path)) }
            responder.respond(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array("reached".utf8)))
        }
    }
}
