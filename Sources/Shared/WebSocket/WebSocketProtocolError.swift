/// Why the peer's bytes fail a WebSocket connection (RFC 6455 §7.1.7), each with the close code
/// §7.4.1 says to send. Thrown by `WebSocketFrameDecoder` (one frame's own rules) and
/// `WebSocketMessageAssembler` (the rules across frames); after one, the connection is over.
package enum WebSocketProtocolError: Error, Sendable, Equatable {
    /// RSV1–3 set while no extension is negotiated (§5.2).
    case reservedBitsSet
    /// Opcode 3–7 or 0xB–0xF (§5.2).
    case reservedOpcode(UInt8)
    /// A control frame without FIN (§5.5).
    case fragmentedControlFrame
    /// A control frame with more than 125 payload bytes (§5.5).
    case controlFrameTooLong
    /// A server received a frame without the mask bit (§5.1).
    case unmaskedClientFrame
    /// A client received a frame with the mask bit (§5.1).
    case maskedServerFrame
    /// A 16- or 64-bit length that would have fit a shorter form (§5.2 "the minimal number of bytes MUST be used").
    case nonMinimalLength
    /// A 64-bit length with its most significant bit set (§5.2).
    case lengthHighBitSet
    /// A frame payload over `WebSocketLimits.maxFramePayloadBytes`.
    case frameTooBig
    /// A message over `WebSocketLimits.maxMessageBytes`.
    case messageTooBig
    /// A continuation frame with no fragmented message to continue (§5.4).
    case unexpectedContinuation
    /// A text or binary frame while a fragmented message is unfinished (§5.4).
    case expectedContinuation
    /// A text message (or close reason) that is not UTF-8, found at the first bad byte (§8.1).
    case invalidUTF8
    /// A close frame with a 1-byte payload (§5.5.1).
    case invalidClosePayload
    /// A close code that may not appear on the wire (§7.4).
    case invalidCloseCode(UInt16)

    /// The code to send in our close frame when failing the connection for this error.
    package var closeCode: WebSocketCloseCode {
        switch self {
        case .invalidUTF8: return .invalidPayload
        case .frameTooBig, .messageTooBig: return .messageTooBig
        case .reservedBitsSet, .reservedOpcode, .fragmentedControlFrame, .controlFrameTooLong,
             .unmaskedClientFrame, .maskedServerFrame, .nonMinimalLength, .lengthHighBitSet,
             .unexpectedContinuation, .expectedContinuation, .invalidClosePayload, .invalidCloseCode:
            return .protocolError
        }
    }
}
