/// Why an `HTTPClient` request failed. Every case is an upstream or transport problem; the
/// proxy maps them to 502/504 in one place.
package enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The upstream refused the TCP connection (nothing listening).
    case connectionRefused
    /// The connection was reset (RST, broken pipe) before the response was complete.
    case connectionReset
    /// The upstream closed the connection before a complete response (FIN, no RST).
    case connectionClosed
    /// The TCP connection was not established within `connectTimeout`.
    case connectTimeout
    /// The whole response did not arrive within `responseTimeout`.
    case responseTimeout
    /// The upstream's bytes are not a valid HTTP/1.1 response.
    case malformedResponse(String)
    /// The host name did not resolve.
    case dnsFailure(String)
    /// The response body is over `HTTPLimits.maxBodyBytes`.
    case responseTooLarge
    /// The node's body memory (`BodyMemoryBudget`) had no room for the response body; the
    /// connection was closed. Transient: the gateway answers 503 Service Unavailable.
    case bufferBudgetExceeded
    /// The client was shut down before the request could be sent.
    case shutdown
    /// The TLS handshake or a record failed, with libssl's reason: certificate verification
    /// (expired, wrong host, unknown issuer), protocol, or no TLS client context.
    case tls(TLSError)
    /// Any other socket error (message from the kernel).
    case io(String)

    package var description: String {
        switch self {
        case .connectionRefused: return "connection refused"
        case .connectionReset: return "connection reset by upstream"
        case .connectionClosed: return "upstream closed the connection before a complete response"
        case .connectTimeout: return "connect timed out"
        case .responseTimeout: return "response timed out"
        case .malformedResponse(let why): return "malformed upstream response: \(why)"
        case .dnsFailure(let why): return "DNS resolution failed: \(why)"
        case .responseTooLarge: return "upstream response too large"
        case .bufferBudgetExceeded: return "no room in the node's body memory budget for the response"
        case .shutdown: return "HTTP client shut down"
        case .tls(let error): return error.description
        case .io(let why): return "I/O error: \(why)"
        }
    }

    /// The client error for a socket error, or for the TLS failure behind it.
    init(_ error: SyscallError, tls: TLSError?) {
        if let tls {
            self = .tls(tls)
        } else {
            self.init(error)
        }
    }

    /// The client error for a socket error.
    init(_ error: SyscallError) {
        switch error.kind {
        case .connectionRefused: self = .connectionRefused
        case .connectionReset, .brokenPipe: self = .connectionReset
        case .timedOut: self = .connectTimeout
        default: self = .io(error.description)
        }
    }

    /// The client error for a response the parser refused.
    init(_ error: HTTPParseError) {
        switch error {
        case .bodyTooLarge: self = .responseTooLarge
        case .closedWithoutResponse, .truncatedMessage: self = .connectionClosed
        default: self = .malformedResponse("\(error)")
        }
    }
}
