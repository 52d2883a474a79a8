/// A listening socket registered with one event loop; accepts connections until closed.
///
/// Each loop of a server has its own listener bound to the same port with `SO_REUSEPORT`, so
/// the kernel spreads new connections across loops and no thread hands sockets to another.
/// Accepted sockets are non-blocking with `TCP_NODELAY`. Loop-confined once registered.
///
/// **One owner per port.** `SO_REUSEPORT` alone would let any other process of the same user
/// (a second `tollgate dev`, say) join the port and take half the connections. So a server binds its
/// first listener *without* `SO_REUSEPORT` — an exclusive bind, which fails with `EADDRINUSE`
/// whenever any socket already holds the address, reuse-port or not — and only then, on that
/// still-bound socket, turns `SO_REUSEPORT` on (Linux allows it after `bind`) before `listen`. The
/// other loops' listeners then join it. The exclusive bind is the probe and the probe is never
/// closed, so there is no window in which another process could slip in. A later Tollgate, which
/// also starts with an exclusive bind, always fails; the kernel lets only sockets of the same
/// effective UID that set `SO_REUSEPORT` themselves share the port, so what could still join is a
/// program of the same user that asks to share, never another Tollgate and never another user.
final class Listener: EventLoopDescriptor {
    let fd: Int32
    let port: Int
    private let loop: EventLoop
    private let onAccept: (Int32, SocketAddress?) -> Void
    /// Told each time accepting pauses for lack of descriptors (a counter).
    private let onPause: () -> Void
    private var closed = false
    /// Accepts per readiness event, so one busy listener cannot starve the loop's connections.
    private static let acceptBatch = 64

    /// How a listener takes its address: the first one of a server `exclusive` (fails if anything
    /// holds the address, port 0 picks a free port), the others `joining` the first one's port.
    enum BindMode {
        case exclusive, joining
    }

    /// Creates a socket bound to `address` and listening; returns it with the port bound.
    /// Callable on any thread. The descriptor is closed on failure.
    static func bind(address: SocketAddress, backlog: Int32, mode: BindMode) throws(SyscallError) -> (fd: Int32, port: Int) {
        let fd = try Syscall.tcpSocket(family: address.family)
        do throws(SyscallError) {
            try Syscall.setReuseAddress(fd)
            if mode == .joining { try Syscall.setReusePort(fd) }
            try Syscall.bind(fd, to: address)
            if mode == .exclusive { try Syscall.setReusePort(fd) }
            try Syscall.listen(fd, backlog: backlog)
            return (fd, try Syscall.localAddress(fd)?.port ?? address.port)
        } catch {
            Syscall.close(fd)
            throw error
        }
    }

    /// Wraps a socket from `bind`; `register` attaches it to `loop`. `onAccept` runs on the loop.
    init(fd: Int32, port: Int, loop: EventLoop, onPause: @escaping () -> Void = {},
         onAccept: @escaping (Int32, SocketAddress?) -> Void) {
        self.fd = fd
        self.port = port
        self.loop = loop
        self.onPause = onPause
        self.onAccept = onAccept
    }

    /// Starts accepting. Loop thread only.
    func register() throws(SyscallError) {
        try loop.register(fd, interest: Epoll.Flags.readable, handler: self)
    }

    func descriptorReady(_ flags: UInt32) {
        for _ in 0..<Self.acceptBatch {
            guard !closed else { return }
            do {
                guard let (client, peer) = try Syscall.accept(fd) else { return }
                do {
                    try Syscall.setNoDelay(client)
                } catch {
                    Syscall.close(client)
                    continue
                }
                onAccept(client, peer)
            } catch where error.kind == .tooManyFiles {
                pauseAccepting()
                return
            } catch {
                // ECONNABORTED and friends concern one connection only; keep accepting.
                continue
            }
        }
    }

    /// Out of descriptors: stop polling the listener for a moment instead of spinning on it.
    private func pauseAccepting() {
        onPause()
        try? loop.updateInterest(fd, interest: 0)
        _ = loop.scheduleLocal(at: loop.now &+ 100_000_000) { [weak self] in
            guard let self, !self.closed else { return }
            try? self.loop.updateInterest(self.fd, interest: Epoll.Flags.readable)
        }
    }

    func loopStopping() { close() }

    /// Stops accepting and closes the socket; connections still in its backlog are reset.
    func close() {
        guard !closed else { return }
        closed = true
        loop.deregister(fd)
        Syscall.close(fd)
    }
}
