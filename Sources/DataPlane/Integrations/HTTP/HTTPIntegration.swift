import Shared

/// HTTP (non-proxy): the mapped upstream request (`HTTPIntegrationRequest`), then the integration
/// response selected and mapped (`IntegrationResponseMapping.mapped`).
struct HTTPIntegration: IntegrationStep {
    let endpoint: HTTPEndpoint
    let invoker: any IntegrationInvoker
    let renderer: any MappingTemplateRenderer

    func run(_ invocation: Invocation, finish: @escaping @Sendable (Result<HTTPResponse, GatewayError>) -> Void) {
        switch HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: renderer) {
        case .failure(let error):
            finish(.failure(error))
        case .success(let upstream):
            let renderer = self.renderer
            invoker.invoke(upstream) { outcome in
                finish(UpstreamOutcome.gateway(outcome).flatMap {
                    IntegrationResponseMapping.mapped($0, invocation: invocation, renderer: renderer)
                })
            }
        }
    }
}
