#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A loopback TCP port that refuses connections for as long as this object lives: bound and never
/// listening, so a connect gets ECONNREFUSED, and no other test's server can take the port
/// meanwhile. (`unusedPort()` binds and releases, and a parallel test under CI once took the port in
/// between: `NodeMetricsTests`' closed backend answered 200.) Closed on `close()` or deinit.
package final class RefusingPort: Sendable {
    package let port: Int
    /// The bound socket; -1 once closed.
    private let descriptor: Atomic<Int32>

    package init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(step: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            Glibc.close(descriptor)
            throw Failure(step: "bind", code: code)
        }
        self.descriptor = Atomic(descriptor)
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Releases the port (it may then be reused).
    package func close() {
        let open = descriptor.exchange(-1, ordering: .relaxed)
        if open >= 0 { Glibc.close(open) }
    }

    deinit { close() }

    package struct Failure: Error {
        package let step: String
        package let code: Int32
    }
}
