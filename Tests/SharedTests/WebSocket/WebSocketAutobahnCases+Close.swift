@testable import Shared

private typealias W = WireFrame

// MARK: - 7 Close handling, 9 Limits

extension AutobahnTable {
    static let closing: [AutobahnCase] = {
        let normal = W.close(code: 1000)
        let echoed: [WebSocketCloseHandshake.Action] = [.closeWith(1000), .closeTransport]
        let badReason: [UInt8] = kosme + [0xED, 0xA0, 0x80] + Array("edited".utf8)
        var cases = [
            AutobahnCase(id: "7.1.1 text, then close", wire: W.text("Hello World!") + normal, expected: [.text("Hello World!")] + echoed),
            AutobahnCase(id: "7.1.2 close twice", wire: normal + normal, expected: echoed),
            AutobahnCase(id: "7.1.3 close, then ping", wire: normal + W.bytes(opcode: 9), expected: echoed),
            AutobahnCase(id: "7.1.4 close, then text", wire: normal + W.text("Hello World!"), expected: echoed),
            AutobahnCase(id: "7.1.5 fragment, close, last fragment",
                         wire: W.text("fragment1", fin: false) + normal + W.bytes(opcode: 0, payload: Array("fragment2".utf8)),
                         expected: echoed),
            AutobahnCase(id: "7.3.1 close without payload", wire: W.close(code: nil), expected: echoed),
            AutobahnCase(id: "7.3.2 close with 1 byte", wire: W.bytes(opcode: 8, payload: [0x61]), expected: failedWith(1002)),
            AutobahnCase(id: "7.3.3 close with code 1000 only", wire: normal, expected: echoed),
            AutobahnCase(id: "7.3.4 close with code and reason", wire: W.close(code: 1000, reason: Array("Hello World!".utf8)), expected: echoed),
            AutobahnCase(id: "7.3.5 close with code and 123-byte reason", wire: W.close(code: 1000, reason: stars123), expected: echoed),
            AutobahnCase(id: "7.3.6 close with code and 124-byte reason (126-byte payload)",
                         wire: W.close(code: 1000, reason: stars123 + [0x2A]), expected: failedWith(1002)),
            AutobahnCase(id: "7.5.1 close reason that is not UTF-8", wire: W.close(code: 1000, reason: badReason), expected: failedWith(1007)),
            AutobahnCase(id: "7.13.1 close code 5000", wire: W.close(code: 5000), expected: failedWith(1002)),
            AutobahnCase(id: "7.13.2 close code 65535", wire: W.close(code: 65535), expected: failedWith(1002)),
        ]
        for (index, code) in [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999].enumerated() {
            cases.append(AutobahnCase(id: "7.7.\(index + 1) valid close code \(code) is echoed", wire: W.close(code: UInt16(code)),
                                      expected: [.closeWith(UInt16(code)), .closeTransport]))
        }
        // 1012–1014 were registered after RFC 6455 (IANA); Autobahn predates them.
        for code in [1012, 1013, 1014] {
            cases.append(AutobahnCase(id: "registered close code \(code) is echoed", wire: W.close(code: UInt16(code)),
                                      expected: [.closeWith(UInt16(code)), .closeTransport]))
        }
        for (index, code) in [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999].enumerated() {
            cases.append(AutobahnCase(id: "7.9.\(index + 1) invalid close code \(code)", wire: W.close(code: UInt16(code)),
                                      expected: failedWith(1002)))
        }
        cases.append(AutobahnCase(id: "close code 1015 (local only)", wire: W.close(code: 1015), expected: failedWith(1002)))
        return cases
    }()

    private static let stars123 = [UInt8](repeating: 0x2A, count: 123)

    /// 9.x sends 64 KiB–16 MiB messages whole or in frames of 64 B–4 MiB. Under API Gateway's
    /// limits every one of them is over a limit (1009); the same shapes at the limits' edges and
    /// under `relaxed` limits give the RFC outcome (the message echoed).
    static let limits: [AutobahnCase] = {
        let frameLimit = WebSocketLimits.aws.maxFramePayloadBytes, messageLimit = WebSocketLimits.aws.maxMessageBytes
        func fragmented(_ payload: [UInt8], frame size: Int, opcode: UInt8) -> [UInt8] {
            stride(from: 0, to: payload.count, by: size).enumerated().flatMap { index, start in
                W.bytes(fin: start + size >= payload.count, opcode: index == 0 ? opcode : 0,
                        payload: Array(payload[start..<min(start + size, payload.count)]))
            }
        }
        let text64K = [UInt8](repeating: 0x2A, count: 64 * 1024)
        let binary64K = [UInt8](repeating: 0xFE, count: 64 * 1024)
        let atMessageLimit = [UInt8](repeating: 0x2A, count: messageLimit)
        return [
            AutobahnCase(id: "9.1.1 64 KiB text in one frame (over the frame limit)", wire: W.bytes(opcode: 1, payload: text64K), expected: failedWith(1009)),
            AutobahnCase(id: "9.1.1 64 KiB text in one frame, relaxed limits", wire: W.bytes(opcode: 1, payload: text64K), limits: relaxed,
                         expected: [.deliver(.text(text64K))]),
            AutobahnCase(id: "9.2.1 64 KiB binary in one frame (over the frame limit)", wire: W.bytes(opcode: 2, payload: binary64K), expected: failedWith(1009)),
            AutobahnCase(id: "9.2.1 64 KiB binary in one frame, relaxed limits", wire: W.bytes(opcode: 2, payload: binary64K), limits: relaxed,
                         expected: [.binary(binary64K)]),
            AutobahnCase(id: "frame of exactly the frame limit", wire: W.bytes(opcode: 2, payload: [UInt8](repeating: 1, count: frameLimit)),
                         expected: [.binary([UInt8](repeating: 1, count: frameLimit))]),
            AutobahnCase(id: "frame one byte over the frame limit, refused at its head",
                         wire: Array(W.bytes(opcode: 2, payload: [UInt8](repeating: 1, count: frameLimit + 1)).prefix(8)),
                         expected: failedWith(1009)),
            AutobahnCase(id: "9.3 message of exactly the message limit in 32 KiB frames",
                         wire: fragmented(atMessageLimit, frame: frameLimit, opcode: 1), expected: [.deliver(.text(atMessageLimit))]),
            AutobahnCase(id: "9.3 message one byte over the limit, refused at the last fragment's head",
                         wire: Array(fragmented(atMessageLimit + [0x2A], frame: frameLimit, opcode: 1).dropLast(1)), expected: failedWith(1009)),
            AutobahnCase(id: "9.3.1 text over the message limit in 64-byte frames",
                         wire: fragmented([UInt8](repeating: 0x2A, count: messageLimit + 64), frame: 64, opcode: 1), expected: failedWith(1009)),
            AutobahnCase(id: "9.3.1 64 KiB text in 64-byte frames, AWS limits", wire: fragmented(text64K, frame: 64, opcode: 1),
                         expected: [.deliver(.text(text64K))]),
            AutobahnCase(id: "9.4.1 64 KiB binary in 256-byte frames, AWS limits", wire: fragmented(binary64K, frame: 256, opcode: 2),
                         expected: [.binary(binary64K)]),
            AutobahnCase(id: "9.4 256 KiB binary in 4 KiB frames, relaxed limits",
                         wire: fragmented(binary64K + binary64K + binary64K + binary64K, frame: 4096, opcode: 2), limits: relaxed,
                         expected: [.binary(binary64K + binary64K + binary64K + binary64K)]),
        ]
    }()
}
