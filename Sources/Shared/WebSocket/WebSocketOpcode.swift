/// The frame opcodes RFC 6455 §5.2 defines; every other value (3–7, 0xB–0xF) is reserved and
/// refused with 1002 by `WebSocketFrameDecoder`.
package enum WebSocketOpcode: UInt8, Sendable, Equatable {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// Close, ping and pong (opcodes with the high bit set, §5.5): at most 125 payload bytes,
    /// never fragmented, allowed between the fragments of a data message.
    package var isControl: Bool { rawValue & 0x8 != 0 }
}
