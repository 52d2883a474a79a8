#if canImport(Glibc)
import Glibc
#endif
@testable import Shared

/// One request written on a plain blocking socket to 127.0.0.1, and everything the server sends
/// back until it closes (at most 5 s): for requests `HTTPClient` would not send as they are.
enum RawExchange {
    static func send(_ bytes: [UInt8], toPort port: Int) -> [UInt8]? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // Safe: `address` is a sockaddr_in of the size passed.
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        return received
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
