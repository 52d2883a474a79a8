import Testing
@testable import Shared

@Suite struct WebSocketOpeningHandshakeTests {
    /// RFC 6455 §1.3's example key.
    private let key = "dGhlIHNhbXBsZSBub25jZQ=="

    private func request(
        method: HTTPMethod = .GET, version: HTTPVersion = .http1_1, dropping: String? = nil, _ extra: [(String, String)] = []
    ) -> HTTPRequestHead {
        var fields: [(String, String)] = [("Host", "server.example.com"), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                                          ("Sec-WebSocket-Key", key), ("Sec-WebSocket-Version", "13")]
        fields.removeAll { HTTPHeaders.equalsIgnoringCase($0.0, dropping ?? "") }
        return HTTPRequestHead(method: method, target: "/chat", version: version, headers: HTTPHeaders(fields + extra))
    }

    private func refusal(_ head: HTTPRequestHead) -> WebSocketHandshakeError? {
        do {
            _ = try WebSocketOpeningHandshake.accept(head)
            return nil
        } catch {
            return error
        }
    }

    @Test func computesTheRFCExampleAccept() {
        #expect(WebSocketOpeningHandshake.acceptValue(forKey: key) == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func answers101WithAcceptUpgradeAndConnection() throws {
        let acceptance = try WebSocketOpeningHandshake.accept(request())
        #expect(acceptance.response.status == 101)
        #expect(acceptance.response.headers["Upgrade"] == "websocket")
        #expect(acceptance.response.headers["Connection"] == "Upgrade")
        #expect(acceptance.response.headers["Sec-WebSocket-Accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(acceptance.response.headers["Sec-WebSocket-Protocol"] == nil)
        #expect(acceptance.subprotocol == nil)
    }

    @Test func acceptsTokensInAnyCaseAndInLists() throws {
        var head = request(dropping: "upgrade")
        head.headers.set("Connection", "keep-alive, Upgrade")
        head.headers.add("Upgrade", "WebSocket")
        #expect(try WebSocketOpeningHandshake.accept(head).response.status == 101)
    }

    @Test func refusesOtherMethodsAndVersions() {
        #expect(refusal(request(method: .POST)) == .methodNotGet)
        #expect(refusal(request(version: .http1_0)) == .versionNotHTTP11)
        #expect(WebSocketHandshakeError.methodNotGet.status == 400)
    }

    @Test func refusesMissingUpgradeOrConnection() {
        #expect(refusal(request(dropping: "upgrade")) == .missingUpgradeWebSocket)
        #expect(refusal(request(dropping: "upgrade", [("Upgrade", "h2c")])) == .missingUpgradeWebSocket)
        #expect(refusal(request(dropping: "connection", [("Connection", "keep-alive")])) == .missingConnectionUpgrade)
    }

    @Test(arguments: ["", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25j", "AAAAAAAAAAAAAAAAAAAAAAAA", "dGhlIHNhbXBsZSBub25jZQ=!",
                      "dGhlIHNhbXBsZSBub25jZQ== "])
    func refusesKeysThatAreNotBase64Of16Bytes(_ bad: String) {
        #expect(refusal(request(dropping: "sec-websocket-key", [("Sec-WebSocket-Key", bad)])) == .invalidKey)
    }

    @Test func refusesMissingOrRepeatedKey() {
        #expect(refusal(request(dropping: "sec-websocket-key")) == .invalidKey)
        #expect(refusal(request([("Sec-WebSocket-Key", key)])) == .invalidKey)
        #expect(WebSocketHandshakeError.invalidKey.response.status == 400)
    }

    @Test(arguments: [nil, "8", "12", "13, 8", "14"] as [String?])
    func answers426WithOurVersionForOtherVersions(_ version: String?) {
        let head = request(dropping: "sec-websocket-version", version.map { [("Sec-WebSocket-Version", $0)] } ?? [])
        #expect(refusal(head) == .unsupportedVersion)
        let response = WebSocketHandshakeError.unsupportedVersion.response
        #expect(response.status == 426)
        #expect(response.headers["Sec-WebSocket-Version"] == "13")
    }

    @Test func choosesTheClientsFirstOfferedProtocolThatTheServerSupports() throws {
        let head = request([("Sec-WebSocket-Protocol", "chat.v2, chat"), ("Sec-WebSocket-Protocol", "superchat")])
        let acceptance = try WebSocketOpeningHandshake.accept(head, supportedSubprotocols: ["superchat", "chat"])
        #expect(acceptance.subprotocol == "chat")
        #expect(acceptance.response.headers["Sec-WebSocket-Protocol"] == "chat")
    }

    @Test func choosesNoProtocolWhenNoneMatches() throws {
        let head = request([("Sec-WebSocket-Protocol", "Chat")])
        let acceptance = try WebSocketOpeningHandshake.accept(head, supportedSubprotocols: ["chat"])
        #expect(acceptance.subprotocol == nil)
        #expect(acceptance.response.headers["Sec-WebSocket-Protocol"] == nil)
    }
}
