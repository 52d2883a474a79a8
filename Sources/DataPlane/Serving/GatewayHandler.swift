import Shared

/// The data plane's `HTTPServerHandler`: reads the loop's serving configuration once and runs the
/// request pipeline on it.
///
/// Runs on the connection's event loop. Before the first snapshot is loaded, `bootstrap` (a
/// pipeline without routes) answers: `/_tollgate/health` 503, everything else 503
/// Service Unavailable. The pipeline's completion may run on another loop (an integration's
/// client); the responder hops back to the connection's loop. `debug` answers the node's
/// `/_tollgate/debug/…` endpoints (cluster limits) before any snapshot is consulted, and `node`
/// the node's health and metrics (`NodeEndpoints`).
package struct GatewayHandler: HTTPServerHandler {
    package let slots: ServingSlots
    package let bootstrap: RequestPipeline
    package let debug: (@Sendable (HTTPRequest) -> HTTPResponse?)?
    package let node: NodeEndpoints?
    /// WebSocket APIs (upgrades, `@connections`); nil: none are served (upgrades are closed).
    package let webSockets: WebSocketGateway?

    package init(slots: ServingSlots, bootstrap: RequestPipeline, debug: (@Sendable (HTTPRequest) -> HTTPResponse?)? = nil,
                 node: NodeEndpoints? = nil, webSockets: WebSocketGateway? = nil) {
        self.webSockets = webSockets
        self.slots = slots
        self.bootstrap = bootstrap
        self.debug = debug
        self.node = node
    }

    package func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
        if let node, let response = node.respond(to: request) {
            responder.respond(response)
            return
        }
        if let debug, request.head.path.hasPrefix("/_tollgate/debug/"), let response = debug(request) {
            responder.respond(response)
            return
        }
        let connection = ClientConnection(remoteAddress: context.remoteAddress, remotePort: context.remotePort,
                                          localPort: context.localPort, isTLS: context.isTLS,
                                          clientCertificate: context.clientCertificate)
        guard let active = slots.current(on: context.eventLoop) else {
            bootstrap.handle(request, connection: connection, snapshot: nil, chains: .empty) { responder.respond($0) }
            return
        }
        if let webSockets, webSockets.handle(request, context: context, serving: active, responder: responder) { return }
        active.handle(request, connection: connection, eventLoop: context.eventLoop) {
            responder.respond($0)
        }
    }

    package func upgraded(_ connection: HTTPUpgradedConnection) {
        guard let webSockets else { return connection.close() }
        webSockets.upgraded(connection)
    }
}
