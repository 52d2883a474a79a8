/// Answers requests for an `HTTPServer`.
///
/// `handle` is called on the connection's event loop thread with the whole request (body
/// included, bounded by `HTTPLimits.maxBodyBytes`). It must not block: do slow work elsewhere
/// and call `responder.respond` from any thread when done. Exactly one response per request;
/// later calls are ignored. Responses to pipelined requests are sent in request order.
package protocol HTTPServerHandler: Sendable {
    func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder)
    /// Takes over a connection whose request asked for an upgrade and was answered `101`
    /// (on its loop thread). Default: close it, since the handler speaks no other protocol.
    func upgraded(_ connection: HTTPUpgradedConnection)
}

extension HTTPServerHandler {
    package func upgraded(_ connection: HTTPUpgradedConnection) {
        connection.close()
    }
}
