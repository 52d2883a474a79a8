import Shared

/// HTTP_PROXY: the client's request passed through to `endpoint` (`HTTPIntegrationRequest`), the
/// answer passed back with AWS's header remapping (`IntegrationResponseMapping.proxy`).
struct HTTPProxyIntegration: IntegrationStep {
    let endpoint: HTTPEndpoint
    let invoker: any IntegrationInvoker

    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        // A mapping that captures nothing: the completion keeps no `Invocation` (a copy retains a dozen fields).
        HTTPIntegrationCall.run(invocation, endpoint: endpoint, invoker: invoker, renderer: nil,
                                map: { .success(IntegrationResponseMapping.proxy($0)) }, finish: finish)
    }
}
