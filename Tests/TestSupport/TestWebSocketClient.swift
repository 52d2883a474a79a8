import Shared

/// A small blocking WebSocket client for tests, built on the codec's client role: the opening
/// handshake over a `RawSocket`, masked frames out (`WebSocketFrameEncoder` with a key), frames
/// in through `WebSocketFrameDecoder(role: .client)` and the assembler. Every read is bounded by
/// the socket's receive timeout, so no test can hang.
package final class TestWebSocketClient: @unchecked Sendable {
    package let socket: RawSocket
    /// The handshake's answer: status and head text.
    package let status: Int
    package let head: String
    private var decoder = WebSocketFrameDecoder(role: .client, limits: WebSocketLimits(maxFramePayloadBytes: 1 << 24, maxMessageBytes: 1 << 24))
    private var assembler = WebSocketMessageAssembler(limits: WebSocketLimits(maxFramePayloadBytes: 1 << 24, maxMessageBytes: 1 << 24))

    private init(socket: RawSocket, status: Int, head: String, rest: [UInt8]) {
        self.socket = socket
        self.status = status
        self.head = head
        decoder.append(rest)
    }

    /// Connects to `127.0.0.1:port` and sends the upgrade for `path` on `host`; nil when the
    /// socket cannot connect or no complete answer head arrives.
    package static func connect(port: Int, host: String, path: String, headers: [(String, String)] = [],
                                timeoutMillis: Int = 5000) -> TestWebSocketClient? {
        guard let socket = RawSocket.connect(port: port, receiveTimeoutMillis: timeoutMillis) else { return nil }
        var request = "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nUser-Agent: tollgate-test\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        socket.send(request + "\r\n")
        var received: [UInt8] = []
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let range = firstRange(of: end, in: received) {
                let head = String(decoding: received[..<range], as: UTF8.self)
                let fields = head.split(separator: " ", maxSplits: 2)
                guard fields.count >= 2, let status = Int(fields[1]) else { return nil }
                return TestWebSocketClient(socket: socket, status: status, head: head, rest: Array(received[(range + 4)...]))
            }
            guard let chunk = socket.readSome(), !chunk.isEmpty else { return nil }
            received += chunk
        }
    }

    package static func connectAsync(port: Int, host: String, path: String, headers: [(String, String)] = []) async -> TestWebSocketClient? {
        await withCheckedContinuation { continuation in
            onOwnThread { continuation.resume(returning: connect(port: port, host: host, path: path, headers: headers)) }
        }
    }

    /// Sends a masked text (or binary) message.
    package func send(_ text: String) { send(Array(text.utf8), opcode: .text) }

    package func send(_ payload: [UInt8], opcode: WebSocketOpcode) {
        var frame: [UInt8] = []
        WebSocketFrameEncoder.encode(opcode: opcode, payload: payload, maskKey: UInt32.random(in: 1...UInt32.max), into: &frame)
        socket.send(frame)
    }

    /// Sends a close with `code`.
    package func close(_ code: UInt16 = 1000) {
        var frame: [UInt8] = []
        WebSocketFrameEncoder.encodeClose(WebSocketCloseFrame(code: WebSocketCloseCode(rawValue: code)), maskKey: 0x0BAD_F00D, into: &frame)
        socket.send(frame)
    }

    /// The next message (a close included), or nil on timeout, end of stream or a protocol error.
    package func receive() -> WebSocketMessage? {
        while true {
            do {
                while let event = try decoder.next() {
                    if let message = try assembler.handle(event) { return message }
                }
            } catch {
                return nil
            }
            guard let chunk = socket.readSome(), !chunk.isEmpty else { return nil }
            decoder.append(chunk)
        }
    }

    package func receiveAsync() async -> WebSocketMessage? {
        await withCheckedContinuation { continuation in
            onOwnThread { continuation.resume(returning: self.receive()) }
        }
    }

    /// The next text message's text, skipping pings and pongs; nil for anything else.
    package func receiveTextAsync() async -> String? {
        while let message = await receiveAsync() {
            switch message {
            case .text(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .ping, .pong: continue
            case .binary, .close: return nil
            }
        }
        return nil
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
