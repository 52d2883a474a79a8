import Shared

/// The data plane's `HTTPServerHandler`: reads the loop's serving configuration once and runs the
/// request pipeline on it.
///
/// Runs on the connection's event loop. Before the first snapshot is loaded, `bootstrap` (a
/// pipeline without method-request phases) answers: `/_tollgate/health` 503, everything else 503
/// Service Unavailable. The pipeline's completion may run on another loop (an integration's
/// client); the responder hops back to the connection's loop.
package struct GatewayHandler: HTTPServerHandler {
    package let slots: ServingSlots
    package let bootstrap: RequestPipeline

    package init(slots: ServingSlots, bootstrap: RequestPipeline) {
        self.slots = slots
        self.bootstrap = bootstrap
    }

    package func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
        let connection = ClientConnection(remoteAddress: context.remoteAddress, remotePort: context.remotePort,
                                          localPort: context.localPort)
        guard let active = slots.current(on: context.eventLoop) else {
            bootstrap.handle(request, connection: connection, snapshot: nil) { responder.respond($0) }
            return
        }
        active.pipeline.handle(request, connection: connection, snapshot: active.snapshot) { responder.respond($0) }
    }
}
