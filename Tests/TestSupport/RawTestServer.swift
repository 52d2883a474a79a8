#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
/// A tiny blocking TCP server on 127.0.0.1:0 whose per-connection behaviour is a closure
/// (to play a misbehaving upstream). Each connection runs on its own thread.
package final class RawTestServer: Sendable {
    package let port: Int
    private let listenFD: Int32
    private let accepted = Atomic<Int>(0)
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    package init(_ behaviour: @escaping @Sendable (RawSocket, Int) -> Void) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        listen(fd, 16)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: bound.sin_port))
        listenFD = fd
        onOwnThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    if errno == EINTR { continue }
                    acceptLoopDone.signal()
                    return
                }
                let index = accepted.wrappingAdd(1, ordering: .relaxed).oldValue
                let socket = RawSocket(fd: client)
                socket.setReceiveTimeout(millis: 60_000)  // only a hang guard; tests end sooner
                let box = UncheckedBox(socket)
                onOwnThread { behaviour(box.value, index) }
            }
        }
    }

    package var connectionCount: Int { accepted.load(ordering: .relaxed) }

    /// Stops accepting. The descriptor is closed only after the accept thread has left `accept`,
    /// so it can never accept on a reused descriptor number belonging to another test.
    package func stop() {
        shutdown(listenFD, Int32(SHUT_RDWR))
        acceptLoopDone.wait()
        close(listenFD)
    }
}

/// A loopback port with nothing listening (bound then closed).
package func unusedPort() -> Int {
    let server = RawTestServer { _, _ in }
    let port = server.port
    server.stop()
    return port
}
