#if canImport(Glibc)
import Glibc
#endif

/// The plain TCP transport: each operation is one non-blocking syscall on `fd`.
///
/// Reads and writes only ever wait for their own direction; the handshake is already done.
/// A value type holding the descriptor, so a connection stores it inline (no allocation).
package struct PlainTransport: Transport {
    package let fd: Int32

    package init(fd: Int32) { self.fd = fd }

    package func handshake() throws(SyscallError) -> TransportResult { .bytes(0) }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError) -> TransportResult {
        guard let count = try Syscall.read(fd, into: buffer) else { return .wouldBlock(.readable) }
        return .bytes(count)
    }

    package func write(_ buffer: UnsafeRawBufferPointer) throws(SyscallError) -> TransportResult {
        guard let count = try Syscall.write(fd, buffer) else { return .wouldBlock(.writable) }
        return .bytes(count)
    }

    package func writev(_ vectors: UnsafeBufferPointer<iovec>) throws(SyscallError) -> TransportResult {
        guard let count = try Syscall.writev(fd, vectors) else { return .wouldBlock(.writable) }
        return .bytes(count)
    }

    package func shutdownWrite() throws(SyscallError) -> TransportResult {
        Syscall.shutdownWrite(fd)
        return .bytes(0)
    }

    package func close() {
        Syscall.close(fd)
    }
}
