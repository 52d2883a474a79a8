import Shared

/// HTTP_PROXY on an HTTP API: the client's request passed to the integration URL (its `{name}`
/// placeholders filled from the route's path parameters; for the `$default` route the request path
/// appended, as AWS "sends the full request path to the integration"), the method
/// `integrationMethod` names (`ANY`: the client's), query and body as received (after any request
/// parameter mapping; `overwrite:path` replaces the URI's path). The answer comes
/// back with REST's HTTP_PROXY header handling (`IntegrationResponseMapping.proxy`). Reuses REST's
/// upstream request builder and client (`HTTPIntegrationCall`).
struct HttpApiProxyIntegration: IntegrationStep {
    let endpoint: HTTPEndpoint
    /// True on the `$default` route.
    let appendsRequestPath: Bool
    let invoker: any IntegrationInvoker

    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        let target: HTTPEndpoint
        if let mapped = invocation.mappedIntegrationPath {
            // `overwrite:path`: the mapped path replaces the URI's (and the request's) path.
            target = HTTPEndpoint(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, hostHeader: endpoint.hostHeader,
                                  path: [.literal(mapped)], query: endpoint.query)
        } else {
            target = appendsRequestPath ? Self.appending(invocation.path, to: endpoint) : endpoint
        }
        HTTPIntegrationCall.run(invocation, endpoint: target, invoker: invoker, renderer: nil,
                                map: { .success(IntegrationResponseMapping.proxy($0)) }, finish: finish)
    }

    /// `endpoint` with `path` (the request path after the stage, encoded as received) after its
    /// own path: `https://h` + `/a/b` → `https://h/a/b`; `https://h/base` + `/a` → `https://h/base/a`;
    /// the root path `/` leaves the endpoint as it is.
    static func appending(_ path: String, to endpoint: HTTPEndpoint) -> HTTPEndpoint {
        guard path != "/" else { return endpoint }
        var pieces = endpoint.path
        if case .literal(let text)? = pieces.last, text.hasSuffix("/") {
            pieces[pieces.count - 1] = .literal(String(text.dropLast()))
            if case .literal("")? = pieces.last { pieces.removeLast() }
        }
        pieces.append(.literal(path))
        return HTTPEndpoint(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, hostHeader: endpoint.hostHeader,
                            path: pieces, query: endpoint.query)
    }
}
