import Shared

/// HTTP_PROXY: the client's request passed through to `endpoint` (`HTTPIntegrationRequest`), the
/// answer passed back with AWS's header remapping (`IntegrationResponseMapping.proxy`).
struct HTTPProxyIntegration: IntegrationStep {
    let endpoint: HTTPEndpoint
    let invoker: any IntegrationInvoker
    let renderer: any MappingTemplateRenderer

    func run(_ invocation: Invocation, finish: @escaping @Sendable (Result<HTTPResponse, GatewayError>) -> Void) {
        switch HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: renderer) {
        case .failure(let error):
            finish(.failure(error))
        case .success(let upstream):
            // Its own closure, which captures no `Invocation` (a copy retains a dozen fields).
            invoker.invoke(upstream) { outcome in
                finish(UpstreamOutcome.gateway(outcome).map(IntegrationResponseMapping.proxy))
            }
        }
    }
}
