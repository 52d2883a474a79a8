/// The closing handshake of one connection (RFC 6455 §5.5.1, §7): messages and events in,
/// actions out. Pure; the clock is injected as monotonic nanoseconds (`now:`).
///
/// States and what each allows:
/// - `open`: every message is accepted; data, pings and a close may be sent. A ping is answered
///   with a pong carrying the same payload. A received close is answered with a close echoing
///   its code (1000 when it carried none) and the transport is closed: the server closes the TCP
///   connection first (§7.1.1).
/// - `closeSent`: we started closing (`close(_:now:)`); nothing more may be sent (§5.5.1 "MUST NOT
///   send any more data frames"), data and pings received are dropped, the peer's close ends the
///   handshake. If it does not come by `closeTimeout`, the transport is closed anyway.
/// - `closeReceived`: the peer closed and our answer is queued; nothing is accepted or sent.
/// - `closed`: the transport is gone.
/// A protocol error (`failed`) sends a close with the error's code and closes the transport at
/// once ("Fail the WebSocket Connection", §7.1.7): a peer that breaks the protocol is not waited for.
///
/// Not thread-safe: a value owned by one connection on one event loop.
package struct WebSocketCloseHandshake {
    package enum State: Sendable, Equatable {
        case open
        /// Our close is out; the peer's is awaited until `deadline` (monotonic nanoseconds).
        case closeSent(deadline: UInt64)
        case closeReceived
        case closed
    }

    package enum Action: Sendable, Equatable {
        /// Hand a text or binary message to the application.
        case deliver(WebSocketMessage)
        case sendPong([UInt8])
        case sendClose(WebSocketCloseFrame)
        /// Call `timerFired(now:)` at this monotonic time (nanoseconds).
        case setTimer(UInt64)
        /// Flush what was queued and close the TCP connection.
        case closeTransport
    }

    /// How long to wait for the peer's close after sending ours, in nanoseconds.
    package let closeTimeout: UInt64
    package private(set) var state = State.open

    package init(closeTimeout: UInt64 = 5_000_000_000) {
        self.closeTimeout = closeTimeout
    }

    /// Whether data frames and pings may be sent now (only while open).
    package var maySendData: Bool { state == .open }

    /// A message the assembler produced.
    package mutating func received(_ message: WebSocketMessage, now: UInt64) -> [Action] {
        switch state {
        case .open:
            switch message {
            case .text, .binary: return [.deliver(message)]
            case .ping(let payload): return [.sendPong(payload)]
            case .pong: return []
            case .close(let frame):
                state = .closeReceived
                return [.sendClose(WebSocketCloseFrame(code: frame.code ?? .normal)), .closeTransport]
            }
        case .closeSent:
            guard case .close = message else { return [] }
            state = .closed
            return [.closeTransport]
        case .closeReceived, .closed:
            return []
        }
    }

    /// The application (or a drain, with 1001) closes the connection.
    package mutating func close(_ frame: WebSocketCloseFrame, now: UInt64) -> [Action] {
        guard state == .open else { return [] }
        let deadline = now + closeTimeout
        state = .closeSent(deadline: deadline)
        return [.sendClose(frame), .setTimer(deadline)]
    }

    /// The decoder or assembler threw: fail the connection with the error's close code.
    package mutating func failed(_ error: WebSocketProtocolError, now: UInt64) -> [Action] {
        switch state {
        case .open, .closeReceived:
            let mayStillSend = state == .open
            state = .closed
            return mayStillSend ? [.sendClose(WebSocketCloseFrame(code: error.closeCode)), .closeTransport] : [.closeTransport]
        case .closeSent:
            state = .closed
            return [.closeTransport]
        case .closed:
            return []
        }
    }

    /// The timer set by `.setTimer` fired (or any earlier wake-up: it checks the deadline).
    package mutating func timerFired(now: UInt64) -> [Action] {
        guard case .closeSent(let deadline) = state else { return [] }
        guard now >= deadline else { return [.setTimer(deadline)] }
        state = .closed
        return [.closeTransport]
    }

    /// The shell closed the transport, or the peer did.
    package mutating func transportClosed() {
        state = .closed
    }
}
