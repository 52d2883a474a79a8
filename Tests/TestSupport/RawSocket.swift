#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Shared

/// A blocking loopback TCP socket for end-to-end tests: raw bytes in and out, every read bounded
/// by a receive timeout so no test can hang.
package final class RawSocket: @unchecked Sendable {
    package private(set) var fd: Int32

    package init(fd: Int32) { self.fd = fd }

    /// Connects to 127.0.0.1:`port`; nil when refused.
    package static func connect(port: Int, receiveTimeoutMillis: Int = 5000) -> RawSocket? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            return nil
        }
        let socket = RawSocket(fd: fd)
        socket.setReceiveTimeout(millis: receiveTimeoutMillis)
        return socket
    }

    deinit { if fd >= 0 { close(fd) } }

    package func setReceiveTimeout(millis: Int) {
        var timeout = timeval(tv_sec: millis / 1000, tv_usec: (millis % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    package func setReceiveBuffer(_ bytes: Int32) {
        var value = bytes
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    package func send(_ text: String) { send(Array(text.utf8)) }

    package func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads once (up to 64 KiB). Empty at EOF; nil on timeout or error.
    package func readSome() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        if n < 0 { return nil }
        return Array(buffer[0..<n])
    }

    /// Reads until EOF (true) or timeout/error (false), returning everything received.
    package func readToEnd() -> (bytes: [UInt8], sawEOF: Bool) {
        var all: [UInt8] = []
        while let chunk = readSome() {
            if chunk.isEmpty { return (all, true) }
            all += chunk
        }
        return (all, false)
    }

    /// Reads until `count` whole responses (to requests made with `methods`) are parsed.
    package func readResponses(_ methods: [HTTPMethod]) -> [HTTPResponse] {
        var parser = HTTPResponseParser()
        for method in methods { parser.expectResponse(to: method) }
        var responses: [HTTPResponse] = []
        var head: HTTPResponseHead?
        var body: [UInt8] = []
        while responses.count < methods.count {
            guard let chunk = readSome(), !chunk.isEmpty else { return responses }
            parser.append(chunk)
            while let event = try? parser.next() {
                switch event {
                case .head(let h): head = h
                case .body(let b): body += b
                case .end:
                    responses.append(HTTPResponse(head: head!, body: body))
                    body = []
                }
            }
        }
        return responses
    }

    // MARK: - Off the cooperative pool

    /// Runs blocking socket work on its own thread so async tests never block Swift's cooperative
    /// threads, nor Dispatch's global queue (which runs only about one thread per core).
    package func blocking<T: Sendable>(_ body: @escaping @Sendable (RawSocket) -> T) async -> T {
        await withCheckedContinuation { continuation in
            onOwnThread { continuation.resume(returning: body(self)) }
        }
    }

    package func readToEndAsync() async -> (bytes: [UInt8], sawEOF: Bool) { await blocking { $0.readToEnd() } }
    package func readSomeAsync() async -> [UInt8]? { await blocking { $0.readSome() } }
    package func readResponsesAsync(_ methods: [HTTPMethod]) async -> [HTTPResponse] { await blocking { $0.readResponses(methods) } }

    /// Connects off the cooperative pool and sends `initial` right away (no gap in which a
    /// short server timeout could fire while the test task waits to be scheduled).
    package static func connectAsync(port: Int, receiveTimeoutMillis: Int = 5000, sending initial: String = "") async -> RawSocket? {
        await withCheckedContinuation { continuation in
            onOwnThread {
                let socket = connect(port: port, receiveTimeoutMillis: receiveTimeoutMillis)
                if !initial.isEmpty { socket?.send(initial) }
                continuation.resume(returning: socket)
            }
        }
    }

    /// Connects and runs `body` with the socket, all on one dedicated thread; nil when refused.
    package static func withConnection<T: Sendable>(port: Int, receiveTimeoutMillis: Int = 5000, _ body: @escaping @Sendable (RawSocket) -> T) async -> T? {
        await withCheckedContinuation { continuation in
            onOwnThread {
                guard let socket = connect(port: port, receiveTimeoutMillis: receiveTimeoutMillis) else {
                    return continuation.resume(returning: nil)
                }
                continuation.resume(returning: body(socket))
            }
        }
    }

    /// Shuts down the write side (sends FIN).
    package func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Closes with an RST instead of a FIN.
    package func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
        fd = -1
    }
}

/// Runs `body` on a new detached thread (blocking test I/O must not occupy shared pools).
package func onOwnThread(_ body: @escaping @Sendable () -> Void) {
    Thread.detachNewThread(body)
}
