import Testing
@testable import Shared

@Suite struct WebSocketFrameEncoderTests {
    private let hello = Array("Hello".utf8)

    private func encoded(_ opcode: WebSocketOpcode, fin: Bool = true, _ payload: [UInt8], mask: UInt32? = nil) -> [UInt8] {
        var out: [UInt8] = []
        WebSocketFrameEncoder.encode(opcode: opcode, fin: fin, payload: payload, maskKey: mask, into: &out)
        return out
    }

    // RFC 6455 §5.7.
    @Test func encodesUnmaskedTextAsTheRFCExample() {
        #expect(encoded(.text, hello) == [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
    }

    @Test func encodesMaskedTextAsTheRFCExample() {
        #expect(encoded(.text, hello, mask: 0x37FA_213D) == [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test func encodesFragmentsAsTheRFCExample() {
        #expect(encoded(.text, fin: false, Array("Hel".utf8)) + encoded(.continuation, Array("lo".utf8))
            == [0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F])
    }

    @Test func encodesPingAndMaskedPongAsTheRFCExample() {
        #expect(encoded(.ping, hello) == [0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
        #expect(encoded(.pong, hello, mask: 0x37FA_213D) == [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test func uses16BitLengthFor256Bytes() {
        let payload = [UInt8](repeating: 7, count: 256)
        #expect(encoded(.binary, payload) == [0x82, 0x7E, 0x01, 0x00] + payload)
    }

    @Test func uses64BitLengthFor64KiB() {
        let payload = [UInt8](repeating: 7, count: 65_536)
        #expect(encoded(.binary, payload) == [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0] + payload)
    }

    @Test(arguments: [0, 1, 125, 126, 65_535, 65_536, 70_000])
    func choosesTheMinimalLengthFormAndRoundTrips(_ count: Int) throws {
        let payload = (0..<count).map { UInt8(truncatingIfNeeded: $0) }
        let wire = encoded(.binary, payload, mask: 0xA1B2_C3D4)
        #expect(wire == WireFrame.bytes(opcode: 2, payload: payload, mask: 0xA1B2_C3D4))
        var decoder = WebSocketFrameDecoder(role: .server, limits: relaxed)
        decoder.append(wire)
        var received: [UInt8] = []
        while let event = try decoder.next() { if case .payload(let part) = event { received += part } }
        #expect(received == payload)
    }

    @Test func appendsToExistingOutputWithoutTouchingIt() {
        var out: [UInt8] = [1, 2, 3]
        WebSocketFrameEncoder.encode(opcode: .text, payload: hello, maskKey: 0x37FA_213D, into: &out)
        #expect(out == [1, 2, 3, 0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test func encodesCloseFramesWithCodeAndReason() {
        var out: [UInt8] = []
        WebSocketFrameEncoder.encodeClose(WebSocketCloseFrame(code: .goingAway, reason: "bye"), into: &out)
        #expect(out == [0x88, 0x05, 0x03, 0xE9] + Array("bye".utf8))
        out = []
        WebSocketFrameEncoder.encodeClose(nil, into: &out)
        #expect(out == [0x88, 0x00])
    }

    @Test func cutsLongCloseReasonsAtACharacterWithin125Bytes() throws {
        let frame = WebSocketCloseFrame(code: .normal, reason: String(repeating: "é", count: 100))
        let payload = frame.payload
        #expect(payload.count == 124)
        #expect(try WebSocketCloseFrame.parse(payload).reason == String(repeating: "é", count: 61))
    }
}
