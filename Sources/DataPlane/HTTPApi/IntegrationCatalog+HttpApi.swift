import Shared

extension IntegrationCatalog {
    /// The terminal step of an HTTP API route: HTTP_PROXY (`HttpApiProxyIntegration`), AWS_PROXY
    /// with its payload format (`HttpApiLambdaIntegration`; 500 on a node without
    /// `--lambda-endpoint`), or 500 for a target the compiler refused (`.misconfigured`); wrapped in
    /// the integration's `responseParameters` (`HttpApiResponseMapping`) when it has any.
    func httpApiStep(for route: CompiledRoute, _ http: CompiledHttpRoute) -> any IntegrationStep {
        let step = httpApiTarget(for: route, http)
        guard let responses = http.mapping?.responses, !responses.isEmpty else { return step }
        return HttpApiResponseMapping(step: step, responses: responses)
    }

    private func httpApiTarget(for route: CompiledRoute, _ http: CompiledHttpRoute) -> any IntegrationStep {
        switch route.integration.target {
        case .http(let endpoint):
            return HttpApiProxyIntegration(endpoint: endpoint, appendsRequestPath: http.isCatchAll, invoker: invoker)
        case .lambda(let function):
            guard let endpoint = configuration.lambdaEndpoint else { return MisconfiguredIntegration() }
            return HttpApiLambdaIntegration(function: function, payloadFormatVersion: http.payloadFormatVersion, endpoint: endpoint,
                                            invoker: invoker, signer: configuration.awsSigner, region: configuration.region)
        case .misconfigured, .mock, .awsService:
            return MisconfiguredIntegration()
        }
    }
}
