#if canImport(Glibc)
import Glibc
#endif

/// The transport an accepted connection uses: plain TCP or TLS (issue 15), chosen per listener.
///
/// An enum rather than `any Transport` so the shell's generic `ReadBuffer`/`OutboundQueue` code
/// stays specialised: the plain path pays one predictable branch per operation, no dynamic
/// dispatch and no allocation. Loop-confined, like the connection that owns it.
package enum ConnectionTransport: Transport {
    case plain(PlainTransport)
    case tls(TLSTransport)

    /// Whether bytes taken from the socket may wait inside the transport, where epoll cannot see
    /// them (TLS records read along with the handshake): after a handshake, read without waiting.
    package var mayHoldInput: Bool { isTLS }

    /// Whether this is the TLS transport.
    package var isTLS: Bool {
        if case .tls = self { return true }
        return false
    }

    /// The client certificate a mutual TLS domain verified (TLS, after the handshake), else nil.
    package var verifiedClientCertificate: TLSClientCertificate? {
        if case .tls(let transport) = self { return transport.session.verifiedClientCertificate }
        return nil
    }

    /// The typed TLS reason behind the last error a TLS transport threw (nil: plain, or none).
    package var tlsFailure: TLSError? {
        if case .tls(let transport) = self { return transport.failure }
        return nil
    }

    package var fd: Int32 {
        switch self {
        case .plain(let transport): return transport.fd
        case .tls(let transport): return transport.fd
        }
    }

    package func handshake() throws(SyscallError) -> TransportResult {
        switch self {
        case .plain(let transport): return try transport.handshake()
        case .tls(let transport): return try transport.handshake()
        }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError) -> TransportResult {
        switch self {
        case .plain(let transport): return try transport.read(into: buffer)
        case .tls(let transport): return try transport.read(into: buffer)
        }
    }

    package func write(_ buffer: UnsafeRawBufferPointer) throws(SyscallError) -> TransportResult {
        switch self {
        case .plain(let transport): return try transport.write(buffer)
        case .tls(let transport): return try transport.write(buffer)
        }
    }

    package func writev(_ vectors: UnsafeBufferPointer<iovec>) throws(SyscallError) -> TransportResult {
        switch self {
        case .plain(let transport): return try transport.writev(vectors)
        case .tls(let transport): return try transport.writev(vectors)
        }
    }

    package func shutdownWrite() throws(SyscallError) -> TransportResult {
        switch self {
        case .plain(let transport): return try transport.shutdownWrite()
        case .tls(let transport): return try transport.shutdownWrite()
        }
    }

    package func close() {
        switch self {
        case .plain(let transport): transport.close()
        case .tls(let transport): transport.close()
        }
    }
}
