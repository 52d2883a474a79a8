import Shared

/// Picks each route's terminal `IntegrationStep` from its compiled integration, once per snapshot
/// (`RouteChains`), off the event loops.
package struct IntegrationCatalog: Sendable {
    package let configuration: PipelineConfiguration
    package let invoker: any IntegrationInvoker
    package let renderer: MappingTemplateRenderer

    package init(configuration: PipelineConfiguration, invoker: any IntegrationInvoker, renderer: MappingTemplateRenderer) {
        self.configuration = configuration
        self.invoker = invoker
        self.renderer = renderer
    }

    /// The step for `route`: MOCK, HTTP, HTTP_PROXY, AWS_PROXY, AWS (Lambda or an AWS service), or the one that answers
    /// 500 for a target the compiler marked misconfigured (and Lambda without `--lambda-endpoint`).
    package func step(for route: CompiledRoute) -> any IntegrationStep {
        if let http = route.httpApi { return httpApiStep(for: route, http) }
        let integration = route.integration
        switch integration.target {
        case .misconfigured:
            return MisconfiguredIntegration()
        case .mock:
            return MockIntegration(renderer: renderer)
        case .http(let endpoint) where integration.kind == .httpProxy:
            return HTTPProxyIntegration(endpoint: endpoint, invoker: invoker)
        case .http(let endpoint):
            return HTTPIntegration(endpoint: endpoint, invoker: invoker, renderer: renderer)
        case .lambda(let function):
            guard let endpoint = configuration.lambdaEndpoint else { return MisconfiguredIntegration() }
            if integration.kind == .aws {
                return LambdaIntegration(function: function, endpoint: endpoint, invoker: invoker, renderer: renderer,
                                         signer: configuration.awsSigner, region: configuration.region)
            }
            return LambdaProxyIntegration(function: function, endpoint: endpoint, invoker: invoker,
                                          signer: configuration.awsSigner, region: configuration.region)
        case .awsService(let target):
            return AWSServiceIntegration(target: target, endpoint: AWSServiceIntegration.endpoint(for: target, override: configuration.awsEndpoint),
                                         invoker: invoker, renderer: renderer, signer: configuration.awsSigner)
        }
    }
}
