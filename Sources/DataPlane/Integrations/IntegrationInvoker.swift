import Shared

/// A request the gateway sends to an integration endpoint (an HTTP backend or the Lambda Invoke API).
package struct UpstreamRequest: Sendable, Equatable {
    package var isTLS: Bool
    package var host: String
    package var port: Int
    package var method: HTTPMethod
    /// Origin-form request target: path and query, percent-encoded.
    package var target: String
    /// Complete header list, `Host` included; framing headers are left to the client serializer.
    package var headers: HTTPHeaders
    package var body: [UInt8]
    /// The integration's `timeoutInMillis`, for the whole exchange (connect + response).
    package var timeout: Duration

    package init(isTLS: Bool, host: String, port: Int, method: HTTPMethod, target: String, headers: HTTPHeaders,
                 body: [UInt8], timeout: Duration) {
        self.isTLS = isTLS
        self.host = host
        self.port = port
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The same request as an `HTTPRequest` value (what goes on the wire).
    package var httpRequest: HTTPRequest {
        HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: body)
    }
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
