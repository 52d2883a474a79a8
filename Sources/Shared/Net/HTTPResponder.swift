/// Sends the response to one request; callable once, from any thread.
///
/// From the connection's loop thread the response is queued at once; from another thread the
/// call hops to the loop first. Calls after the first, or after the connection closed, are
/// ignored. Tests and adapters can build one around a closure with `init(_:)`.
package struct HTTPResponder: Sendable {
    private enum Target: Sendable {
        case connection(LoopBound<HTTPServerConnection>, sequence: UInt64)
        case closure(@Sendable (HTTPResponse) -> Void)
    }

    private let target: Target

    init(connection: LoopBound<HTTPServerConnection>, sequence: UInt64) {
        target = .connection(connection, sequence: sequence)
    }

    /// A responder that hands the response to `body` (for tests and in-process adapters).
    package init(_ body: @escaping @Sendable (HTTPResponse) -> Void) {
        target = .closure(body)
    }

    package func respond(_ response: HTTPResponse) {
        switch target {
        case .closure(let body):
            body(response)
        case .connection(let connection, let sequence):
            let loop = connection.loop
            if loop.inEventLoop {
                connection.value.responseReady(response, sequence: sequence)
            } else {
                loop.execute { connection.value.responseReady(response, sequence: sequence) }
            }
        }
    }
}
