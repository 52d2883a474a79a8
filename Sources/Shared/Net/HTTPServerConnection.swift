/// The I/O shell of one accepted connection: performs what its state machine asks.
///
/// Owns the socket's `Transport` and an `HTTPServerConnectionStateMachine`. On readiness it
/// drives the transport's handshake, then reads into the loop's shared buffer, feeds the machine, and performs the resulting actions: call the handler,
/// write `outbound` (one `write`/`writev` per batch), toggle read/write interest, arm the one
/// lazily re-armed timer, half-close, close. Every read, write and close goes through the
/// transport; epoll interest follows what the transport waits for (a TLS read may wait for the
/// socket to become writable and a write for it to become readable). Loop-confined; never crosses threads except inside
/// a `LoopBound` held by its responders.
final class HTTPServerConnection: EventLoopDescriptor, ConnectionTimerOwner {
    let fd: Int32
    let loop: EventLoop
    /// Plain TCP, or TLS on a `--tls-listen` listener (chosen by `HTTPServerLoop.accept`).
    private let transport: ConnectionTransport
    /// What unfinished reads, writes and closes wait for (their own direction on plain TCP).
    private var waits = TransportWaits()
    /// True until the transport's handshake is done; no HTTP byte moves before.
    private var handshaking = true
    private unowned let owner: HTTPServerLoop
    private var machine: HTTPServerConnectionStateMachine
    private var context: HTTPRequestContext
    private var wantRead = true
    private var wantWrite = false
    private var registeredInterest: UInt32 = 0
    private var needsFlush = false
    private var processing = false
    private(set) var closed = false
    /// The deadline the machine wants; the heap timer may be earlier and is re-armed lazily.
    private var desiredDeadline: UInt64?
    private var timer = ConnectionTimer()
    private var reportedPeak = 0

    init(fd: Int32, transport: ConnectionTransport, peer: SocketAddress?, localPort: Int, loop: EventLoop,
         owner: HTTPServerLoop, configuration: HTTPServerConnectionStateMachine.Configuration) {
        self.fd = fd
        self.transport = transport
        self.loop = loop
        self.owner = owner
        machine = HTTPServerConnectionStateMachine(configuration: configuration, now: loop.now)
        context = HTTPRequestContext(
            remoteAddress: peer?.host ?? "", remotePort: peer?.port ?? 0, localPort: localPort,
            isTLS: transport.isTLS, eventLoop: loop, receivedAtNanos: loop.now)
    }

    /// Registers with the loop and performs the machine's initial actions (arming the idle timer).
    func start() throws(SyscallError) {
        registeredInterest = Epoll.Flags.readable
        try loop.register(fd, interest: registeredInterest, handler: self)
        advanceHandshake()
        if handshaking || closed || !transport.mayHoldInput {
            process()
        } else {
            // A fast TLS client's Finished and first request can arrive with its handshake
            // flight: they sit in the transport, where epoll never sees them, so read them now.
            readAvailable()
        }
        if handshaking, !closed {
            // TLS: the handshake has its own deadline, earlier than the machine's idle one.
            desiredDeadline = loop.now &+ owner.tlsHandshakeTimeoutNanos
            armTimer()
        }
    }

    /// Runs one handshake step; while it waits, interest is what the transport asked for.
    private func advanceHandshake() {
        let result: TransportResult
        do {
            result = try transport.handshake()
        } catch {
            owner.counters.failedHandshakes.wrappingAdd(1, ordering: .relaxed)
            abort()
            return
        }
        switch result {
        case .bytes:
            handshaking = false
            // Mutual TLS: the verified certificate's fields, read once for every request on it.
            context.clientCertificate = transport.verifiedClientCertificate
            // Back to the machine's own deadline (the handshake's, if any, no longer applies).
            desiredDeadline = machine.currentDeadline()
            armTimer()
        case .wouldBlock(let wait):
            do {
                try loop.updateInterest(fd, interest: wait.epollFlag)
                registeredInterest = wait.epollFlag
            } catch {
                abort()
            }
        }
    }

    // MARK: - Events from the loop

    func descriptorReady(_ flags: UInt32) {
        if flags & (Epoll.Flags.error | Epoll.Flags.hangup) != 0, flags & Epoll.Flags.readable == 0 {
            abort()
            return
        }
        if handshaking {
            advanceHandshake()
            if handshaking || closed { return }
            if transport.mayHoldInput {
                // Records read with the handshake's last message (often the first request) are
                // in the transport, not the socket: epoll will not report them, so read now.
                readAvailable()
                return
            }
        }
        if waits.shutdownReady(flags) { shutdownWrite() }
        if waits.writeReady(flags) { needsFlush = true }
        if waits.readReady(flags) {
            readAvailable()
        } else {
            process()
        }
    }

    func loopStopping() { abort() }

    private func readAvailable() {
        let buffer = loop.readBuffer
        var rounds = 0
        while rounds < 4, !closed {
            rounds += 1
            let result: TransportResult
            do {
                result = try buffer.read(from: transport) { bytes in machine.received(bytes, now: loop.now) }
            } catch {
                abort()
                return
            }
            waits.noteRead(result)
            guard case .bytes(let count) = result else { break }
            if count == 0 {
                machine.peerClosed(now: loop.now)
                wantRead = false
                break
            }
            // Perform what these bytes produced before reading more (pipelining depth, backpressure).
            process()
            if count < buffer.capacity || !wantRead { return }
        }
        process()
    }

    /// A response arrived (on the loop) from the handler via `HTTPResponder`.
    func responseReady(_ response: HTTPResponse, sequence: UInt64) {
        guard !closed else { return }
        machine.responseReady(response, sequence: sequence, now: loop.now)
        process()
    }

    /// Graceful shutdown: finish in-flight requests, then close.
    func shutdownRequested() {
        guard !closed else { return }
        machine.shutdownRequested(now: loop.now)
        process()
    }

    // MARK: - Performing actions

    /// Drains the machine's actions and writes queued output. Re-entrant calls (a handler that
    /// responds synchronously) return at once; the outer call picks their actions up.
    private func process() {
        guard !processing, !closed else { return }
        processing = true
        defer { processing = false }
        while !closed {
            while let action = machine.nextAction() {
                perform(action)
                if closed { return }
            }
            guard needsFlush else { break }
            needsFlush = false
            writeOutbound()
        }
        guard !closed else { return }
        updateInterest()
        let peak = machine.peakOutboundBytes
        if peak > reportedPeak {
            reportedPeak = peak
            owner.counters.notePeakOutbound(peak)
        }
    }

    private func perform(_ action: HTTPServerConnectionStateMachine.Action) {
        switch action {
        case .deliver(let request, let sequence):
            context.receivedAtNanos = loop.now
            let responder = HTTPResponder(connection: LoopBound(self, loop: loop), sequence: sequence)
            owner.handler.handle(request, context: context, responder: responder)
        case .flush:
            needsFlush = true
        case .setReading(let on):
            wantRead = on
        case .setTimer(let deadline):
            desiredDeadline = deadline
            armTimer()
        case .cancelTimer:
            desiredDeadline = nil
        case .shutdownWrite:
            shutdownWrite()
        case .close:
            close()
        case .upgrade(let buffered):
            handOver(buffered: buffered)
        }
    }

    private func writeOutbound() {
        guard !handshaking else { return }
        do {
            try machine.outbound.drain(to: transport, noting: &waits)
        } catch {
            abort()
            return
        }
        wantWrite = !machine.outbound.isEmpty
        machine.wrote(now: loop.now)
    }

    /// Starts or continues the transport's graceful close of the sending side.
    private func shutdownWrite() {
        do {
            waits.noteShutdown(try transport.shutdownWrite())
        } catch {
            abort()
        }
    }

    private func updateInterest() {
        guard !handshaking else { return }
        let interest = waits.interest(reading: wantRead, writing: wantWrite)
        guard interest != registeredInterest else { return }
        do {
            try loop.updateInterest(fd, interest: interest)
            registeredInterest = interest
        } catch {
            abort()
        }
    }

    // MARK: - Timer

    /// Keeps one heap timer no later than `desiredDeadline`; moving a deadline later costs nothing.
    private func armTimer() {
        guard let desired = desiredDeadline else { return }
        timer.arm(at: desired, on: loop, for: self)
    }

    func connectionTimerFired() {
        timer.fired()
        guard !closed, let desired = desiredDeadline else { return }
        let now = Syscall.monotonicNanos()
        if desired > now {
            armTimer()
            return
        }
        if handshaking {
            // A TLS handshake that did not finish in `tlsHandshakeTimeout`.
            owner.counters.timedOutHandshakes.wrappingAdd(1, ordering: .relaxed)
            abort()
            return
        }
        machine.timerFired(now: now)
        process()
        if !closed { armTimer() }
    }

    // MARK: - Closing

    /// Closes at once, dropping anything unsent (errors, resets, grace period over).
    func abort() {
        guard !closed else { return }
        close()
    }

    /// Leaves the connection to the handler's new protocol: out of epoll, timers and the server's
    /// table, with the transport, unsent output and bytes read past the request.
    private func handOver(buffered: [UInt8]) {
        guard !closed else { return }
        closed = true
        timer.cancel(on: loop)
        loop.deregister(fd)
        owner.connectionClosed(self)
        let upgraded = HTTPUpgradedConnection(loop: loop, transport: transport, unsent: machine.outbound, buffered: buffered,
                                              context: context)
        machine.outbound.removeAll()
        owner.handler.upgraded(upgraded)
    }

    private func close() {
        guard !closed else { return }
        closed = true
        machine.releaseBodyMemory()
        timer.cancel(on: loop)
        loop.deregister(fd)
        transport.close()
        owner.connectionClosed(self)
    }
}
