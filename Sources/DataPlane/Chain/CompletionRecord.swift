/// What a completion hook learns about a finished request (access logs and metrics).
///
/// Built only for routes with a filter that observes completion. Times are monotonic
/// nanoseconds; `latencyNanos` runs from the end of routing to the response being handed to the
/// connection, `integrationLatencyNanos` over the terminal step alone (nil when the request never
/// reached it). Byte counts are bodies only; `requestBodyBytes` is the body as received (before a
/// `RequestDecompressionFilter` decoded it).
package struct CompletionRecord: Sendable, Equatable {
    package let status: Int
    package let latencyNanos: UInt64
    package let integrationLatencyNanos: UInt64?
    package let requestBodyBytes: Int
    package let responseBodyBytes: Int
    /// `x-amzn-ErrorType` of the gateway error that answered, nil for a response that is not one.
    package let errorType: String?
    /// Who caused that error.
    package let errorSource: ErrorSource?
    /// The gateway error that answered (`$context.error.message`, `error.responseType` in access
    /// logs), nil for a response that is not one.
    package let error: GatewayError?
    /// What the integration learned about its endpoint's answer (`.none` when the request never
    /// reached it, or its integration calls nothing).
    package let integration: IntegrationReport
    /// Monotonic nanoseconds at the end of routing, where `latencyNanos` starts (0: not recorded),
    /// and when the integration step started (0: it did not run): the trace's child spans.
    package var startedNanos: UInt64 = 0
    package var integrationStartedNanos: UInt64 = 0

    package init(status: Int, latencyNanos: UInt64, integrationLatencyNanos: UInt64?, requestBodyBytes: Int,
                 responseBodyBytes: Int, errorType: String?, errorSource: ErrorSource?, error: GatewayError? = nil,
                 integration: IntegrationReport = .none) {
        self.error = error
        self.integration = integration
        self.status = status
        self.latencyNanos = latencyNanos
        self.integrationLatencyNanos = integrationLatencyNanos
        self.requestBodyBytes = requestBodyBytes
        self.responseBodyBytes = responseBodyBytes
        self.errorType = errorType
        self.errorSource = errorSource
    }
}
