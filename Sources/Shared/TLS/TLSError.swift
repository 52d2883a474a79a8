/// Why a TLS context could not be built or a TLS connection failed (issue 15).
///
/// Every case carries the reason as text from libssl's error queue or verification result, so
/// the operator's log names it; the HTTP layers map these to AWS's generic messages.
package enum TLSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The certificate, key or CA file could not be loaded, or the key does not match.
    case configuration(String)
    /// The handshake failed (protocol version, cipher, alert from the peer).
    case handshakeFailed(String)
    /// The peer's certificate did not verify (expired, wrong host, unknown issuer).
    case certificateVerification(String)
    /// A record could not be read or written after the handshake.
    case protocolError(String)
    /// The peer closed the socket without `close_notify` in the middle of the handshake.
    case unexpectedEOF

    package var description: String {
        switch self {
        case .configuration(let reason): return "TLS configuration: \(reason)"
        case .handshakeFailed(let reason): return "TLS handshake failed: \(reason)"
        case .certificateVerification(let reason): return "TLS certificate verification failed: \(reason)"
        case .protocolError(let reason): return "TLS protocol error: \(reason)"
        case .unexpectedEOF: return "TLS peer closed the connection during the handshake"
        }
    }
}
