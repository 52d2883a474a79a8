import Testing
@testable import Shared

/// The feedings every WebSocket table runs under: all at once and one byte per `append`.
let webSocketFeedings: [Feeding] = [.oneShot, .byteByByte]

/// Builds frames byte by byte, independently of `WebSocketFrameEncoder`, so that tests can also
/// write what the encoder never would (RSV bits, reserved opcodes, non-minimal lengths).
enum WireFrame {
    /// The masking key of RFC 6455 §5.7's masked examples.
    static let rfcKey: UInt32 = 0x37FA_213D

    enum LengthForm { case minimal, sixteenBit, sixtyFourBit }

    static func bytes(
        fin: Bool = true, rsv: UInt8 = 0, opcode: UInt8, payload: [UInt8] = [],
        mask: UInt32? = rfcKey, length: LengthForm = .minimal, declaredLength: UInt64? = nil
    ) -> [UInt8] {
        var out: [UInt8] = [(fin ? 0x80 : 0) | rsv << 4 | opcode]
        let maskBit: UInt8 = mask == nil ? 0 : 0x80
        let count = declaredLength ?? UInt64(payload.count)
        var form = length
        if form == .minimal { form = count <= 125 ? .minimal : count <= 0xFFFF ? .sixteenBit : .sixtyFourBit }
        switch form {
        case .minimal: out.append(maskBit | UInt8(count))
        case .sixteenBit: out += [maskBit | 126, UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
        case .sixtyFourBit:
            out.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(count >> UInt64(shift) & 0xFF)) }
        }
        guard let mask else { return out + payload }
        let key: [UInt8] = [UInt8(mask >> 24), UInt8(mask >> 16 & 0xFF), UInt8(mask >> 8 & 0xFF), UInt8(mask & 0xFF)]
        out += key
        for (index, byte) in payload.enumerated() { out.append(byte ^ key[index % 4]) }
        return out
    }

    static func text(_ string: String, fin: Bool = true, mask: UInt32? = rfcKey) -> [UInt8] {
        bytes(fin: fin, opcode: 1, payload: Array(string.utf8), mask: mask)
    }

    static func close(code: UInt16?, reason: [UInt8] = []) -> [UInt8] {
        guard let code else { return bytes(opcode: 8) }
        return bytes(opcode: 8, payload: [UInt8(code >> 8), UInt8(code & 0xFF)] + reason)
    }
}

/// What a server connection did with some bytes: decoder → assembler → close handshake, with the
/// actions collected in order. Reading stops once the handshake closed (the shell stops reading).
struct WireRun {
    var actions: [WebSocketCloseHandshake.Action] = []
    /// The protocol error that failed the connection, if any.
    var error: WebSocketProtocolError?
    /// The most payload bytes the decoder plus assembler held at once.
    var peakBufferedBytes = 0
    var state = WebSocketCloseHandshake.State.open

    static func run(
        _ wire: [UInt8], feeding: Feeding, role: WebSocketRole = .server, limits: WebSocketLimits = .aws
    ) -> WireRun {
        var decoder = WebSocketFrameDecoder(role: role, limits: limits)
        var assembler = WebSocketMessageAssembler(limits: limits)
        var handshake = WebSocketCloseHandshake()
        var run = WireRun()
        feed: for piece in feeding.pieces(wire) {
            decoder.append(piece)
            while true {
                do {
                    guard let event = try decoder.next() else { break }
                    run.peakBufferedBytes = max(run.peakBufferedBytes, assembler.bufferedByteCount)
                    if let message = try assembler.handle(event) {
                        run.actions += handshake.received(message, now: 0)
                    }
                } catch {
                    run.error = error
                    run.actions += handshake.failed(error, now: 0)
                    break feed
                }
                if handshake.state == .closed || handshake.state == .closeReceived { break feed }
            }
        }
        run.state = handshake.state
        return run
    }
}

extension WebSocketCloseHandshake.Action {
    static func text(_ string: String) -> Self { .deliver(.text(Array(string.utf8))) }
    static func binary(_ bytes: [UInt8]) -> Self { .deliver(.binary(bytes)) }
    static func pong(_ string: String) -> Self { .sendPong(Array(string.utf8)) }
    static func closeWith(_ code: UInt16) -> Self { .sendClose(WebSocketCloseFrame(code: WebSocketCloseCode(rawValue: code))) }
}

/// The actions of a connection failed with `code`.
func failedWith(_ code: UInt16) -> [WebSocketCloseHandshake.Action] {
    [.closeWith(code), .closeTransport]
}
