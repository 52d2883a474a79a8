import Testing
@testable import Shared

/// One case of the Autobahn TestSuite (crossbario/autobahn-testsuite, autobahntestsuite/case/),
/// restated as bytes a client sends and the actions Tollgate's server side must take.
/// The suite itself cannot run here (no network, Python 2); this table carries its facts:
/// the frames each case sends and the outcome it expects. Where a case depends on timing
/// ("wait, then send the rest") the wire stops where the connection must already have failed.
/// Where Autobahn's sizes exceed API Gateway's limits (frame 32 KiB, message 128 KiB) the case
/// runs twice: under `.aws`, expecting 1009 as AWS closes, and under `relaxed` for the RFC outcome.
struct AutobahnCase: Sendable, CustomTestStringConvertible {
    var id: String
    var wire: [UInt8]
    var limits: WebSocketLimits = .aws
    var expected: [WebSocketCloseHandshake.Action]

    var testDescription: String { id }
}

/// Limits large enough for Autobahn's own sizes (used for the RFC outcome of 1.x and 9.x).
let relaxed = WebSocketLimits(maxFramePayloadBytes: 1 << 20, maxMessageBytes: 1 << 20)

private typealias W = WireFrame
private let closeNormal = W.close(code: 1000)
private let echoedNormal: [WebSocketCloseHandshake.Action] = [.closeWith(1000), .closeTransport]

private func stars(_ count: Int) -> [UInt8] { [UInt8](repeating: UInt8(ascii: "*"), count: count) }

// MARK: - 1 Framing, 2 Pings/Pongs

enum AutobahnTable {
    static let framing: [AutobahnCase] = {
        var cases: [AutobahnCase] = []
        // 1.1.1–1.1.8 text, 1.2.1–1.2.8 binary: payloads of these lengths, then a close.
        let lengths = [(1, 0), (2, 125), (3, 126), (4, 127), (5, 128), (6, 65_535), (7, 65_536), (8, 65_536)]
        for (index, length) in lengths {
            let text = W.bytes(opcode: 1, payload: stars(length)) + closeNormal
            let binary = W.bytes(opcode: 2, payload: [UInt8](repeating: 0xFE, count: length)) + closeNormal
            let fits = length <= WebSocketLimits.aws.maxFramePayloadBytes
            cases.append(AutobahnCase(id: "1.1.\(index) text \(length) B", wire: text,
                                      expected: fits ? [.deliver(.text(stars(length)))] + echoedNormal : failedWith(1009)))
            cases.append(AutobahnCase(id: "1.2.\(index) binary \(length) B", wire: binary,
                                      expected: fits ? [.binary([UInt8](repeating: 0xFE, count: length))] + echoedNormal : failedWith(1009)))
            if !fits {
                cases.append(AutobahnCase(id: "1.1.\(index) text \(length) B, relaxed limits", wire: text, limits: relaxed,
                                          expected: [.deliver(.text(stars(length)))] + echoedNormal))
                cases.append(AutobahnCase(id: "1.2.\(index) binary \(length) B, relaxed limits", wire: binary, limits: relaxed,
                                          expected: [.binary([UInt8](repeating: 0xFE, count: length))] + echoedNormal))
            }
        }
        return cases
    }()

    static let pings: [AutobahnCase] = {
        let binary: [UInt8] = [0x00, 0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0x00, 0xFF]
        let ten = (0..<10).map { "payload-\($0)" }
        return [
            AutobahnCase(id: "2.1 ping without payload", wire: W.bytes(opcode: 9), expected: [.sendPong([])]),
            AutobahnCase(id: "2.2 ping with text payload", wire: W.bytes(opcode: 9, payload: Array("Hello, world!".utf8)),
                         expected: [.pong("Hello, world!")]),
            AutobahnCase(id: "2.3 ping with binary payload", wire: W.bytes(opcode: 9, payload: binary), expected: [.sendPong(binary)]),
            AutobahnCase(id: "2.4 ping with 125 bytes", wire: W.bytes(opcode: 9, payload: [UInt8](repeating: 0xFE, count: 125)),
                         expected: [.sendPong([UInt8](repeating: 0xFE, count: 125))]),
            AutobahnCase(id: "2.5 ping with 126 bytes", wire: W.bytes(opcode: 9, payload: [UInt8](repeating: 0xFE, count: 126)),
                         expected: failedWith(1002)),
            AutobahnCase(id: "2.7 unsolicited pong without payload", wire: W.bytes(opcode: 10) + closeNormal, expected: echoedNormal),
            AutobahnCase(id: "2.8 unsolicited pong with payload",
                         wire: W.bytes(opcode: 10, payload: Array("unsolicited pong payload".utf8)) + closeNormal, expected: echoedNormal),
            AutobahnCase(id: "2.9 unsolicited pong, then ping",
                         wire: W.bytes(opcode: 10, payload: Array("unsolicited pong payload".utf8))
                             + W.bytes(opcode: 9, payload: Array("ping payload".utf8)),
                         expected: [.pong("ping payload")]),
            AutobahnCase(id: "2.10 ten pings, answered in order",
                         wire: ten.flatMap { W.bytes(opcode: 9, payload: Array($0.utf8)) }, expected: ten.map { .pong($0) }),
        ]
    }()

    // MARK: - 3 Reserved bits, 4 Opcodes

    static let reservedBits: [AutobahnCase] = {
        let small = W.text("Hello, world!")
        let ping = W.bytes(opcode: 9, payload: Array("Hello, world!".utf8))
        return [
            AutobahnCase(id: "3.1 text with RSV=1", wire: W.bytes(rsv: 1, opcode: 1, payload: Array("Hello, world!".utf8)),
                         expected: failedWith(1002)),
            AutobahnCase(id: "3.2 text, text with RSV=2, ping",
                         wire: small + W.bytes(rsv: 2, opcode: 1, payload: Array("Hello, world!".utf8)) + ping,
                         expected: [.text("Hello, world!")] + failedWith(1002)),
            AutobahnCase(id: "3.3 text, text with RSV=3, ping",
                         wire: small + W.bytes(rsv: 3, opcode: 1, payload: Array("Hello, world!".utf8)) + ping,
                         expected: [.text("Hello, world!")] + failedWith(1002)),
            AutobahnCase(id: "3.4 text, text with RSV=4, ping",
                         wire: small + W.bytes(rsv: 4, opcode: 1, payload: Array("Hello, world!".utf8)) + ping,
                         expected: [.text("Hello, world!")] + failedWith(1002)),
            AutobahnCase(id: "3.5 binary with RSV=5", wire: W.bytes(rsv: 5, opcode: 2, payload: [0, 0xFF, 0xFE]),
                         expected: failedWith(1002)),
            AutobahnCase(id: "3.6 ping with RSV=6", wire: W.bytes(rsv: 6, opcode: 9, payload: Array("Hello, world!".utf8)),
                         expected: failedWith(1002)),
            AutobahnCase(id: "3.7 close with RSV=7", wire: W.bytes(rsv: 7, opcode: 8), expected: failedWith(1002)),
        ]
    }()

    static let opcodes: [AutobahnCase] = {
        let reserved: [(String, UInt8)] = [("4.1.1", 3), ("4.1.2", 4), ("4.1.3", 5), ("4.1.4", 6), ("4.1.5", 7),
                                           ("4.2.1", 11), ("4.2.2", 12), ("4.2.3", 13), ("4.2.4", 14), ("4.2.5", 15)]
        return reserved.flatMap { id, opcode in [
            AutobahnCase(id: "\(id) reserved opcode \(opcode)", wire: W.bytes(opcode: opcode), expected: failedWith(1002)),
            AutobahnCase(id: "\(id) text, reserved opcode \(opcode) with payload, ping",
                         wire: W.text("Hello, world!") + W.bytes(opcode: opcode, payload: Array("reserved opcode payload".utf8))
                             + W.bytes(opcode: 9, payload: Array("ping".utf8)),
                         expected: [.text("Hello, world!")] + failedWith(1002)),
        ] }
    }()

    // MARK: - 5 Fragmentation

    static let fragmentation: [AutobahnCase] = {
        let f = (1...5).map { "fragment\($0)" }
        func cont(_ s: String, fin: Bool) -> [UInt8] { W.bytes(fin: fin, opcode: 0, payload: Array(s.utf8)) }
        let pingPayload = "ping payload"
        let ping = W.bytes(opcode: 9, payload: Array(pingPayload.utf8))
        return [
            AutobahnCase(id: "5.1 ping in 2 fragments", wire: W.bytes(fin: false, opcode: 9, payload: Array(f[0].utf8)) + cont(f[1], fin: true),
                         expected: failedWith(1002)),
            AutobahnCase(id: "5.2 pong in 2 fragments", wire: W.bytes(fin: false, opcode: 10, payload: Array(f[0].utf8)) + cont(f[1], fin: true),
                         expected: failedWith(1002)),
            AutobahnCase(id: "5.3 text in 2 fragments", wire: W.text(f[0], fin: false) + cont(f[1], fin: true),
                         expected: [.text(f[0] + f[1])]),
            AutobahnCase(id: "5.6 text in 2 fragments, ping between", wire: W.text(f[0], fin: false) + ping + cont(f[1], fin: true),
                         expected: [.pong(pingPayload), .text(f[0] + f[1])]),
            AutobahnCase(id: "5.9 continuation (FIN) with nothing to continue, then text",
                         wire: cont("non-continuation payload", fin: true) + W.text("Hello, world!"), expected: failedWith(1002)),
            AutobahnCase(id: "5.12 continuation (no FIN) with nothing to continue, then text",
                         wire: cont("non-continuation payload", fin: false) + W.text("Hello, world!"), expected: failedWith(1002)),
            AutobahnCase(id: "5.15 text in 2 fragments, then continuation, then text fragment",
                         wire: W.text(f[0], fin: false) + cont(f[1], fin: true) + cont(f[2], fin: false) + W.text(f[3]),
                         expected: [.text(f[0] + f[1])] + failedWith(1002)),
            AutobahnCase(id: "5.16 continuation first, text, continuation (twice)",
                         wire: Array(repeating: cont(f[0], fin: false) + W.text(f[1], fin: false) + cont(f[2], fin: true), count: 2).flatMap { $0 },
                         expected: failedWith(1002)),
            AutobahnCase(id: "5.17 continuation (FIN) first, text, continuation (twice)",
                         wire: Array(repeating: cont(f[0], fin: true) + W.text(f[1], fin: false) + cont(f[2], fin: true), count: 2).flatMap { $0 },
                         expected: failedWith(1002)),
            AutobahnCase(id: "5.18 text in 2 fragments, both with opcode text",
                         wire: W.text(f[0], fin: false) + W.text(f[1]), expected: failedWith(1002)),
            AutobahnCase(id: "5.19 text in 5 fragments with 2 pings between",
                         wire: W.text(f[0], fin: false) + cont(f[1], fin: false) + W.bytes(opcode: 9, payload: Array("pongme 1!".utf8))
                             + cont(f[2], fin: false) + cont(f[3], fin: false) + W.bytes(opcode: 9, payload: Array("pongme 2!".utf8))
                             + cont(f[4], fin: true),
                         expected: [.pong("pongme 1!"), .pong("pongme 2!"), .text(f.joined())]),
            AutobahnCase(id: "binary in 3 fragments with a pong and a ping between",
                         wire: W.bytes(fin: false, opcode: 2, payload: [1]) + W.bytes(opcode: 10) + cont("\u{2}", fin: false)
                             + ping + cont("\u{3}", fin: true),
                         expected: [.pong(pingPayload), .binary([1, 2, 3])]),
        ]
    }()

    // MARK: - 6 UTF-8 handling

    /// "κόσμε", the Markus Kuhn stress test's first line.
    static let kosme: [UInt8] = [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5]

    static let utf8Framing: [AutobahnCase] = {
        let hello = Array("Hello-µ@ßöäüàá-UTF-8!!".utf8)
        func fragments(_ bytes: [UInt8], size: Int, opcode: UInt8 = 1) -> [UInt8] {
            stride(from: 0, to: bytes.count, by: size).enumerated().flatMap { index, start in
                W.bytes(fin: start + size >= bytes.count, opcode: index == 0 ? opcode : 0,
                        payload: Array(bytes[start..<min(start + size, bytes.count)]))
            }
        }
        let invalid = kosme + [0xED, 0xA0, 0x80] + Array("edited".utf8)
        let part1 = kosme, part2: [UInt8] = [0xF4, 0x90, 0x80, 0x80], part3 = Array("edited".utf8)
        return [
            AutobahnCase(id: "6.1.1 empty text", wire: W.bytes(opcode: 1), expected: [.text("")]),
            AutobahnCase(id: "6.1.2 three empty fragments",
                         wire: W.bytes(fin: false, opcode: 1) + W.bytes(fin: false, opcode: 0) + W.bytes(opcode: 0), expected: [.text("")]),
            AutobahnCase(id: "6.1.3 empty, middle, empty fragments",
                         wire: W.bytes(fin: false, opcode: 1) + W.bytes(fin: false, opcode: 0, payload: Array("middle frame payload".utf8))
                             + W.bytes(opcode: 0), expected: [.text("middle frame payload")]),
            AutobahnCase(id: "6.2.1 valid UTF-8 in one frame", wire: W.bytes(opcode: 1, payload: hello), expected: [.deliver(.text(hello))]),
            AutobahnCase(id: "6.2.2 valid UTF-8 in 2 fragments at a code point boundary",
                         wire: W.bytes(fin: false, opcode: 1, payload: Array(hello[..<14])) + W.bytes(opcode: 0, payload: Array(hello[14...])),
                         expected: [.deliver(.text(hello))]),
            AutobahnCase(id: "6.2.3 valid UTF-8 in 1-byte fragments", wire: fragments(hello, size: 1), expected: [.deliver(.text(hello))]),
            AutobahnCase(id: "6.2.4 κόσμε in 1-byte fragments", wire: fragments(kosme, size: 1), expected: [.deliver(.text(kosme))]),
            AutobahnCase(id: "6.3.1 invalid UTF-8 (a surrogate) in one frame", wire: W.bytes(opcode: 1, payload: invalid), expected: failedWith(1007)),
            AutobahnCase(id: "6.3.2 invalid UTF-8 in 1-byte fragments", wire: fragments(invalid, size: 1), expected: failedWith(1007)),
            // 6.4.x: the connection must fail when the bad bytes arrive, not at the message's end;
            // the wire stops right there (the rest is never sent).
            AutobahnCase(id: "6.4.1 fail fast: bad second fragment, no final fragment",
                         wire: W.bytes(fin: false, opcode: 1, payload: part1) + W.bytes(fin: false, opcode: 0, payload: part2),
                         expected: failedWith(1007)),
            AutobahnCase(id: "6.4.2 fail fast: fragment ending in the bad byte, no final fragment",
                         wire: W.bytes(fin: false, opcode: 1, payload: part1 + [0xF4]) + W.bytes(fin: false, opcode: 0, payload: [0x90]),
                         expected: failedWith(1007)),
            AutobahnCase(id: "6.4.3 fail fast inside one frame whose payload is only partly sent",
                         wire: Array(W.bytes(opcode: 1, payload: part1 + part2 + part3).dropLast(part3.count)), expected: failedWith(1007)),
            AutobahnCase(id: "6.4.4 fail fast inside one frame, right at the bad byte",
                         wire: Array(W.bytes(opcode: 1, payload: part1 + part2 + part3).dropLast(part3.count + 2)), expected: failedWith(1007)),
            AutobahnCase(id: "UTF-8 sequence split across fragments is valid",
                         wire: W.bytes(fin: false, opcode: 1, payload: [0xE2]) + W.bytes(fin: false, opcode: 0, payload: [0x82])
                             + W.bytes(opcode: 0, payload: [0xAC]), expected: [.text("€")]),
            AutobahnCase(id: "surrogate split across fragments fails at the second",
                         wire: W.bytes(fin: false, opcode: 1, payload: [0x61, 0xED]) + W.bytes(fin: false, opcode: 0, payload: [0xA0]),
                         expected: failedWith(1007)),
            AutobahnCase(id: "sequence truncated at the final fragment",
                         wire: W.bytes(fin: false, opcode: 1, payload: [0x61, 0xF0, 0x9F]) + W.bytes(opcode: 0, payload: [0x98]),
                         expected: failedWith(1007)),
            AutobahnCase(id: "binary messages are not UTF-8 checked", wire: W.bytes(opcode: 2, payload: [0xFF, 0xED, 0xA0, 0x80]),
                         expected: [.binary([0xFF, 0xED, 0xA0, 0x80])]),
        ]
    }()
}
