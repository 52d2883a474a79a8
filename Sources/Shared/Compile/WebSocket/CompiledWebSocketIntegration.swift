/// A WebSocket route's integration, compiled for one stage (stage variables substituted).
/// Immutable; what the node does not serve yet is `.refused` (the route fails closed).
package enum CompiledWebSocketIntegration: Sendable, Equatable {
    /// MOCK: no call; `statusCode` is what the static request template declares (200 without a
    /// template, as a MOCK whose request passes through).
    case mock(statusCode: Int)
    /// AWS_PROXY: the Lambda Invoke API with the WebSocket event; `credentials` the role to sign with.
    case lambda(function: String, credentials: String?, timeoutMillis: Int)
    /// HTTP_PROXY, or HTTP without templates: the message (or, for `$connect`, nothing) sent to
    /// `endpoint` with `method`.
    case http(endpoint: HTTPEndpoint, method: String, timeoutMillis: Int)
    /// Not served: the reason for logs. `$connect` answers 500 (no upgrade), a message gets AWS's
    /// `Internal server error` frame, `$disconnect` is skipped and logged.
    case refused(String)

    /// The reason, when refused.
    package var refusal: String? {
        if case .refused(let reason) = self { return reason }
        return nil
    }
}
