/// What a peer said, once `WebSocketMessageAssembler` has put the frames together.
package enum WebSocketMessage: Sendable, Equatable {
    /// A complete text message; the bytes are valid UTF-8 (checked across every fragment).
    case text([UInt8])
    case binary([UInt8])
    /// A ping (≤ 125 bytes); the answer is a pong with the same payload (§5.5.2).
    case ping([UInt8])
    /// A pong, solicited or not (§5.5.3: unsolicited pongs are allowed and need no answer).
    case pong([UInt8])
    case close(WebSocketCloseFrame)
}
