import Echo
@testable import Shared

/// An `HTTPServer` running `EchoHandler` (or another handler) on 127.0.0.1:0 for one test.
struct TestServer {
    let group: EventLoopGroup
    let server: HTTPServer
    let port: Int

    init(threads: Int = 2, handler: some HTTPServerHandler = EchoHandler(), configure: (inout HTTPServer.Configuration) -> Void = { _ in }) throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        group = EventLoopGroup(threads: threads)
        server = HTTPServer(configuration: configuration, group: group, handler: handler)
        port = try server.start()
    }

    func stop() async {
        await server.shutdown(gracePeriod: .milliseconds(200))
        group.shutdown()
    }

    /// Waits (bounded) until `condition` holds, polling every few milliseconds.
    static func eventually(timeoutMillis: Int = 3000, _ condition: () -> Bool) async -> Bool {
        let deadline = Syscall.monotonicNanos() + UInt64(timeoutMillis) * 1_000_000
        while Syscall.monotonicNanos() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }
}
