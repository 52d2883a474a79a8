/// The decoded head of one frame (RFC 6455 §5.2), after the decoder's checks passed.
package struct WebSocketFrameHead: Sendable, Equatable {
    /// FIN: this frame ends its message (always true for control frames).
    package var fin: Bool
    package var opcode: WebSocketOpcode
    /// Payload length in bytes (within `WebSocketLimits.maxFramePayloadBytes`).
    package var length: Int
    /// The masking key as a big-endian word (first key byte in the high bits), or nil when unmasked.
    package var maskKey: UInt32?

    package init(fin: Bool, opcode: WebSocketOpcode, length: Int, maskKey: UInt32? = nil) {
        self.fin = fin
        self.opcode = opcode
        self.length = length
        self.maskKey = maskKey
    }

    /// The key byte that masks payload byte `index` (§5.3: `j = i MOD 4`).
    static func maskByte(_ key: UInt32, _ index: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: key >> (24 - 8 * UInt32(index & 3)))
    }
}
