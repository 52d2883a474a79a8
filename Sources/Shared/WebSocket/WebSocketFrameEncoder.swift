/// Writes RFC 6455 frames into a byte buffer. Pure functions, callable from any thread.
///
/// The head goes straight into `out` and the payload is appended once after it (masked in place
/// when a key is given), so no frame is assembled anywhere but in the output buffer. The length
/// always takes the minimal form (7-bit up to 125, 16-bit up to 65,535, 64-bit above).
/// A server writes unmasked frames (`maskKey: nil`); a client must pass a fresh random key per
/// frame (§5.3) — here that mode exists for tests and tools.
package enum WebSocketFrameEncoder {
    /// Appends one frame. Control frames must be final and at most 125 bytes: our own invariant
    /// (a pong echoes a ping the decoder already bounded, close payloads are cut to 125).
    package static func encode(
        opcode: WebSocketOpcode,
        fin: Bool = true,
        payload: some Collection<UInt8>,
        maskKey: UInt32? = nil,
        into out: inout [UInt8]
    ) {
        let length = payload.count
        precondition(!opcode.isControl || (fin && length <= 125), "control frames are final and at most 125 bytes")
        out.append((fin ? 0x80 : 0) | opcode.rawValue)
        let maskBit: UInt8 = maskKey == nil ? 0 : 0x80
        if length <= 125 {
            out.append(maskBit | UInt8(length))
        } else if length <= 0xFFFF {
            out.append(maskBit | 126)
            out.append(UInt8(length >> 8))
            out.append(UInt8(length & 0xFF))
        } else {
            out.append(maskBit | 127)
            let wide = UInt64(length)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: wide >> UInt64(shift))) }
        }
        guard let key = maskKey else {
            out.append(contentsOf: payload)
            return
        }
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: key >> UInt32(shift))) }
        let start = out.count
        out.append(contentsOf: payload)
        for index in start..<out.count { out[index] ^= WebSocketFrameHead.maskByte(key, index - start) }
    }

    /// Appends a close frame carrying `frame` (nil: an empty close payload).
    package static func encodeClose(_ frame: WebSocketCloseFrame?, maskKey: UInt32? = nil, into out: inout [UInt8]) {
        encode(opcode: .close, payload: frame?.payload ?? [], maskKey: maskKey, into: &out)
    }
}
