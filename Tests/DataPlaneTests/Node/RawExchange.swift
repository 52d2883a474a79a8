@testable import Shared

/// One request written on a plain blocking socket to 127.0.0.1, and everything the server sends
/// back until it closes (at most 5 s): for requests `HTTPClient` would not send as they are.
enum RawExchange {
    static func send(_ bytes: [UInt8], toPort port: Int) -> [UInt8]? {
        guard let socket = RawSocket.connect(port: port) else { return nil }
        socket.send(bytes)
        return socket.readToEnd().bytes
    }

    /// The first response in `bytes` (a server that closes after it), or nil when there is none.
    static func response(_ bytes: [UInt8]) -> HTTPResponse? {
        var parser = HTTPResponseParser()
        parser.expectResponse(to: .POST)
        parser.append(bytes)
        var head: HTTPResponseHead?
        var body: [UInt8] = []
        while let event = try? parser.next() ?? parser.finishAtEOF() {
            switch event {
            case .head(let value): head = value
            case .body(let chunk): body += chunk
            case .end: return head.map { HTTPResponse(head: $0, body: body) }
            default: continue
            }
        }
        return nil
    }
}
