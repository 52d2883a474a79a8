/// The I/O shell of one upstream TCP connection of `HTTPClient`: performs what its state machine
/// (`HTTPClientConnectionStateMachine`) asks.
///
/// Owns the socket's `Transport`, the epoll interest and the one lazily re-armed heap timer;
/// reports connect results, bytes, end of stream, failures and timer expiry to the machine, and
/// hands outcomes to the pool and the exchange's completion. Interest follows what the transport
/// waits for (a TLS read may wait for writable, a write for readable). Loop-confined.
final class HTTPClientConnection: EventLoopDescriptor, ConnectionTimerOwner {
    typealias Exchange = HTTPClientExchange
    typealias Timeout = HTTPClientConnectionStateMachine.Timeout

    let fd: Int32
    /// Plain TCP, or TLS for an `https` upstream; every read, write and close goes through it.
    private let transport: ConnectionTransport
    let key: HTTPClientPool.Key
    let loop: EventLoop
    private unowned let pool: HTTPClientPool
    private var machine: HTTPClientConnectionStateMachine
    /// The heap timer, never later than the machine's deadline; re-armed lazily when it fires early.
    private var timer = ConnectionTimer()
    private var interest: UInt32 = 0
    /// What unfinished reads and writes wait for (their own direction on plain TCP).
    private var waits = TransportWaits()
    /// True until the transport's handshake is done (plain TCP: right after connecting).
    private var handshaking = true
    private var processing = false
    private var socketClosed = false

    /// Opens a socket and starts connecting to `address` for `exchange`.
    /// With `tls`, the connection handshakes with that session before the request is sent.
    init(address: SocketAddress, key: HTTPClientPool.Key, loop: EventLoop, pool: HTTPClientPool, limits: HTTPLimits,
         tls: TLSSession? = nil, exchange: Exchange) throws(SyscallError) {
        let fd = try Syscall.tcpSocket(family: address.family)
        self.fd = fd
        if let tls {
            transport = .tls(TLSTransport(fd: fd, session: tls))
        } else {
            transport = .plain(PlainTransport(fd: fd))
        }
        self.key = key
        self.loop = loop
        self.pool = pool
        let configuration = HTTPClientConnectionStateMachine.Configuration(limits: limits, bodyBudget: pool.configuration.bodyBudget)
        do throws(SyscallError) {
            try Syscall.setNoDelay(fd)
            let connected = try Syscall.connect(fd, to: address)
            machine = HTTPClientConnectionStateMachine(
                configuration: configuration, exchange: exchange, connectedAtOnce: connected, now: Syscall.monotonicNanos())
            interest = Epoll.Flags.writable
            try loop.register(fd, interest: interest, handler: self)
            if connected {
                // The write waits for the end of this loop iteration, so the requests produced by one
                // `epoll_wait` batch reach the upstream back to back: it wakes once for the batch instead
                // of once per request (through one node, echo's context switches fell 3x; docs/performance.md).
                loop.executeLocal { [self] in connectFinished() }
            }
        } catch {
            loop.deregister(fd)
            Syscall.close(fd)  // before the transport takes over: nothing but the socket exists yet
            throw error
        }
        pool.counters.opened.wrappingAdd(1, ordering: .relaxed)
        pool.counters.open.wrappingAdd(1, ordering: .relaxed)
        process()
    }

    var isIdle: Bool { machine.isIdle }

    // MARK: - Calls from the pool

    /// Sends `exchange` on this idle connection.
    func send(_ exchange: Exchange) {
        machine.send(exchange, now: Syscall.monotonicNanos())
        process()
    }

    /// Sets the connection's one timeout to `nanoseconds` from now (the pool's idle timeout).
    ///
    /// Like the server's connections, the heap timer moves lazily: when one is already scheduled
    /// no later than the new deadline nothing is touched, and when it fires early it re-arms for
    /// the deadline in force. A keep-alive exchange (response timeout, then the pool's idle
    /// timeout, then the next response timeout) therefore costs no heap insert or cancel at all;
    /// one per-request insert and cancel of a closure was about 5 % of a proxying node's user time.
    func arm(_ kind: Timeout, after nanoseconds: UInt64) {
        precondition(kind == .idle, "only the pool's idle timeout is armed from outside")
        machine.pooled(idleTimeout: nanoseconds, now: Syscall.monotonicNanos())
        process()
    }

    /// Closes the socket; the current exchange, if any, is dropped (callers complete it first).
    func close() {
        machine.close()
        closeSocket()
    }

    // MARK: - Events from the loop

    func descriptorReady(_ flags: UInt32) {
        if machine.isClosed { return }
        if machine.isConnecting {
            connectFinished()
        } else if machine.isIdle {
            // Bytes or EOF on an idle connection: the upstream closed it or misbehaves.
            pool.remove(self)
            machine.readableWhileIdle()
        } else {
            if waits.writeReady(flags) {
                flush()
                if machine.isActive, machine.outbound.isEmpty { watch(write: false) }
            }
            if waits.readReady(flags) || flags & (Epoll.Flags.hangup | Epoll.Flags.error) != 0 { readAvailable() }
        }
        process()
    }

    func loopStopping() {
        machine.loopStopping()
        process()
    }

    private func connectFinished() {
        guard machine.isConnecting else { return }
        let code: Int32
        do {
            code = try Syscall.socketError(fd)
        } catch {
            machine.connected(error: HTTPClientError(error), now: Syscall.monotonicNanos())
            return process()
        }
        guard code == 0 else {
            machine.connected(error: HTTPClientError(SyscallError(function: "connect", code: code)), now: Syscall.monotonicNanos())
            return process()
        }
        if handshaking {
            do {
                switch try transport.handshake() {
                case .bytes: handshaking = false
                case .wouldBlock(let wait):
                    setInterest(wait.epollFlag)
                    return
                }
            } catch {
                machine.connected(error: HTTPClientError(error, tls: transport.tlsFailure), now: Syscall.monotonicNanos())
                return process()
            }
        }
        machine.connected(error: nil, now: Syscall.monotonicNanos())
        process()
    }

    private func readAvailable() {
        while machine.isActive {
            let result: TransportResult
            do {
                result = try loop.readBuffer.read(from: transport) { bytes in machine.received(bytes, now: loop.now) }
            } catch {
                machine.ioFailed(HTTPClientError(error, tls: transport.tlsFailure))
                return
            }
            waits.noteRead(result)
            guard case .bytes(let count) = result else { return }
            if count == 0 {
                machine.peerClosed(now: loop.now)
                return
            }
            if count < loop.readBuffer.capacity { return }
        }
    }

    private func flush() {
        do {
            try machine.outbound.drain(to: transport, noting: &waits)
        } catch {
            machine.ioFailed(HTTPClientError(error, tls: transport.tlsFailure))
        }
    }

    // MARK: - Performing actions

    /// Performs the machine's actions. Re-entrant calls (a completion that sends its next request
    /// on this connection) return at once; the outer call picks their actions up.
    private func process() {
        guard !processing else { return }
        processing = true
        defer { processing = false }
        while let action = machine.nextAction() { perform(action) }
    }

    private func perform(_ action: HTTPClientConnectionStateMachine.Action) {
        switch action {
        case .send:
            // The write waits for the end of this loop iteration (see `init`).
            loop.executeLocal { [self] in
                guard machine.isActive else { return }
                flush()
                if machine.isActive { watch(write: !machine.outbound.isEmpty) }
                process()
            }
        case .setTimer(let at):
            timer.arm(at: at, on: loop, for: self)
        case .succeed(let exchange, let response, let reusable):
            if reusable {
                watch(write: false)
                if machine.isIdle { pool.release(self) }
            } else {
                closeSocket()
            }
            exchange.completion(.success(response))
        case .fail(let exchange, let error, let retry):
            closeSocket()
            guard let exchange else { return }
            if retry {
                pool.connectAndSend(exchange)
            } else {
                exchange.completion(.failure(error))
            }
        case .close:
            closeSocket()
        }
    }

    // MARK: - Interest, timer, closing

    /// Watches for the response (and for write room while `write`), in the directions the
    /// transport waits for.
    private func watch(write: Bool) {
        setInterest(waits.interest(reading: true, writing: write))
    }

    private func setInterest(_ flags: UInt32) {
        guard flags != interest, !socketClosed else { return }
        do {
            try loop.updateInterest(fd, interest: flags)
            interest = flags
        } catch {
            machine.watchFailed(HTTPClientError(error))
        }
    }

    func connectionTimerFired() {
        timer.fired()
        machine.timerFired(now: Syscall.monotonicNanos())
        process()
    }

    private func closeSocket() {
        guard !socketClosed else { return }
        socketClosed = true
        timer.cancel(on: loop)
        loop.deregister(fd)
        transport.close()
        pool.remove(self)
        pool.counters.open.wrappingSubtract(1, ordering: .relaxed)
    }
}
