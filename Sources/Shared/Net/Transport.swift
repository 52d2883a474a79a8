#if canImport(Glibc)
import Glibc
#endif

/// How a connection moves bytes over its socket: plain TCP today (`PlainTransport`), TLS next.
///
/// The connection shells (`HTTPServerConnection`, `HTTPClientConnection`) never call `read`,
/// `write` or `shutdown` on their descriptor themselves; they go through this seam. It is shaped
/// for a non-blocking TLS transport on the same epoll loops:
/// - every operation may answer `.wouldBlock(.readable)` *or* `.wouldBlock(.writable)`, whatever
///   it was asked to do (OpenSSL's `SSL_ERROR_WANT_READ`/`WANT_WRITE`): a shell adds that
///   interest and repeats the operation when the socket is ready;
/// - `handshake()` is driven to `.bytes(0)` before the first read or write (plain: at once);
/// - `shutdownWrite()` is the graceful close (TLS: `close_notify`, then the TCP half-close).
///
/// The methods are non-mutating: a transport's state lives in the kernel (plain) or in its
/// OpenSSL objects (TLS: a final class, or a struct holding the `SSL` pointer), so the shells keep
/// it in a `let` and no call pays Swift's dynamic exclusivity check on an `inout` class property
/// (two per request, about 2 % of `tollgate echo`'s instructions per request under callgrind). The shells
/// are written against the concrete `PlainTransport` through generic code in `ReadBuffer` and
/// `OutboundQueue`, so the plain path is specialised (no dynamic dispatch per call).
/// Loop-confined, like the connection that owns it.
package protocol Transport {
    /// The descriptor registered with epoll.
    var fd: Int32 { get }
    /// Advances the handshake: `.bytes(0)` once established, else what it waits for.
    func handshake() throws(SyscallError) -> TransportResult
    /// Reads into `buffer`: `.bytes(n)` (0 = the peer ended the stream) or what it waits for.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError) -> TransportResult
    /// Writes from `buffer`: `.bytes(n)` written (n ≥ 1 for a non-empty buffer) or what it waits for.
    func write(_ buffer: UnsafeRawBufferPointer) throws(SyscallError) -> TransportResult
    /// Writes the gathered `vectors` (a TLS transport may send only a prefix of them).
    func writev(_ vectors: UnsafeBufferPointer<iovec>) throws(SyscallError) -> TransportResult
    /// Starts or continues the graceful close of the sending side: `.bytes(0)` once done.
    func shutdownWrite() throws(SyscallError) -> TransportResult
    /// Releases the transport and closes the descriptor (unsent bytes are dropped).
    func close()
}

/// The outcome of one transport operation.
package enum TransportResult: Equatable, Sendable {
    /// The operation moved this many bytes (0 for a read: end of stream; for a step: done).
    case bytes(Int)
    /// Nothing moved; repeat once the socket is ready in this direction.
    case wouldBlock(TransportWait)
}

/// The readiness a blocked transport operation waits for.
package enum TransportWait: Equatable, Sendable {
    case readable, writable

    /// The epoll flag for this readiness.
    var epollFlag: UInt32 { self == .readable ? Epoll.Flags.readable : Epoll.Flags.writable }
}
