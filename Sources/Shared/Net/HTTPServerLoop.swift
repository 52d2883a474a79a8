/// One server's state on one event loop: its listener and the connections it accepted.
///
/// Created on the loop by `HTTPServer.start()` and stored in the loop's `attachments`. Handles
/// graceful shutdown for its loop: close the listener, ask each connection to finish, and force
/// the stragglers closed when the grace period ends. Loop-confined.
final class HTTPServerLoop {
    let loop: EventLoop
    let handler: any HTTPServerHandler
    let counters: HTTPServerCounters
    private let configuration: HTTPServerConnectionStateMachine.Configuration
    private var listener: Listener?
    private var connections: [Int32: HTTPServerConnection] = [:]
    private var onDrained: (() -> Void)?
    /// The TLS context new connections start with (nil: plain TCP). Replaced on this loop by
    /// `HTTPServer.reloadTLS`; open connections keep the context they started with.
    var tlsContext: TLSContext?
    /// The custom domain names new TLS connections may select by SNI (nil: none). Replaced on this
    /// loop by `HTTPServer.updateServerNames`; open connections keep the table they started with.
    var tlsServerNames: TLSServerNames?
    /// How long a TLS handshake may take before the connection is closed.
    var tlsHandshakeTimeoutNanos: UInt64 = 10_000_000_000
    /// Where a listener that cannot register is reported (`HTTPServer.Configuration.log`).
    var log = ProcessLog(node: "tollgate", component: "listener", minimumLevel: .warn)

    init(loop: EventLoop, handler: any HTTPServerHandler, counters: HTTPServerCounters,
         configuration: HTTPServerConnectionStateMachine.Configuration) {
        self.loop = loop
        self.handler = handler
        self.counters = counters
        self.configuration = configuration
    }

    /// Starts accepting on an already listening socket.
    func listen(fd: Int32, port: Int) {
        let listener = Listener(fd: fd, port: port, loop: loop, onPause: { [counters] in
            counters.acceptPauses.wrappingAdd(1, ordering: .relaxed)
        }) { [unowned self] client, peer in
            accept(client, peer: peer, localPort: port)
        }
        do {
            try listener.register()
            self.listener = listener
        } catch {
            Syscall.close(fd)
            log.error("cannot register listener on \(loop.name): \(error)")
        }
    }

    private func accept(_ fd: Int32, peer: SocketAddress?, localPort: Int) {
        let transport: ConnectionTransport
        if let tlsContext {
            do {
                transport = .tls(TLSTransport(fd: fd, session: try TLSSession(context: tlsContext, serverNames: tlsServerNames)))
            } catch {
                counters.refusedTLSSetup.wrappingAdd(1, ordering: .relaxed)
                Syscall.close(fd)
                return
            }
        } else {
            transport = .plain(PlainTransport(fd: fd))
        }
        let connection = HTTPServerConnection(
            fd: fd, transport: transport, peer: peer, localPort: localPort, loop: loop, owner: self, configuration: configuration)
        connections[fd] = connection
        counters.accepted.wrappingAdd(1, ordering: .relaxed)
        counters.open.wrappingAdd(1, ordering: .relaxed)
        do {
            try connection.start()
        } catch {
            connection.abort()
        }
    }

    /// Called by a connection once its socket is closed.
    func connectionClosed(_ connection: HTTPServerConnection) {
        if connections[connection.fd] === connection {
            connections[connection.fd] = nil
            counters.open.wrappingSubtract(1, ordering: .relaxed)
        }
        if connections.isEmpty, let done = onDrained {
            onDrained = nil
            done()
        }
    }

    /// Stops accepting, lets connections finish for up to `grace` nanoseconds, then closes the rest.
    /// `done` runs on the loop once every connection is closed.
    func shutdown(grace: UInt64, done: @escaping () -> Void) {
        listener?.close()
        listener = nil
        guard onDrained == nil else { return }
        onDrained = done
        for connection in Array(connections.values) { connection.shutdownRequested() }
        if connections.isEmpty {
            // Closing the idle ones may already have emptied the table and run `done`.
            if let pending = onDrained {
                onDrained = nil
                pending()
            }
            return
        }
        _ = loop.scheduleLocal(at: loop.now &+ grace) { [self] in
            for connection in Array(connections.values) { connection.abort() }
        }
    }
}
