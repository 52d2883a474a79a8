/// One served WebSocket connection as a state machine (convention 4): bytes read, messages to
/// send, writes done and timer wake-ups go in; frames to write, messages to deliver, read
/// pauses, timer deadlines and the transport's close come out. Pure; the clock is injected as
/// monotonic nanoseconds (`now:`). Not thread-safe: owned by one connection on its loop.
///
/// Around the codec (`WebSocketFrameDecoder`, `WebSocketMessageAssembler`,
/// `WebSocketCloseHandshake`) it adds what a served connection needs:
/// - **ping → pong** with the ping's payload; pongs need nothing;
/// - **idle timeout** (API Gateway: 10 minutes): any frame from the client is activity; when none
///   came for `idleTimeout`, the session closes with 1001 "Going away";
/// - **maximum lifetime** (API Gateway: 2 hours) from the upgrade, then the same close;
/// - **write backpressure**: every byte it asks to write is counted until the shell reports it
///   written (`wrote(unsent:)`); above `maxOutboundBytes` a message from the gateway is refused
///   (`.overloaded`) and reading pauses, so a client that never reads cannot grow the node's
///   memory; reading resumes once the queue is down to half;
/// - **close** by the gateway (`close(_:now:)`: a drain, DeleteConnection) with the peer's close
///   awaited for `closeTimeout`; `closeFrame` records how the connection ended (`$disconnect`).
package struct WebSocketSession {
    package enum Action: Sendable, Equatable {
        /// Queue these frame bytes for the client, after everything queued before.
        case write([UInt8])
        /// A text or binary message from the client, for route selection.
        case deliver(WebSocketMessage)
        /// Start or stop reading from the transport (backpressure).
        case setReading(Bool)
        /// Call `timerFired(now:)` at this monotonic time; replaces any earlier deadline.
        case setTimer(UInt64)
        /// Write what is queued, then close the transport.
        case closeTransport
    }

    /// Whether a message from the gateway was queued.
    package enum SendResult: Sendable, Equatable {
        case queued
        /// Over `maxOutboundBytes`: the client is not reading fast enough.
        case overloaded
        /// The connection is closing or closed.
        case closed
    }

    package let configuration: WebSocketSessionConfiguration
    /// When the upgrade happened, and the last frame from the client.
    package let connectedAt: UInt64
    package private(set) var lastActiveAt: UInt64
    /// Bytes asked to be written and not reported written yet.
    package private(set) var unsentBytes = 0
    /// How the connection ended or is ending: the close received, or the one sent (1006 when the
    /// transport went without either).
    package private(set) var closeFrame: WebSocketCloseFrame?
    private var decoder: WebSocketFrameDecoder
    private var assembler: WebSocketMessageAssembler
    private var handshake: WebSocketCloseHandshake
    private var reading = true
    private var armed: UInt64?

    package init(configuration: WebSocketSessionConfiguration = .aws, now: UInt64) {
        self.configuration = configuration
        connectedAt = now
        lastActiveAt = now
        decoder = WebSocketFrameDecoder(role: .server, limits: configuration.limits)
        assembler = WebSocketMessageAssembler(limits: configuration.limits)
        handshake = WebSocketCloseHandshake(closeTimeout: configuration.closeTimeout)
    }

    package var isOpen: Bool { handshake.state == .open }
    package var isClosed: Bool { handshake.state == .closed }

    /// The first actions: the timer for the idle and lifetime deadlines.
    package mutating func start(now: UInt64) -> [Action] {
        var actions: [Action] = []
        rearm(&actions)
        return actions
    }

    /// Bytes read from the client (the upgrade's buffered bytes first).
    package mutating func received(_ bytes: some Sequence<UInt8>, now: UInt64) -> [Action] {
        guard !isClosed else { return [] }
        decoder.append(bytes)
        var actions: [Action] = []
        while !isClosed {
            var delivered: WebSocketMessage?
            do {
                guard let next = try decoder.next() else { break }
                if case .head = next { lastActiveAt = now }
                delivered = try assembler.handle(next)
            } catch {
                if closeFrame == nil { closeFrame = WebSocketCloseFrame(code: error.closeCode) }
                perform(handshake.failed(error, now: now), into: &actions)
                break
            }
            if let message = delivered {
                if case .close(let frame) = message, closeFrame == nil { closeFrame = frame }
                perform(handshake.received(message, now: now), into: &actions)
            }
        }
        rearm(&actions)
        updateReading(&actions)
        return actions
    }

    /// A message from the gateway (a route's answer, `@connections` POST) as one text or binary frame.
    package mutating func send(_ payload: [UInt8], binary: Bool = false, now: UInt64) -> (SendResult, [Action]) {
        guard handshake.maySendData else { return (.closed, []) }
        guard unsentBytes <= configuration.maxOutboundBytes else { return (.overloaded, []) }
        var frame: [UInt8] = []
        WebSocketFrameEncoder.encode(opcode: binary ? .binary : .text, payload: payload, into: &frame)
        var actions: [Action] = []
        queue(frame, into: &actions)
        updateReading(&actions)
        return (.queued, actions)
    }

    /// The gateway closes the connection (1001 on a drain or at a timeout, 1000 for DeleteConnection).
    package mutating func close(_ frame: WebSocketCloseFrame, now: UInt64) -> [Action] {
        guard handshake.state == .open else { return [] }
        if closeFrame == nil { closeFrame = frame }
        var actions: [Action] = []
        perform(handshake.close(frame, now: now), into: &actions)
        return actions
    }

    /// The shell wrote some of what was queued: `unsent` bytes are still waiting.
    package mutating func wrote(unsent: Int) -> [Action] {
        unsentBytes = unsent
        var actions: [Action] = []
        updateReading(&actions)
        return actions
    }

    /// The timer fired (or any earlier wake-up: deadlines are checked).
    package mutating func timerFired(now: UInt64) -> [Action] {
        armed = nil
        var actions: [Action] = []
        if handshake.state == .open, now >= idleDeadline || now >= lifetimeDeadline {
            let frame = WebSocketCloseFrame(code: .goingAway, reason: "Going away")
            closeFrame = closeFrame ?? frame
            perform(handshake.close(frame, now: now), into: &actions)
        } else {
            perform(handshake.timerFired(now: now), into: &actions)
        }
        rearm(&actions)
        return actions
    }

    /// The transport is gone (peer reset, end of stream, or our close done).
    package mutating func transportClosed() {
        if closeFrame == nil { closeFrame = WebSocketCloseFrame(code: WebSocketCloseCode(rawValue: 1006)) }
        handshake.transportClosed()
    }

    // MARK: - Parts

    private var idleDeadline: UInt64 { lastActiveAt &+ configuration.idleTimeout }
    private var lifetimeDeadline: UInt64 { connectedAt &+ configuration.maxLifetime }

    private mutating func perform(_ handshakeActions: [WebSocketCloseHandshake.Action], into actions: inout [Action]) {
        for action in handshakeActions {
            switch action {
            case .deliver(let message): actions.append(.deliver(message))
            case .sendPong(let payload):
                var frame: [UInt8] = []
                WebSocketFrameEncoder.encode(opcode: .pong, payload: payload, into: &frame)
                queue(frame, into: &actions)
            case .sendClose(let frame):
                var bytes: [UInt8] = []
                WebSocketFrameEncoder.encodeClose(frame, into: &bytes)
                queue(bytes, into: &actions)
            case .setTimer(let deadline):
                armed = deadline
                actions.append(.setTimer(deadline))
            case .closeTransport:
                armed = nil
                actions.append(.closeTransport)
            }
        }
    }

    private mutating func queue(_ bytes: [UInt8], into actions: inout [Action]) {
        unsentBytes += bytes.count
        actions.append(.write(bytes))
    }

    /// While open, one timer at the earlier of the idle and lifetime deadlines.
    private mutating func rearm(_ actions: inout [Action]) {
        guard handshake.state == .open else { return }
        let deadline = min(idleDeadline, lifetimeDeadline)
        guard armed != deadline else { return }
        armed = deadline
        actions.append(.setTimer(deadline))
    }

    private mutating func updateReading(_ actions: inout [Action]) {
        let wanted = reading ? unsentBytes <= configuration.maxOutboundBytes : unsentBytes <= configuration.maxOutboundBytes / 2
        guard wanted != reading, !isClosed else { return }
        reading = wanted
        actions.append(.setReading(wanted))
    }
}
