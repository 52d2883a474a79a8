/// The sizes a WebSocket connection accepts, in payload bytes. Exceeding either fails the
/// connection with close code 1009 (RFC 6455 §7.4.1, and what API Gateway sends).
///
/// Defaults are Amazon API Gateway's WebSocket quotas ("WebSocket frame size 32 KB", "Message
/// payload size 128 KB", neither adjustable). AWS does not say whether KB means 1,000 or 1,024
/// bytes; Tollgate reads them as KiB (32,768 and 131,072) — see docs/websocket.md.
package struct WebSocketLimits: Sendable, Equatable {
    /// Largest payload of one frame. Checked when the frame's head arrives, before its payload.
    package var maxFramePayloadBytes: Int
    /// Largest payload of one message, all its fragments together. Checked at each fragment's head.
    package var maxMessageBytes: Int

    package init(maxFramePayloadBytes: Int, maxMessageBytes: Int) {
        precondition(maxFramePayloadBytes >= 125, "control frames of 125 bytes must always fit")
        precondition(maxMessageBytes >= 0)
        self.maxFramePayloadBytes = maxFramePayloadBytes
        self.maxMessageBytes = maxMessageBytes
    }

    /// API Gateway's quotas: frame 32 KiB, message 128 KiB.
    package static let aws = WebSocketLimits(maxFramePayloadBytes: 32 * 1024, maxMessageBytes: 128 * 1024)
}
