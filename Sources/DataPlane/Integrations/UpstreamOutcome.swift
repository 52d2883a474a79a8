import Shared

/// An HTTP integration's transport outcome in gateway terms, shared by HTTP and HTTP_PROXY.
enum UpstreamOutcome {
    /// Timeout → 504, unreachable → 504, unreadable → 502 (the Lambda-style malformed answer). A
    /// final status outside 200–599 (a `101` the gateway never asks for, `600`) is unreadable too:
    /// it is never passed to the client. The HTTP client already refuses those; this guards every
    /// other invoker.
    static func gateway(_ outcome: Result<UpstreamResponse, IntegrationFailure>) -> Result<UpstreamResponse, GatewayError> {
        switch outcome {
        case .failure(.timeout): return .failure(.integrationTimeout)
        case .failure(.connectionFailed): return .failure(.integrationFailure)
        case .failure(.invalidResponse): return .failure(.lambdaMalformed)
        case .failure(.overloaded): return .failure(.serviceUnavailable)
        case .success(let response) where !(200...599).contains(response.status): return .failure(.lambdaMalformed)
        case .success(let response): return .success(response)
        }
    }
}
