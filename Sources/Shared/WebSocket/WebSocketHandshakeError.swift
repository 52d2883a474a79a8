/// Why an opening handshake is refused (RFC 6455 §4.2.1–§4.2.2), and the answer to send.
package enum WebSocketHandshakeError: Error, Sendable, Equatable {
    /// Not `GET`.
    case methodNotGet
    /// Not HTTP/1.1.
    case versionNotHTTP11
    /// No `Upgrade` field listing `websocket` (case-insensitive).
    case missingUpgradeWebSocket
    /// No `Connection` field listing `upgrade`.
    case missingConnectionUpgrade
    /// `Sec-WebSocket-Key` missing, repeated, or not the base64 of exactly 16 bytes.
    case invalidKey
    /// `Sec-WebSocket-Version` missing, repeated, or not `13`.
    case unsupportedVersion

    /// 426 for a version we do not speak (§4.2.2 point 4), 400 for everything else.
    package var status: Int { self == .unsupportedVersion ? 426 : 400 }

    /// The refusal as an HTTP response; a 426 lists the version we speak (§4.4).
    package var response: HTTPResponse {
        var headers = HTTPHeaders()
        if self == .unsupportedVersion { headers.add("Sec-WebSocket-Version", "13") }
        headers.add("Content-Type", "text/plain")
        return HTTPResponse(status: status, headers: headers, body: Array(message.utf8))
    }

    private var message: String {
        switch self {
        case .methodNotGet: return "WebSocket handshake must be a GET request\n"
        case .versionNotHTTP11: return "WebSocket handshake must use HTTP/1.1\n"
        case .missingUpgradeWebSocket: return "Upgrade: websocket is required\n"
        case .missingConnectionUpgrade: return "Connection: Upgrade is required\n"
        case .invalidKey: return "Sec-WebSocket-Key must be the base64 of 16 bytes\n"
        case .unsupportedVersion: return "Sec-WebSocket-Version 13 is required\n"
        }
    }
}
