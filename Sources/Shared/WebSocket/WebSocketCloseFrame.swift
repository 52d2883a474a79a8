/// The payload of a close frame (RFC 6455 §5.5.1): nothing, or a 2-byte big-endian status code
/// followed by a UTF-8 reason.
package struct WebSocketCloseFrame: Sendable, Equatable {
    /// Nil for an empty close payload (which the receiver reports as 1005, "no status").
    package var code: WebSocketCloseCode?
    /// The reason, possibly empty; only meaningful with a code.
    package var reason: String

    package init(code: WebSocketCloseCode?, reason: String = "") {
        self.code = code
        self.reason = reason
    }

    /// Reads a received close payload: a 1-byte payload or a code `isValidOnWire` refuses is a
    /// protocol error (1002); a reason that is not UTF-8 is 1007.
    package static func parse(_ payload: [UInt8]) throws(WebSocketProtocolError) -> WebSocketCloseFrame {
        if payload.isEmpty { return WebSocketCloseFrame(code: nil) }
        guard payload.count >= 2 else { throw .invalidClosePayload }
        let code = WebSocketCloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isValidOnWire else { throw .invalidCloseCode(code.rawValue) }
        var validator = WebSocketUTF8Validator()
        let reason = payload[2...]
        guard validator.validate(reason), validator.isComplete else { throw .invalidUTF8 }
        return WebSocketCloseFrame(code: code, reason: String(decoding: reason, as: UTF8.self))
    }

    /// The payload bytes of this close frame: empty without a code, else code + reason.
    /// The reason is cut at a character boundary so the payload stays within 125 bytes (§5.5).
    package var payload: [UInt8] {
        guard let code else { return [] }
        var bytes: [UInt8] = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
        for scalar in reason.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if bytes.count + encoded.count > 125 { break }
            bytes += encoded
        }
        return bytes
    }
}
