/// The server's side of the RFC 6455 opening handshake as a pure function of the request head.
///
/// Checks, in this order (the first that fails decides the answer):
/// 1. `GET` (400), 2. HTTP/1.1 (400), 3. an `Upgrade` field listing `websocket`, ignoring case
/// (400), 4. a `Connection` field listing `upgrade` (400), 5. exactly one `Sec-WebSocket-Version`
/// equal to `13` — otherwise 426 with `Sec-WebSocket-Version: 13`, checked before the key so an
/// old client learns the version it should speak, 6. exactly one `Sec-WebSocket-Key` of 24
/// characters that base64-decodes to 16 bytes (400).
/// The answer is `101 Switching Protocols` with `Upgrade: websocket`, `Connection: Upgrade`,
/// `Sec-WebSocket-Accept` and, when one was chosen, `Sec-WebSocket-Protocol`.
/// Subprotocols: the client lists them in its order of preference (§4.1, §11.3.4); the first one
/// the server supports (exact, case-sensitive match, as §4.2.2 compares them) is chosen, and no
/// header is sent when none matches (the client then decides whether to go on, §4.1).
/// Extensions offered in `Sec-WebSocket-Extensions` are declined by not answering them (§9.1):
/// none, not even `permessage-deflate`, is implemented yet.
package enum WebSocketOpeningHandshake {
    /// RFC 6455's GUID appended to the key before hashing (§1.3).
    package static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// A handshake that passed: the `101` head to send and the subprotocol chosen, if any.
    package struct Acceptance: Sendable, Equatable {
        package var response: HTTPResponseHead
        package var subprotocol: String?
    }

    /// `base64(SHA-1(key + GUID))`, the `Sec-WebSocket-Accept` value for `key` as sent (§4.2.2).
    package static func acceptValue(forKey key: String) -> String {
        Base64.encode(Digest.sha1(Array((key + guid).utf8)))
    }

    /// Validates `head` and builds the `101` answer, or throws the refusal.
    package static func accept(
        _ head: HTTPRequestHead, supportedSubprotocols: [String] = []
    ) throws(WebSocketHandshakeError) -> Acceptance {
        guard head.method == .GET else { throw .methodNotGet }
        guard head.version == .http1_1 else { throw .versionNotHTTP11 }
        guard head.headers.values("upgrade").contains(where: { HTTPSyntax.listContains($0, "websocket") })
        else { throw .missingUpgradeWebSocket }
        guard head.headers.values("connection").contains(where: { HTTPSyntax.listContains($0, "upgrade") })
        else { throw .missingConnectionUpgrade }
        let versions = head.headers.values("sec-websocket-version")
        guard versions.count == 1, versions[0] == "13" else { throw .unsupportedVersion }
        let keys = head.headers.values("sec-websocket-key")
        guard keys.count == 1, keys[0].utf8.count == 24, Base64.decode(keys[0])?.count == 16 else { throw .invalidKey }

        let subprotocol = chooseSubprotocol(offered: head.headers.values("sec-websocket-protocol"), supported: supportedSubprotocols)
        var headers = HTTPHeaders()
        headers.add("Upgrade", "websocket")
        headers.add("Connection", "Upgrade")
        headers.add("Sec-WebSocket-Accept", acceptValue(forKey: keys[0]))
        if let subprotocol { headers.add("Sec-WebSocket-Protocol", subprotocol) }
        return Acceptance(response: HTTPResponseHead(status: 101, headers: headers), subprotocol: subprotocol)
    }

    /// The first of the client's offered subprotocols (in the order sent, across repeated fields)
    /// that `supported` contains.
    static func chooseSubprotocol(offered fields: [String], supported: [String]) -> String? {
        guard !supported.isEmpty else { return nil }
        for field in fields {
            for element in field.split(separator: ",") {
                let name = element.trimmingASCIIWhitespace()
                if !name.isEmpty, supported.contains(where: { $0 == name }) { return String(name) }
            }
        }
        return nil
    }
}
