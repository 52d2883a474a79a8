import Testing
@testable import Shared

@Suite struct WebSocketFrameDecoderTests {
    /// All events of `wire`, or the error that stopped the decoder (with the events before it).
    private func decode(_ wire: [UInt8], role: WebSocketRole, feeding: Feeding, limits: WebSocketLimits = .aws)
        -> (events: [WebSocketFrameDecoder.Event], error: WebSocketProtocolError?) {
        var decoder = WebSocketFrameDecoder(role: role, limits: limits)
        var events: [WebSocketFrameDecoder.Event] = []
        for piece in feeding.pieces(wire) {
            decoder.append(piece)
            do {
                while let event = try decoder.next() {
                    // Merge payload parts so that feedings compare equal.
                    if case .payload(let more) = event, case .payload(let earlier)? = events.last {
                        events[events.count - 1] = .payload(earlier + more)
                    } else {
                        events.append(event)
                    }
                }
            } catch {
                return (events, error)
            }
        }
        return (events, nil)
    }

    private let hello = Array("Hello".utf8)

    // MARK: - RFC 6455 §5.7 examples

    @Test(arguments: webSocketFeedings)
    func decodesSingleFrameUnmaskedText(_ feeding: Feeding) {
        let result = decode([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], role: .client, feeding: feeding)
        #expect(result.error == nil)
        #expect(result.events == [.head(WebSocketFrameHead(fin: true, opcode: .text, length: 5)), .payload(hello), .end])
    }

    @Test(arguments: webSocketFeedings)
    func decodesSingleFrameMaskedText(_ feeding: Feeding) {
        let wire: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        let result = decode(wire, role: .server, feeding: feeding)
        #expect(result.error == nil)
        #expect(result.events == [.head(WebSocketFrameHead(fin: true, opcode: .text, length: 5, maskKey: 0x37FA_213D)), .payload(hello), .end])
    }

    @Test(arguments: webSocketFeedings)
    func decodesFragmentedUnmaskedText(_ feeding: Feeding) {
        let result = decode([0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F], role: .client, feeding: feeding)
        #expect(result.error == nil)
        #expect(result.events == [
            .head(WebSocketFrameHead(fin: false, opcode: .text, length: 3)), .payload(Array("Hel".utf8)), .end,
            .head(WebSocketFrameHead(fin: true, opcode: .continuation, length: 2)), .payload(Array("lo".utf8)), .end,
        ])
    }

    @Test(arguments: webSocketFeedings)
    func decodesUnmaskedPingAndMaskedPong(_ feeding: Feeding) {
        let ping = decode([0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], role: .client, feeding: feeding)
        #expect(ping.events == [.head(WebSocketFrameHead(fin: true, opcode: .ping, length: 5)), .payload(hello), .end])
        let pong = decode([0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58], role: .server, feeding: feeding)
        #expect(pong.events == [.head(WebSocketFrameHead(fin: true, opcode: .pong, length: 5, maskKey: 0x37FA_213D)), .payload(hello), .end])
    }

    @Test(arguments: webSocketFeedings)
    func decodes256ByteBinaryWith16BitLength(_ feeding: Feeding) {
        let payload = (0..<256).map { UInt8($0) }
        let result = decode([0x82, 0x7E, 0x01, 0x00] + payload, role: .client, feeding: feeding)
        #expect(result.events == [.head(WebSocketFrameHead(fin: true, opcode: .binary, length: 256)), .payload(payload), .end])
    }

    @Test(arguments: webSocketFeedings)
    func decodes64KiBBinaryWith64BitLength(_ feeding: Feeding) {
        let payload = (0..<65_536).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let wire: [UInt8] = [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0] + payload
        let result = decode(wire, role: .client, feeding: feeding, limits: relaxed)
        #expect(result.error == nil)
        #expect(result.events == [.head(WebSocketFrameHead(fin: true, opcode: .binary, length: 65_536)), .payload(payload), .end])
    }

    // MARK: - Refusals

    @Test(arguments: webSocketFeedings)
    func serverRefusesUnmaskedClientFrames(_ feeding: Feeding) {
        #expect(decode([0x81, 0x05] + hello, role: .server, feeding: feeding).error == .unmaskedClientFrame)
        #expect(WebSocketProtocolError.unmaskedClientFrame.closeCode == .protocolError)
    }

    @Test(arguments: webSocketFeedings)
    func clientRefusesMaskedServerFrames(_ feeding: Feeding) {
        let wire: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        #expect(decode(wire, role: .client, feeding: feeding).error == .maskedServerFrame)
    }

    @Test(arguments: webSocketFeedings)
    func refusesNonMinimal16BitLength(_ feeding: Feeding) {
        let wire = WireFrame.bytes(opcode: 2, payload: [UInt8](repeating: 0, count: 125), length: .sixteenBit)
        #expect(decode(wire, role: .server, feeding: feeding).error == .nonMinimalLength)
        let minimal = WireFrame.bytes(opcode: 2, payload: [UInt8](repeating: 0, count: 126), length: .sixteenBit)
        #expect(decode(minimal, role: .server, feeding: feeding).error == nil)
    }

    @Test(arguments: webSocketFeedings)
    func refusesNonMinimal64BitLength(_ feeding: Feeding) {
        let wire = WireFrame.bytes(opcode: 2, payload: [UInt8](repeating: 0, count: 65_535), length: .sixtyFourBit)
        #expect(decode(wire, role: .server, feeding: feeding, limits: relaxed).error == .nonMinimalLength)
    }

    @Test(arguments: webSocketFeedings)
    func refuses64BitLengthWithHighBitSet(_ feeding: Feeding) {
        let wire = WireFrame.bytes(opcode: 2, declaredLength: 0x8000_0000_0000_0000)
        #expect(decode(wire, role: .server, feeding: feeding).error == .lengthHighBitSet)
    }

    @Test(arguments: webSocketFeedings)
    func refusesHugeLengthAtTheHeadWithoutWaitingForPayload(_ feeding: Feeding) {
        let wire = WireFrame.bytes(opcode: 2, declaredLength: 0x7FFF_FFFF_FFFF_FFFF)
        let result = decode(wire, role: .server, feeding: feeding)
        #expect(result.error == .frameTooBig)
        #expect(result.error?.closeCode == .messageTooBig)
    }

    @Test(arguments: webSocketFeedings)
    func refusesFrameOverConfiguredLimit(_ feeding: Feeding) {
        let limits = WebSocketLimits(maxFramePayloadBytes: 200, maxMessageBytes: 1000)
        #expect(decode(WireFrame.bytes(opcode: 2, payload: [UInt8](repeating: 0, count: 201)), role: .server, feeding: feeding, limits: limits).error == .frameTooBig)
        #expect(decode(WireFrame.bytes(opcode: 2, payload: [UInt8](repeating: 0, count: 200)), role: .server, feeding: feeding, limits: limits).error == nil)
    }

    @Test(arguments: webSocketFeedings)
    func refusesControlFrameLongerThan125(_ feeding: Feeding) {
        let long = WireFrame.bytes(opcode: 9, payload: [UInt8](repeating: 0, count: 126))
        #expect(decode(long, role: .server, feeding: feeding).error == .controlFrameTooLong)
    }

    @Test(arguments: webSocketFeedings)
    func refusesFragmentedControlFrame(_ feeding: Feeding) {
        #expect(decode(WireFrame.bytes(fin: false, opcode: 9), role: .server, feeding: feeding).error == .fragmentedControlFrame)
    }

    @Test(arguments: [(UInt8(1), WebSocketProtocolError.reservedBitsSet), (2, .reservedBitsSet), (4, .reservedBitsSet)])
    func refusesReservedBits(_ rsv: UInt8, _ expected: WebSocketProtocolError) {
        #expect(decode(WireFrame.bytes(rsv: rsv, opcode: 1), role: .server, feeding: .byteByByte).error == expected)
    }

    @Test(arguments: [UInt8(3), 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF])
    func refusesReservedOpcodes(_ opcode: UInt8) {
        #expect(decode(WireFrame.bytes(opcode: opcode), role: .server, feeding: .oneShot).error == .reservedOpcode(opcode))
    }

    @Test func staysFailedAfterAnError() {
        var decoder = WebSocketFrameDecoder(role: .server)
        decoder.append([0x81, 0x05] + hello)
        #expect(throws: WebSocketProtocolError.unmaskedClientFrame) { try decoder.next() }
        decoder.append(WireFrame.text("ok"))
        #expect(throws: WebSocketProtocolError.unmaskedClientFrame) { try decoder.next() }
    }

    /// The decoder hands payload out as it arrives: a 32 KiB frame fed in 1 KiB pieces never
    /// accumulates in the decoder.
    @Test func holdsNoMoreThanOnePieceOfAFrame() throws {
        let payload = [UInt8](repeating: 0x41, count: 32 * 1024)
        let wire = WireFrame.bytes(opcode: 2, payload: payload)
        var decoder = WebSocketFrameDecoder(role: .server)
        var received = 0
        var peak = 0
        for start in stride(from: 0, to: wire.count, by: 1024) {
            decoder.append(wire[start..<min(start + 1024, wire.count)])
            peak = max(peak, decoder.bufferedByteCount)
            while let event = try decoder.next() {
                if case .payload(let part) = event { received += part.count }
            }
            #expect(decoder.bufferedByteCount == 0)
        }
        #expect(received == payload.count)
        #expect(peak <= 1024)
    }
}
