import Shared
import Synchronization

/// Serves one JWKS document at `GET /jwks` on 127.0.0.1 (a stand-in identity provider), counting fetches.
final class JWKSServer: Sendable {
    private let group = EventLoopGroup(threads: 1)
    private let server: HTTPServer
    private let fetches: Counter
    let port: Int

    private final class Counter: Sendable {
        let value = Mutex(0)
    }

    init(document: [UInt8]) throws {
        let fetches = Counter()
        self.fetches = fetches
        server = HTTPServer(configuration: .init(), group: group, handler: Handler(document: document, fetches: fetches))
        port = try server.start()
    }

    var fetchCount: Int { fetches.value.withLock { $0 } }
    var jwksURL: String { "http://127.0.0.1:\(port)/jwks" }

    func stop() async {
        await server.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
    }

    private struct Handler: HTTPServerHandler {
        let document: [UInt8]
        let fetches: Counter

        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            guard request.head.path == "/jwks" else { return responder.respond(HTTPResponse(status: 404)) }
            fetches.value.withLock { $0 += 1 }
            responder.respond(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: document))
        }
    }
}
