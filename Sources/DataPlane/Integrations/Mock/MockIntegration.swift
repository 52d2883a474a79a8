import Shared

/// MOCK integrations: no I/O, the status comes from the request template. One step serves every
/// MOCK route (it reads the route from the invocation).
package struct MockIntegration: IntegrationStep {
    let renderer: any MappingTemplateRenderer

    package func run(_ invocation: Invocation, finish: @escaping @Sendable (Result<HTTPResponse, GatewayError>) -> Void) {
        finish(Self.respond(invocation, renderer: renderer))
    }

    /// The method response of a MOCK integration: status from the request template chosen by
    /// Content-Type (`{"statusCode": N}`; 200 when the request passes through without template),
    /// then the integration response mapping with an empty integration body.
    package static func respond(_ invocation: Invocation, renderer: any MappingTemplateRenderer) -> Result<HTTPResponse, GatewayError> {
        let status: Int
        switch invocation.route.integration.requestBody(forContentType: invocation.request.headers["Content-Type"]) {
        case .unsupportedMediaType: return .failure(.unsupportedMediaType)
        case .passthrough: status = 200
        case .template(let template):
            guard let declared = template.mockStatusCode else { return .failure(.internalServerError) }
            status = declared
        }
        return IntegrationResponseMapping.mapped(UpstreamResponse(status: status), invocation: invocation, renderer: renderer)
    }
}
