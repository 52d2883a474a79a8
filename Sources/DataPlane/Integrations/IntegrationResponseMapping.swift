import Shared

/// The integration-response phase for HTTP, HTTP_PROXY and MOCK integrations.
package enum IntegrationResponseMapping {
    /// HTTP_PROXY: status and body untouched, headers remapped/dropped as AWS does.
    package static func proxy(_ upstream: UpstreamResponse) -> HTTPResponse {
        HTTPResponse(status: upstream.status, headers: HeaderPolicy.methodResponseHeaders(upstream.headers, kind: .httpProxy),
                     body: upstream.body)
    }

    /// HTTP (non-proxy) and MOCK: select the integration response by status (reference §3.4), map
    /// `responseParameters`, then render the response template chosen by `Accept` or pass the body
    /// through. No match and no default, or a status without a declared MethodResponse → 500.
    package static func mapped(_ upstream: UpstreamResponse, invocation: Invocation,
                               renderer: any MappingTemplateRenderer) -> Result<HTTPResponse, GatewayError> {
        let integration = invocation.route.integration
        guard let selected = integration.responses.select(status: upstream.status),
              invocation.route.methodResponseStatuses.contains(selected.statusCode) else {
            return .failure(.internalServerError)
        }
        var headers = HTTPHeaders()
        for mapping in selected.responseParameters {
            if let value = value(of: mapping.source, upstream: upstream, invocation: invocation) {
                headers.set(mapping.header, value)
            }
        }
        var contentType = upstream.headers["Content-Type"] ?? "application/json"
        var body = upstream.body
        // `contentHandling` and `binaryMediaTypes` against the request's Accept (AWS's response
        // table), before any template; neither set (the common case): nothing to look up.
        if selected.contentHandling != nil || !invocation.stage.binaryMediaTypes.isEmpty {
            guard let converted = ContentConversion.methodResponseBody(body, contentType: contentType, accept: invocation.request.headers["Accept"],
                                                                       binaryMediaTypes: invocation.stage.binaryMediaTypes,
                                                                       handling: selected.contentHandling) else {
                return .failure(.internalServerError)
            }
            body = converted
        }
        if let template = chooseTemplate(selected.responseTemplates, accept: invocation.request.headers["Accept"]) {
            guard let rendered = renderer.renderResponse(template.template, invocation: invocation, integrationResponse: upstream) else {
                return .failure(.internalServerError)
            }
            body = rendered
            contentType = template.contentType
        }
        if !headers.contains("Content-Type") { headers.add("Content-Type", contentType) }
        let kind: CompiledIntegration.Kind = integration.kind == .mock ? .mock : .http
        return .success(HTTPResponse(status: selected.statusCode, headers: HeaderPolicy.methodResponseHeaders(headers, kind: kind), body: body))
    }

    /// The template for the first media type of `Accept`, else `application/json`, else the first
    /// one; nil when there are none (passthrough).
    static func chooseTemplate(_ templates: [(contentType: String, template: String)], accept: String?) -> (contentType: String, template: String)? {
        guard !templates.isEmpty else { return nil }
        let first = accept?.split(separator: ",", maxSplits: 1).first.map(String.init)
        if let wanted = CompiledIntegration.mediaType(first), let match = templates.first(where: { $0.contentType == wanted }) {
            return match
        }
        return templates.first(where: { $0.contentType == "application/json" }) ?? templates[0]
    }

    static func value(of source: MappingSource, upstream: UpstreamResponse, invocation: Invocation) -> String? {
        switch source {
        case .integrationHeader(let name): return upstream.headers.values(name).last
        case .integrationMultiValueHeader(let name):
            let values = upstream.headers.values(name)
            return values.isEmpty ? nil : values.joined(separator: ",")
        case .integrationBody: return String(decoding: upstream.body, as: UTF8.self)
        case .integrationBodyPath: return nil   // JSONPath arrives with the mapping-template engine.
        default: return invocation.values(of: source)?.joined(separator: ",")
        }
    }
}
