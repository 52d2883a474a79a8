import Shared

/// The node's own endpoints, answered before any snapshot is consulted: `GET /_tollgate/health`
/// (always) and `GET /_tollgate/metrics` (on the API listener unless `--metrics-listen` moved it
/// to a listener of its own, `MetricsListenerHandler`).
package struct NodeEndpoints: Sendable {
    package static let metricsPath = "/_tollgate/metrics"
    private static let prefix = Array("/_tollgate/".utf8)

    let metrics: NodeMetrics
    /// Whether this listener answers scrapes.
    let servesMetrics: Bool

    /// The answer for one of the node's paths, nil for everything else (an API request). On the loop.
    package func respond(to request: HTTPRequest) -> HTTPResponse? {
        let path = request.head.path
        // Compared as bytes: it runs for every request, and most differ at the second byte.
        guard path.utf8.starts(with: Self.prefix) else { return nil }
        if path == InvokeTarget.healthPath[...] { return metrics.healthResponse() }
        if servesMetrics, path == Self.metricsPath[...], request.method == .GET || request.method == .HEAD { return metrics.response() }
        return nil
    }
}

/// The `--metrics-listen` server's handler: scrapes and health, 404 for anything else (no API is
/// served there).
struct MetricsListenerHandler: HTTPServerHandler {
    let endpoints: NodeEndpoints

    func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
        if let response = endpoints.respond(to: request) { return responder.respond(response) }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        responder.respond(HTTPResponse(status: 404, headers: headers, body: Array(#"{"message":"Not Found"}"#.utf8)))
    }
}
