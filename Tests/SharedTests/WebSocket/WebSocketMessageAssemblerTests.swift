import Testing
@testable import Shared

@Suite struct WebSocketMessageAssemblerTests {
    private func assemble(_ wire: [UInt8], feeding: Feeding, limits: WebSocketLimits = .aws)
        -> (messages: [WebSocketMessage], error: WebSocketProtocolError?) {
        var decoder = WebSocketFrameDecoder(role: .server, limits: limits)
        var assembler = WebSocketMessageAssembler(limits: limits)
        var messages: [WebSocketMessage] = []
        for piece in feeding.pieces(wire) {
            decoder.append(piece)
            do {
                while let event = try decoder.next() {
                    if let message = try assembler.handle(event) { messages.append(message) }
                }
            } catch {
                return (messages, error)
            }
        }
        return (messages, nil)
    }

    @Test(arguments: webSocketFeedings)
    func assemblesFragmentsWithControlFramesBetween(_ feeding: Feeding) {
        let wire = WireFrame.text("Hel", fin: false) + WireFrame.bytes(opcode: 9, payload: [1]) + WireFrame.bytes(opcode: 10)
            + WireFrame.bytes(fin: false, opcode: 0, payload: Array("l".utf8)) + WireFrame.bytes(opcode: 0, payload: Array("o".utf8))
        let result = assemble(wire, feeding: feeding)
        #expect(result.error == nil)
        #expect(result.messages == [.ping([1]), .pong([]), .text(Array("Hello".utf8))])
    }

    @Test(arguments: webSocketFeedings)
    func refusesContinuationWithoutStart(_ feeding: Feeding) {
        #expect(assemble(WireFrame.bytes(opcode: 0, payload: [1]), feeding: feeding).error == .unexpectedContinuation)
    }

    @Test(arguments: webSocketFeedings)
    func refusesNewDataFrameDuringFragmentedMessage(_ feeding: Feeding) {
        let wire = WireFrame.bytes(fin: false, opcode: 2, payload: [1]) + WireFrame.bytes(opcode: 2, payload: [2])
        #expect(assemble(wire, feeding: feeding).error == .expectedContinuation)
    }

    @Test(arguments: webSocketFeedings)
    func validatesUTF8AcrossFragmentBoundaries(_ feeding: Feeding) {
        // "€" (E2 82 AC) split over three frames is valid…
        let valid = WireFrame.bytes(fin: false, opcode: 1, payload: [0xE2]) + WireFrame.bytes(fin: false, opcode: 0, payload: [0x82])
            + WireFrame.bytes(opcode: 0, payload: [0xAC])
        #expect(assemble(valid, feeding: feeding).messages == [.text([0xE2, 0x82, 0xAC])])
        // …and an overlong split the same way is not, though each fragment alone could start one.
        let overlong = WireFrame.bytes(fin: false, opcode: 1, payload: [0xE0]) + WireFrame.bytes(opcode: 0, payload: [0x80, 0x80])
        #expect(assemble(overlong, feeding: feeding).error == .invalidUTF8)
    }

    @Test(arguments: webSocketFeedings)
    func refusesTruncatedSequenceAtTheFinalFragment(_ feeding: Feeding) {
        let wire = WireFrame.bytes(fin: false, opcode: 1, payload: [0x61]) + WireFrame.bytes(opcode: 0, payload: [0xE2, 0x82])
        #expect(assemble(wire, feeding: feeding).error == .invalidUTF8)
    }

    @Test(arguments: webSocketFeedings)
    func refusesMessageOverTheLimitAtTheFragmentHead(_ feeding: Feeding) {
        let limits = WebSocketLimits(maxFramePayloadBytes: 200, maxMessageBytes: 300)
        let wire = WireFrame.bytes(fin: false, opcode: 2, payload: [UInt8](repeating: 0, count: 200))
            + WireFrame.bytes(fin: false, opcode: 0, payload: [UInt8](repeating: 0, count: 100))
            + Array(WireFrame.bytes(opcode: 0, payload: [0]).prefix(6))
        let result = assemble(wire, feeding: feeding, limits: limits)
        #expect(result.error == .messageTooBig)
        #expect(result.error?.closeCode == .messageTooBig)
    }

    @Test(arguments: [[], [0x03, 0xE8], [0x03, 0xE8, 0x6F, 0x6B]] as [[UInt8]])
    func readsValidClosePayloads(_ payload: [UInt8]) throws {
        let frame = try WebSocketCloseFrame.parse(payload)
        #expect(frame.code == (payload.isEmpty ? nil : .normal))
        #expect(frame.reason == (payload.count > 2 ? "ok" : ""))
    }

    @Test func refusesOneByteClosePayload() {
        #expect(throws: WebSocketProtocolError.invalidClosePayload) { try WebSocketCloseFrame.parse([0x03]) }
    }

    @Test(arguments: [UInt16(1000), 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999])
    func acceptsCodesValidOnTheWire(_ code: UInt16) {
        #expect(WebSocketCloseCode(rawValue: code).isValidOnWire)
    }

    @Test(arguments: [UInt16(0), 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])
    func refusesCodesNotAllowedOnTheWire(_ code: UInt16) {
        #expect(!WebSocketCloseCode(rawValue: code).isValidOnWire)
        #expect(throws: WebSocketProtocolError.invalidCloseCode(code)) { try WebSocketCloseFrame.parse([UInt8(code >> 8), UInt8(code & 0xFF)]) }
    }

    @Test func staysFailedAfterAnError() throws {
        var assembler = WebSocketMessageAssembler()
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try assembler.handle(.head(WebSocketFrameHead(fin: true, opcode: .continuation, length: 0)))
        }
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try assembler.handle(.head(WebSocketFrameHead(fin: true, opcode: .text, length: 0)))
        }
    }
}
