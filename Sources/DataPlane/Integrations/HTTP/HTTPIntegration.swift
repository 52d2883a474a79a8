import Shared

/// HTTP (non-proxy): the mapped upstream request (`HTTPIntegrationRequest`), then the integration
/// response selected and mapped (`IntegrationResponseMapping.mapped`).
struct HTTPIntegration: IntegrationStep {
    let endpoint: HTTPEndpoint
    let invoker: any IntegrationInvoker
    let renderer: MappingTemplateRenderer

    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        let renderer = self.renderer
        HTTPIntegrationCall.run(invocation, endpoint: endpoint, invoker: invoker, renderer: renderer,
                                map: { IntegrationResponseMapping.mapped($0, invocation: invocation, renderer: renderer) }, finish: finish)
    }
}
