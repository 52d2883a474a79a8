/// Who caused a `GatewayError`, as Pingora's errors record it: the client (a 4xx: bad credentials,
/// limits, malformed requests), the integration (it timed out, broke the connection or answered
/// something unreadable), or the gateway itself (its configuration, its own capacity).
package enum ErrorSource: String, Sendable, Equatable {
    case client
    case integration
    case gateway
}
