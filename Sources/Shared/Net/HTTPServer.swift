import Synchronization

/// An HTTP/1.1 server on an `EventLoopGroup`: one `SO_REUSEPORT` listener per loop.
///
/// `start()` binds every loop's listener to one port (the first to `configuration.port`, possibly
/// 0, exclusively so that a port another process holds fails with `EADDRINUSE`; the others join
/// the port it got) and returns that port. Each accepted connection stays on the
/// loop that accepted it; the handler runs there. `shutdown(gracePeriod:)` stops accepting,
/// closes idle keep-alive connections, lets in-flight requests finish for up to the grace period,
/// then closes whatever remains.
package final class HTTPServer: Sendable {
    package let configuration: Configuration
    let group: EventLoopGroup
    private let handler: any HTTPServerHandler
    private let counters = HTTPServerCounters()
    private let state = Mutex<LifecycleState>(.idle)

    private enum LifecycleState {
        case idle, started(port: Int), stopped
    }

    package init(configuration: Configuration, group: EventLoopGroup, handler: some HTTPServerHandler) {
        self.configuration = configuration
        self.group = group
        self.handler = handler
    }

    /// Binds and starts accepting; returns the bound port. Throws `HTTPServerError`
    /// (`.cannotListen` with `EADDRINUSE` when another process holds the address). Call once.
    @discardableResult
    package func start() throws -> Int {
        try state.withLock { state throws -> Int in
            guard case .idle = state else { throw HTTPServerError.alreadyStarted }
            let address = try resolve()
            var sockets: [(fd: Int32, port: Int)] = []
            var attempted = address
            do throws(SyscallError) {
                // The first bind is exclusive: it fails if any other socket holds the address (see `Listener`).
                let first = try Listener.bind(address: address, backlog: configuration.backlog, mode: .exclusive)
                sockets.append(first)
                attempted = address.withPort(first.port)
                for _ in group.loops.dropFirst() {
                    sockets.append(try Listener.bind(address: attempted, backlog: configuration.backlog, mode: .joining))
                }
            } catch {
                for socket in sockets { Syscall.close(socket.fd) }
                throw HTTPServerError.cannotListen(address: attempted.description, error: error)
            }
            let key = ObjectIdentifier(self)
            let handler = handler, counters = counters, machine = configuration.machineConfiguration, tls = configuration.tls
            let handshakeTimeout = configuration.tlsHandshakeTimeout.nanoseconds
            let log = configuration.log
            for (loop, socket) in zip(group.loops, sockets) {
                loop.execute {
                    let serverLoop = HTTPServerLoop(loop: loop, handler: handler, counters: counters, configuration: machine)
                    serverLoop.tlsContext = tls
                    serverLoop.tlsHandshakeTimeoutNanos = handshakeTimeout
                    serverLoop.log = log
                    loop.attachments[key] = serverLoop
                    serverLoop.listen(fd: socket.fd, port: socket.port)
                }
            }
            state = .started(port: sockets[0].port)
            return sockets[0].port
        }
    }

    private func resolve() throws -> SocketAddress {
        if let literal = SocketAddress(ipLiteral: configuration.host, port: configuration.port) { return literal }
        switch Syscall.resolve(host: configuration.host, port: configuration.port) {
        case .success(let addresses): return addresses[0]
        case .failure(let error): throw HTTPServerError.cannotResolve(error.message)
        }
    }

    /// The port bound by `start()`, or nil before it.
    package var port: Int? {
        state.withLock { state in
            if case .started(let port) = state { return port }
            return nil
        }
    }

    /// Live counters (connections, peak per-connection output buffering).
    package var statistics: Statistics { counters.snapshot }

    /// Graceful shutdown; returns once every connection is closed (at most about `gracePeriod`).
    package func shutdown(gracePeriod: Duration) async {
        let wasStarted = state.withLock { state -> Bool in
            defer { state = .stopped }
            if case .started = state { return true }
            return false
        }
        guard wasStarted else { return }
        let key = ObjectIdentifier(self)
        let grace = gracePeriod.nanoseconds
        let loops = group.loops
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let latch = CountdownLatch(count: loops.count) { continuation.resume() }
            for loop in loops {
                loop.execute {
                    guard let serverLoop = loop.attachments.removeValue(forKey: key) as? HTTPServerLoop else {
                        latch.arrive()
                        return
                    }
                    serverLoop.shutdown(grace: grace) { latch.arrive() }
                }
            }
        }
    }
}
