/// Puts frames together into messages and enforces the rules across frames (RFC 6455 §5.4, §5.5,
/// §8.1). Pure and synchronous; fed the events of a `WebSocketFrameDecoder`.
///
/// - A text or binary frame without FIN starts a fragmented message; continuation frames extend
///   it and the one with FIN ends it. A continuation with nothing to continue, or a new text or
///   binary frame before the end, is a protocol error (1002).
/// - Control frames may arrive between fragments; they are returned at their own `.end` and do
///   not disturb the message being assembled.
/// - Text is validated incrementally, part by part, as the decoder hands payload out: an invalid
///   byte fails the connection (1007) when it arrives, even in the middle of a frame, and a
///   sequence still open at the final fragment's end fails it too.
/// - A message over `limits.maxMessageBytes` fails with 1009, decided at the head of the fragment
///   that would exceed it.
/// - Close payloads are checked by `WebSocketCloseFrame.parse`.
/// Memory: at most one message (≤ `maxMessageBytes`) plus one control payload (≤ 125 bytes).
/// After a throw the assembler stays failed.
///
/// Not thread-safe: a value owned by one connection on one event loop.
package struct WebSocketMessageAssembler {
    package let limits: WebSocketLimits

    /// The data message being assembled (nil between messages).
    private var messageOpcode: WebSocketOpcode?
    private var message: [UInt8] = []
    private var utf8 = WebSocketUTF8Validator()
    /// The frame in progress: its head, and for a control frame its payload so far.
    private var frame: WebSocketFrameHead?
    private var control: [UInt8] = []
    private var failure: WebSocketProtocolError?

    package init(limits: WebSocketLimits = .aws) {
        self.limits = limits
    }

    /// Payload bytes held: the unfinished message and control frame.
    package var bufferedByteCount: Int { message.count + control.count }

    /// Handles one decoder event; returns a message when one is complete.
    package mutating func handle(_ event: WebSocketFrameDecoder.Event) throws(WebSocketProtocolError) -> WebSocketMessage? {
        if let failure { throw failure }
        do {
            return try step(event)
        } catch {
            failure = error
            message = []
            control = []
            throw error
        }
    }

    private mutating func step(_ event: WebSocketFrameDecoder.Event) throws(WebSocketProtocolError) -> WebSocketMessage? {
        switch event {
        case .head(let head):
            precondition(frame == nil, "a frame head before the previous frame's end")
            try begin(head)
            frame = head
            return nil
        case .payload(let part):
            guard let frame else { preconditionFailure("payload outside a frame") }
            if frame.opcode.isControl {
                control += part
            } else {
                if messageOpcode == .text && !utf8.validate(part) { throw .invalidUTF8 }
                message += part
            }
            return nil
        case .end:
            guard let head = frame else { preconditionFailure("frame end outside a frame") }
            frame = nil
            if head.opcode.isControl { return try finishControl(head.opcode) }
            guard head.fin else { return nil }
            return try finishMessage()
        }
    }

    private mutating func begin(_ head: WebSocketFrameHead) throws(WebSocketProtocolError) {
        switch head.opcode {
        case .close, .ping, .pong:
            control.removeAll(keepingCapacity: true)
        case .text, .binary:
            guard messageOpcode == nil else { throw .expectedContinuation }
            guard head.length <= limits.maxMessageBytes else { throw .messageTooBig }
            messageOpcode = head.opcode
            utf8 = WebSocketUTF8Validator()
        case .continuation:
            guard messageOpcode != nil else { throw .unexpectedContinuation }
            guard head.length <= limits.maxMessageBytes - message.count else { throw .messageTooBig }
        }
    }

    private mutating func finishControl(_ opcode: WebSocketOpcode) throws(WebSocketProtocolError) -> WebSocketMessage {
        let payload = control
        control.removeAll(keepingCapacity: true)
        switch opcode {
        case .ping: return .ping(payload)
        case .pong: return .pong(payload)
        default: return .close(try WebSocketCloseFrame.parse(payload))
        }
    }

    private mutating func finishMessage() throws(WebSocketProtocolError) -> WebSocketMessage {
        let opcode = messageOpcode
        messageOpcode = nil
        let payload = message
        message = []
        if opcode == .text {
            guard utf8.isComplete else { throw .invalidUTF8 }
            return .text(payload)
        }
        return .binary(payload)
    }
}
