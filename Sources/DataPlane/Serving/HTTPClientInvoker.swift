import Shared

/// `IntegrationInvoker` over the shared `HTTPClient`: HTTP/HTTP_PROXY backends and the Lambda
/// Invoke API.
///
/// The call goes out from the calling event loop when there is one (the request's own loop, so the
/// completion needs no hop), else from the group's next loop. The integration's `timeoutInMillis`
/// bounds both the connect and the response. Client errors map to what the pipeline expects:
/// connect/response timeout → `.timeout` (504); refused, reset, closed, DNS, socket errors →
/// `.connectionFailed`; malformed or over-10-MiB responses → `.invalidResponse`; no room in the
/// node's body memory budget → `.overloaded` (503). TLS failures (certificate verification,
/// handshake, records) → `.connectionFailed`, AWS's generic 504 body, with libssl's reason in the log.
/// Every failure is logged through `log` with the upstream and its reason (issue 15: the client
/// only sees AWS's generic message, so the operator's log is the one place the reason appears).
package struct HTTPClientInvoker: IntegrationInvoker {
    private let client: HTTPClient
    private let group: EventLoopGroup
    private let log: @Sendable (String) -> Void
    /// Counts failed calls by kind for `/_tollgate/metrics` (nil: not counted).
    private let failures: UpstreamFailureCounters?

    /// The stages' client certificates (`clientCertificateId`); nil: none can be presented.
    private let clientCertificates: TLSUpstreamClientCertificates?

    package init(client: HTTPClient, group: EventLoopGroup, log: @escaping @Sendable (String) -> Void = { _ in },
                 failures: UpstreamFailureCounters? = nil, clientCertificates: TLSUpstreamClientCertificates? = nil) {
        self.client = client
        self.group = group
        self.log = log
        self.failures = failures
        self.clientCertificates = clientCertificates
    }

    package func invoke(_ request: UpstreamRequest,
                        completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
        let log = log
        let failures = failures
        var presenting = request
        if request.isTLS, request.clientTLS == nil, let id = request.clientCertificateId {
            // The stage presents a client certificate: never call its backend without it.
            guard let contexts = clientCertificates?.contexts(for: id) else {
                let reason = "client certificate \(id) is not available on this node"
                log(Self.logLine(request, reason))
                return completion(.failure(.connectionFailed(reason)))
            }
            presenting.clientTLS = contexts
        }
        let request = presenting
        client.execute(request, on: group.currentLoop) { result in
            switch result {
            case .success(let response):
                completion(.success(UpstreamResponse(status: response.status, headers: response.headers, body: response.body)))
            case .failure(let error):
                failures?.note(error)
                log(Self.logLine(request, error.description))
                completion(.failure(Self.failure(error)))
            }
        }
    }

    /// The operator's line for a failed call: scheme, upstream and reason (no path or query: they may carry secrets).
    static func logLine(_ request: UpstreamRequest, _ reason: String) -> String {
        "integration \(request.isTLS ? "https" : "http")://\(request.host):\(request.port) failed: \(reason)"
    }

    /// The pipeline's view of a client error.
    package static func failure(_ error: HTTPClientError) -> IntegrationFailure {
        switch error {
        case .connectTimeout, .responseTimeout:
            return .timeout
        case .malformedResponse, .responseTooLarge:
            return .invalidResponse(error.description)
        case .connectionRefused, .connectionReset, .connectionClosed, .dnsFailure, .shutdown, .io, .tls:
            return .connectionFailed(error.description)
        case .bufferBudgetExceeded:
            return .overloaded
        }
    }
}
