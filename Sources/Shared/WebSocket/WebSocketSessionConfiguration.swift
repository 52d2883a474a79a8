/// The limits and timeouts of one served WebSocket connection (`WebSocketSession`). Durations in
/// nanoseconds of the injected monotonic clock.
package struct WebSocketSessionConfiguration: Sendable, Equatable {
    /// API Gateway's idle connection timeout: 10 minutes without a frame from the client.
    package var idleTimeout: UInt64 = 600 * 1_000_000_000
    /// API Gateway's maximum connection duration: 2 hours.
    package var maxLifetime: UInt64 = 7_200 * 1_000_000_000
    /// How long our close waits for the peer's before the transport is closed anyway.
    package var closeTimeout: UInt64 = 5_000_000_000
    /// Bytes queued for the client and not yet written above which a message from the gateway
    /// (`@connections` POST, a route's answer) is refused and reading pauses (a client that does
    /// not read cannot make the node hold more). Reading resumes at half of it.
    package var maxOutboundBytes = 1 << 20
    package var limits: WebSocketLimits = .aws

    package init() {}

    package static let aws = WebSocketSessionConfiguration()
}
