import Shared

/// A request the gateway sends to an integration endpoint (an HTTP backend or the Lambda Invoke
/// API): the HTTP client's request, so the invoker hands it on without copying field by field.
/// `target` is origin-form and percent-encoded; `headers` is the complete list, `Host` included
/// (framing headers are left to the client serializer).
package typealias UpstreamRequest = HTTPClientRequest

extension HTTPClientRequest {
    /// An integration request: `timeout` is the integration's `timeoutInMillis` for the whole
    /// exchange, so it bounds both the connect and the response.
    package init(isTLS: Bool, host: String, port: Int, method: HTTPMethod, target: String, headers: HTTPHeaders,
                 body: [UInt8], timeout: Duration) {
        self.init(isTLS: isTLS, host: host, port: port, method: method, target: target, headers: headers, body: body,
                  connectTimeout: timeout, responseTimeout: timeout)
    }

    /// The integration's timeout (`init(…timeout:)` sets it as both the connect and the response timeout).
    package var timeout: Duration { responseTimeout }
}

/// What an integration endpoint answered, body complete.
package struct UpstreamResponse: Sendable, Equatable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]

    package init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an integration call produced no response.
package enum IntegrationFailure: Error, Sendable, Equatable {
    /// No complete response within the timeout → 504 `Endpoint request timed out`.
    case timeout
    /// Refused, reset, DNS failure, TLS failure… → 504 `Network error communicating with endpoint`
    /// (502 for the Lambda Invoke API).
    case connectionFailed(String)
    /// Not parsable as HTTP, or over the 10 MiB limit.
    case invalidResponse(String)
    /// The node had no room in its body memory budget for the response → 503 Service Unavailable.
    case overloaded
}

/// The I/O part of the integration phase, implemented by the network layer (HTTP client on the
/// event loops). The pipeline calls it at most once per request and continues in `completion`,
/// which may run on any thread; implementations must call it exactly once.
package protocol IntegrationInvoker: Sendable {
    func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void)
}
