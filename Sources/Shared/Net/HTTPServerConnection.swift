/// The I/O shell of one accepted connection: performs what its state machine asks.
///
/// Owns the socket and an `HTTPServerConnectionStateMachine`. On readiness it reads into the
/// loop's shared buffer, feeds the machine, and performs the resulting actions: call the handler,
/// write `outbound` (one `write`/`writev` per batch), toggle read/write interest, arm the one
/// lazily re-armed timer, half-close, close. Loop-confined; never crosses threads except inside
/// a `LoopBound` held by its responders.
final class HTTPServerConnection: EventLoopDescriptor {
    let fd: Int32
    let loop: EventLoop
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
    private var scheduledTimer: (id: UInt64, deadline: UInt64)?
    private var reportedPeak = 0

    init(fd: Int32, peer: SocketAddress?, localPort: Int, loop: EventLoop, owner: HTTPServerLoop,
         configuration: HTTPServerConnectionStateMachine.Configuration) {
        self.fd = fd
        self.loop = loop
        self.owner = owner
        machine = HTTPServerConnectionStateMachine(configuration: configuration, now: loop.now)
        context = HTTPRequestContext(
            remoteAddress: peer?.host ?? "", remotePort: peer?.port ?? 0, localPort: localPort,
            eventLoop: loop, receivedAtNanos: loop.now)
    }

    /// Registers with the loop and performs the machine's initial actions (arming the idle timer).
    func start() throws(SyscallError) {
        registeredInterest = Epoll.Flags.readable
        try loop.register(fd, interest: registeredInterest, handler: self)
        process()
    }

    // MARK: - Events from the loop

    func descriptorReady(_ flags: UInt32) {
        if flags & (Epoll.Flags.error | Epoll.Flags.hangup) != 0, flags & Epoll.Flags.readable == 0 {
            abort()
            return
        }
        if flags & Epoll.Flags.writable != 0 { needsFlush = true }
        if flags & Epoll.Flags.readable != 0 {
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
            let count: Int?
            do {
                count = try buffer.read(from: fd) { bytes in machine.received(bytes, now: loop.now) }
            } catch {
                abort()
                return
            }
            guard let count else { break }
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
            Syscall.shutdownWrite(fd)
        case .close:
            close()
        }
    }

    private func writeOutbound() {
        do {
            while !machine.outbound.isEmpty {
                guard try machine.outbound.write(to: fd) != nil else { break }
            }
        } catch {
            abort()
            return
        }
        wantWrite = !machine.outbound.isEmpty
        machine.wrote(now: loop.now)
    }

    private func updateInterest() {
        var interest: UInt32 = 0
        if wantRead { interest |= Epoll.Flags.readable }
        if wantWrite { interest |= Epoll.Flags.writable }
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
        if let scheduled = scheduledTimer {
            if scheduled.deadline <= desired { return }
            loop.cancelTimer(id: scheduled.id)
        }
        // A strong capture: the heap entry is cancelled on close, and a weak reference would give
        // every connection a side table (slower retain/release on the hot path).
        let id = loop.scheduleLocal(at: desired) { [self] in timerExpired() }
        scheduledTimer = (id, desired)
    }

    private func timerExpired() {
        scheduledTimer = nil
        guard !closed, let desired = desiredDeadline else { return }
        let now = Syscall.monotonicNanos()
        if desired > now {
            armTimer()
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

    private func close() {
        guard !closed else { return }
        closed = true
        machine.releaseBodyMemory()
        if let scheduled = scheduledTimer { loop.cancelTimer(id: scheduled.id) }
        scheduledTimer = nil
        loop.deregister(fd)
        Syscall.close(fd)
        owner.connectionClosed(self)
    }
}
