import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A fake HTTP backend on 127.0.0.1 that answers each request with canned bytes chosen by its
/// path, so a test can send what no well-behaved server would (`HTTP/1.1 600`, an unasked-for
/// `101`, interim responses). One connection at a time, one request per connection, then close.
///
/// The accept loop runs on its own thread and polls with a 50 ms timeout so `stop()` ends it;
/// every read is bounded by a 5 s receive timeout.
final class RawUpstream: Sendable {
    let port: Int
    private let listener: Int32
    private let running = Atomic<Bool>(true)
    private let finished = Mutex<Bool>(false)

    /// `answers`: request path → the exact bytes to write back.
    init(answers: [String: String]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProcessError("socket failed") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        // Safe: `address` is a sockaddr_in of the length passed, for the duration of each call.
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw ProcessError("cannot listen on 127.0.0.1")
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve(answers) }
        thread.start()
    }

    private func serve(_ answers: [String: String]) {
        defer { finished.withLock { $0 = true } }
        while running.load(ordering: .relaxed) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !received.containsHeadEnd, received.count < 65536 {
                let n = recv(client, &buffer, buffer.count, 0)
                if n <= 0 { break }
                received += buffer[0..<n]
            }
            let requestLine = String(decoding: received.prefix { $0 != 0x0D }, as: UTF8.self)
            let parts = requestLine.split(separator: " ")
            let path = parts.count > 1 ? String(parts[1]) : ""
            let answer = answers[path] ?? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            let bytes = Array(answer.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { break }
                offset += n
            }
            shutdown(client, Int32(SHUT_WR))
            close(client)
        }
    }

    /// Ends the accept loop (within ~50 ms) and closes the listening socket.
    func stop() async {
        running.store(false, ordering: .relaxed)
        let deadline = ContinuousClock.now + .seconds(2)
        while !finished.withLock({ $0 }), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        close(listener)
    }
}

private extension Array where Element == UInt8 {
    var containsHeadEnd: Bool {
        count >= 4 && indices.dropLast(3).contains { self[$0] == 0x0D && self[$0 + 1] == 0x0A && self[$0 + 2] == 0x0D && self[$0 + 3] == 0x0A }
    }
}
