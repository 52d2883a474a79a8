import Shared

/// The integration-response phase for HTTP, HTTP_PROXY, MOCK and AWS (Lambda custom) integrations.
package enum IntegrationResponseMapping {
    /// HTTP_PROXY: status and body untouched, headers remapped/dropped as AWS does.
    package static func proxy(_ upstream: UpstreamResponse) -> HTTPResponse {
        HTTPResponse(status: upstream.status, headers: HeaderPolicy.methodResponseHeaders(upstream.headers, kind: .httpProxy),
                     body: upstream.body)
    }

    /// HTTP (non-proxy) and MOCK: select the integration response by status (reference §3.4), map
    /// `responseParameters` (integration response headers and body JSONPaths, request values,
    /// static values), render the response template chosen by `Accept` (or pass the body through),
    /// then apply the template's `$context.responseOverride` (status and headers win last).
    /// No match and no default, or a status without a declared MethodResponse → 500.
    package static func mapped(_ upstream: UpstreamResponse, invocation: Invocation,
                               renderer: MappingTemplateRenderer) -> Result<HTTPResponse, GatewayError> {
        mapped(upstream, selected: invocation.route.integration.responses.select(status: upstream.status),
               invocation: invocation, renderer: renderer)
    }

    /// The mapping of `mapped(_:invocation:renderer:)` with the integration response already
    /// chosen (by status, or by a Lambda `errorMessage`); nil or a status without a declared
    /// MethodResponse → 500.
    package static func mapped(_ upstream: UpstreamResponse, selected: CompiledIntegrationResponse?, invocation: Invocation,
                               renderer: MappingTemplateRenderer) -> Result<HTTPResponse, GatewayError> {
        let integration = invocation.route.integration
        guard let selected, invocation.route.methodResponseStatuses.contains(selected.statusCode) else {
            return .failure(.internalServerError)
        }
        var headers = HTTPHeaders()
        var document: JSONValue??
        for mapping in selected.responseParameters {
            let found: String?
            if let path = mapping.bodyPath {
                if document == nil { document = .some(try? JSONParser.parse(upstream.body)) }
                found = (document ?? nil).flatMap { BodyPathValue.text(path, in: $0) }
            } else {
                found = value(of: mapping.source, upstream: upstream, invocation: invocation)
            }
            if let found, !found.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
                headers.set(mapping.header, found)
            }
        }
        var status = selected.statusCode
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
            switch renderer.renderResponse(template, invocation: invocation, integrationResponse: upstream) {
            case .failure(let error): return .failure(error)
            case .success(let rendered):
                body = rendered.body
                if let override = rendered.overrides.status { status = override }
                for (name, value) in rendered.overrides.header {
                    guard ParameterMappingParser.isHeaderName(name), !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else {
                        renderer.log("mapping template error in \(invocation.route.httpMethod) \(invocation.route.resourcePath) "
                            + "(request \(invocation.identifiers.requestId)): $context.responseOverride sets an invalid header name or value")
                        return .failure(.internalServerError)
                    }
                    headers.set(name, value)
                }
            }
            contentType = template.contentType
        }
        if !headers.contains("Content-Type") { headers.add("Content-Type", contentType) }
        let kind: CompiledIntegration.Kind = integration.kind == .mock ? .mock : .http
        return .success(HTTPResponse(status: status, headers: HeaderPolicy.methodResponseHeaders(headers, kind: kind), body: body))
    }

    /// The template for the first media type of `Accept`, else `application/json`, else the first
    /// one; nil when there are none (passthrough).
    static func chooseTemplate(_ templates: [MappingTemplate], accept: String?) -> MappingTemplate? {
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
        default: return invocation.values(of: source)?.joined(separator: ",")
        }
    }
}
