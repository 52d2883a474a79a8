/// The I/O shell of one served WebSocket connection: it takes over an upgraded connection
/// (`HTTPUpgradedConnection`) on its loop, registers the descriptor, and performs the actions of
/// its `WebSocketSession` (writes through a bounded `OutboundQueue`, read pauses, one loop timer,
/// the close). Messages go to the `delegate`. Loop-confined; not `Sendable` (reach it from other
/// threads through `LoopBound` and `loop.execute`).
package final class WebSocketServerConnection: EventLoopDescriptor {
    package let loop: EventLoop
    private let transport: any Transport
    private let fd: Int32
    private var session: WebSocketSession
    private var outbound: OutboundQueue
    private var waits = TransportWaits()
    private var registeredInterest: UInt32 = 0
    private var wantRead = true
    private var closing = false
    private var closed = false
    private var timerId: UInt64?
    private var timerDeadline: UInt64?
    package weak var delegate: (any WebSocketConnectionDelegate)?

    /// Takes over `upgraded` (its unsent `101` is written first, its buffered bytes read first).
    /// Call `start()` next, on the loop.
    package init(upgraded: HTTPUpgradedConnection, configuration: WebSocketSessionConfiguration = .aws) {
        loop = upgraded.loop
        transport = upgraded.transport
        fd = upgraded.transport.fd
        outbound = upgraded.unsent
        session = WebSocketSession(configuration: configuration, now: upgraded.loop.now)
        pendingInput = upgraded.buffered
    }

    private var pendingInput: [UInt8]

    /// Monotonic nanoseconds of the upgrade and of the last frame from the client.
    package var connectedAt: UInt64 { session.connectedAt }
    package var lastActiveAt: UInt64 { session.lastActiveAt }
    package var isOpen: Bool { !closed && session.isOpen }

    /// Registers with the loop and processes what the client sent past its request. Loop thread.
    package func start() {
        do {
            try loop.register(fd, interest: waits.interest(reading: true, writing: !outbound.isEmpty), handler: self)
            registeredInterest = waits.interest(reading: true, writing: !outbound.isEmpty)
        } catch {
            finish()
            return
        }
        perform(session.start(now: loop.now))
        let input = pendingInput
        pendingInput = []
        if !input.isEmpty { perform(session.received(input, now: loop.now)) }
        // A TLS transport may already hold records read with the handshake: epoll will not say so.
        readAvailable()
        flush()
    }

    /// Sends one message to the client. Loop thread.
    package func send(_ payload: [UInt8], binary: Bool = false) -> WebSocketSession.SendResult {
        guard !closed else { return .closed }
        let (result, actions) = session.send(payload, binary: binary, now: loop.now)
        perform(actions)
        flush()
        return result
    }

    /// Closes with `frame` (the peer's close is awaited for the session's close timeout). Loop thread.
    package func close(_ frame: WebSocketCloseFrame) {
        guard !closed else { return }
        perform(session.close(frame, now: loop.now))
        flush()
    }

    /// Closes the transport now, without waiting any longer for the peer's close (the drain's
    /// last step for peers that do not answer); the delegate hears of it as of any close. Loop thread.
    package func abort() {
        finish()
    }

    // MARK: - Events

    func descriptorReady(_ flags: UInt32) {
        if flags & (Epoll.Flags.error | Epoll.Flags.hangup) != 0, flags & Epoll.Flags.readable == 0 {
            finish()
            return
        }
        if waits.readReady(flags), wantRead { readAvailable() }
        flush()
    }

    func loopStopping() { finish() }

    private func readAvailable() {
        let buffer = loop.readBuffer
        var rounds = 0
        while rounds < 4, !closed, wantRead {
            rounds += 1
            let result: TransportResult
            var actions: [WebSocketSession.Action] = []
            do {
                result = try buffer.read(from: transport) { bytes in actions = session.received(bytes, now: loop.now) }
            } catch {
                finish()
                return
            }
            waits.noteRead(result)
            perform(actions)
            guard case .bytes(let count) = result else { break }
            if count == 0 {
                finish()
                return
            }
        }
    }

    private func perform(_ actions: [WebSocketSession.Action]) {
        for action in actions {
            guard !closed else { return }
            switch action {
            case .write(let bytes): outbound.append(bytes)
            case .deliver(let message): delegate?.webSocketReceived(message, on: self)
            case .setReading(let on): wantRead = on
            case .setTimer(let deadline): arm(deadline)
            case .closeTransport: closing = true
            }
        }
    }

    /// Writes what is queued, then closes if asked, else updates the epoll interest.
    private func flush() {
        guard !closed else { return }
        if !outbound.isEmpty {
            do {
                try outbound.drain(to: transport, noting: &waits)
            } catch {
                finish()
                return
            }
            perform(session.wrote(unsent: outbound.count))
        }
        if closing, outbound.isEmpty {
            finish()
            return
        }
        let interest = waits.interest(reading: wantRead && !closing, writing: !outbound.isEmpty)
        guard interest != registeredInterest else { return }
        do {
            try loop.updateInterest(fd, interest: interest)
            registeredInterest = interest
        } catch {
            finish()
        }
    }

    /// Keeps one loop timer no later than `deadline`: a timer already due earlier stays (the
    /// session re-checks its deadlines when it fires), so a busy connection moving its idle
    /// deadline costs nothing per message.
    private func arm(_ deadline: UInt64) {
        if let armed = timerDeadline, armed <= deadline { return }
        if let timerId { loop.cancelTimer(id: timerId) }
        timerDeadline = deadline
        timerId = loop.scheduleLocal(at: deadline) { [weak self] in self?.timerFired() }
    }

    private func timerFired() {
        timerId = nil
        timerDeadline = nil
        guard !closed else { return }
        perform(session.timerFired(now: Syscall.monotonicNanos()))
        flush()
    }

    /// Closes the transport once and tells the delegate.
    private func finish() {
        guard !closed else { return }
        closed = true
        if let timerId { loop.cancelTimer(id: timerId) }
        timerId = nil
        loop.deregister(fd)
        transport.close()
        session.transportClosed()
        outbound.removeAll()
        let frame = session.closeFrame ?? WebSocketCloseFrame(code: WebSocketCloseCode(rawValue: 1006))
        delegate?.webSocketClosed(self, frame: frame)
        delegate = nil
    }
}
