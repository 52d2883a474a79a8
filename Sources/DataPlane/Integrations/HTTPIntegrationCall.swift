import Shared

/// The call HTTP and HTTP_PROXY share: build the upstream request, send it through the invoker,
/// turn the transport outcome into gateway terms (`UpstreamOutcome`) and map the answer with `map`.
enum HTTPIntegrationCall {
    /// `map` runs on the invoker's completion thread; pass a non-capturing function where the
    /// invocation is not needed (HTTP_PROXY), so the completion closure keeps no `Invocation` copy.
    static func run(_ invocation: Invocation, endpoint: HTTPEndpoint, invoker: any IntegrationInvoker,
                    renderer: MappingTemplateRenderer?,
                    map: @escaping @Sendable (UpstreamResponse) -> Result<HTTPResponse, GatewayError>,
                    finish: @escaping IntegrationFinish) {
        switch HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: renderer) {
        case .failure(let error):
            finish(.failure(error), .none)
        case .success(let upstream):
            invoker.invoke(upstream) { outcome in
                finish(UpstreamOutcome.gateway(outcome).flatMap(map), .upstream(outcome, endpoint: .http))
            }
        }
    }
}
