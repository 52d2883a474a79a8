import Shared

/// MOCK integrations: no I/O, the status comes from the request template. One step serves every
/// MOCK route (it reads the route from the invocation).
package struct MockIntegration: IntegrationStep {
    let renderer: MappingTemplateRenderer

    package func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        // No endpoint is called: `integration.*` render `-` (docs/compatibility.md).
        finish(Self.respond(invocation, renderer: renderer), .none)
    }

    /// The method response of a MOCK integration: the request template chosen by Content-Type is
    /// rendered and its `"statusCode": N` read, as AWS reads the rendered template (a static one's
    /// status is known at compile time); 200 when the request passes through without a template;
    /// 500 when the output declares no status 100–599. Then the integration response mapping with
    /// an empty integration body.
    package static func respond(_ invocation: Invocation, renderer: MappingTemplateRenderer) -> Result<HTTPResponse, GatewayError> {
        let status: Int
        switch invocation.route.integration.requestBody(forContentType: invocation.request.headers["Content-Type"]) {
        case .unsupportedMediaType: return .failure(.unsupportedMediaType)
        case .passthrough: status = 200
        case .template(let template):
            if template.template.staticOutput != nil {
                guard let declared = template.mockStatusCode else { return .failure(.internalServerError) }
                status = declared
            } else {
                switch renderer.renderRequest(template.template, invocation: invocation) {
                case .failure(let error): return .failure(error)
                case .success(let rendered):
                    guard let declared = MappingTemplate.declaredStatusCode(in: String(decoding: rendered.body, as: UTF8.self)) else {
                        return .failure(.internalServerError)
                    }
                    status = declared
                }
            }
        }
        return IntegrationResponseMapping.mapped(UpstreamResponse(status: status), invocation: invocation, renderer: renderer)
    }
}
