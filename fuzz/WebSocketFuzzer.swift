// libFuzzer entry point for the RFC 6455 codec. Built by `scripts/fuzz SECONDS websocket` together
// with Sources/Shared/WebSocket (all but the opening handshake, which needs libcrypto) and the
// Foundation-free files of Sources/Shared/HTTP (the parse buffer); not part of the Swift package.
//
// The first input byte picks the role (bit 0: server or client) and the limits (bit 1: small or
// AWS's); the rest is the wire. Invariants checked on every input (a violation traps, which
// libFuzzer reports as a crash):
// 1. Nothing crashes, overflows or reads out of bounds (ASan), whatever the bytes.
// 2. Memory stays bounded: the assembler never holds more than one message plus one control
//    payload, and the decoder never holds more than the bytes fed and not yet handed out.
// 3. One chunk, a split at a point derived from the data, and (for short inputs) one byte at a
//    time give the same messages, the same error and the same close-handshake actions.
// 4. Every message delivered, encoded again by `WebSocketFrameEncoder`, decodes to itself.

let smallLimits = WebSocketLimits(maxFramePayloadBytes: 200, maxMessageBytes: 500)

struct Outcome: Equatable {
    var messages: [WebSocketMessage] = []
    var actions: [WebSocketCloseHandshake.Action] = []
    var error: WebSocketProtocolError?
}

func pieces(_ bytes: ArraySlice<UInt8>, cuts: [Int]) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = bytes.startIndex
    for cut in cuts.map({ bytes.startIndex + $0 }).sorted() where cut >= start && cut <= bytes.endIndex {
        result.append(bytes[start..<cut])
        start = cut
    }
    result.append(bytes[start...])
    return result
}

func run(_ wire: ArraySlice<UInt8>, cuts: [Int], role: WebSocketRole, limits: WebSocketLimits) -> Outcome {
    var decoder = WebSocketFrameDecoder(role: role, limits: limits)
    var assembler = WebSocketMessageAssembler(limits: limits)
    var handshake = WebSocketCloseHandshake()
    var outcome = Outcome()
    for piece in pieces(wire, cuts: cuts) {
        let before = decoder.bufferedByteCount
        decoder.append(piece)
        precondition(decoder.bufferedByteCount == before + piece.count, "the decoder lost or invented bytes")
        do {
            while let event = try decoder.next() {
                if let message = try assembler.handle(event) {
                    outcome.messages.append(message)
                    outcome.actions += handshake.received(message, now: 0)
                }
                precondition(assembler.bufferedByteCount <= limits.maxMessageBytes + 125, "the assembler outgrew its limits")
            }
        } catch {
            outcome.error = error
            outcome.actions += handshake.failed(error, now: 0)
            return outcome
        }
    }
    return outcome
}

/// FNV-1a: a split point that depends on the data, so the fuzzer explores it too.
func derivedCut(_ bytes: ArraySlice<UInt8>) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
    return Int(hash % UInt64(bytes.count + 1))
}

func checkRoundTrip(_ message: WebSocketMessage, role: WebSocketRole, limits: WebSocketLimits) {
    var wire: [UInt8] = []
    let key: UInt32? = role == .server ? 0x1234_5678 : nil
    switch message {
    case .text(let payload): WebSocketFrameEncoder.encode(opcode: .text, payload: payload, maskKey: key, into: &wire)
    case .binary(let payload): WebSocketFrameEncoder.encode(opcode: .binary, payload: payload, maskKey: key, into: &wire)
    case .ping(let payload): WebSocketFrameEncoder.encode(opcode: .ping, payload: payload, maskKey: key, into: &wire)
    case .pong(let payload): WebSocketFrameEncoder.encode(opcode: .pong, payload: payload, maskKey: key, into: &wire)
    case .close(let frame): WebSocketFrameEncoder.encodeClose(frame.code == nil ? nil : frame, maskKey: key, into: &wire)
    }
    // A message may span several frames; re-encoded in one frame it may exceed the frame limit.
    let wide = WebSocketLimits(maxFramePayloadBytes: max(limits.maxMessageBytes, 125), maxMessageBytes: limits.maxMessageBytes)
    let again = run(wire[...], cuts: [], role: role, limits: wide)
    precondition(again.error == nil && again.messages == [message], "a delivered message did not survive re-encoding")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebSocket(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let selector = bytes.first else { return 0 }
    let role: WebSocketRole = selector & 1 == 0 ? .server : .client
    let limits = selector & 2 == 0 ? smallLimits : .aws
    let wire = bytes[1...]

    let oneShot = run(wire, cuts: [], role: role, limits: limits)
    let split = run(wire, cuts: [derivedCut(wire)], role: role, limits: limits)
    precondition(oneShot == split, "split feeding changed the outcome")
    if wire.count <= 300 {
        let byteByByte = run(wire, cuts: Array(0...wire.count), role: role, limits: limits)
        precondition(oneShot == byteByByte, "byte-by-byte feeding changed the outcome")
    }
    for message in oneShot.messages { checkRoundTrip(message, role: role, limits: limits) }
    return 0
}
