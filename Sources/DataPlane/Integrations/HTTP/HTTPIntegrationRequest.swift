import Shared

/// Builds the upstream request of an HTTP or HTTP_PROXY integration (reference §2.6, §3.2, §3.3).
///
/// HTTP_PROXY passes the client's verb (unless the integration names one), query, headers and body
/// through; HTTP sends only what `requestParameters` map and the body chosen by the request
/// templates / passthrough behaviour. Both get the URI's `{name}` placeholders filled from
/// `integration.request.path.*` (falling back to the method path parameter of the same name), the
/// gateway headers (`X-Amzn-Apigateway-Api-Id`, `X-Amzn-Trace-Id`, `X-Forwarded-*`, `User-Agent`)
/// and `timeoutInMillis`.
package enum HTTPIntegrationRequest {
    /// `renderer` runs HTTP's request templates (HTTP_PROXY passes nil: it renders nothing).
    package static func build(_ invocation: Invocation, endpoint: HTTPEndpoint,
                              renderer: MappingTemplateRenderer?) -> Result<UpstreamRequest, GatewayError> {
        let integration = invocation.route.integration
        let isProxy = integration.kind == .httpProxy

        // Body first: a request template may override the path, query and headers mapped below.
        var body: [UInt8]
        var contentType: String?
        var overrides = RequestOverrides.none
        // `contentHandling` converts the payload first (AWS's request table), before any template;
        // without it nothing is looked up (the common path allocates nothing more).
        var payload = invocation.request.body
        if let handling = integration.contentHandling {
            guard let converted = ContentConversion.integrationRequestBody(payload, contentType: invocation.request.headers["Content-Type"],
                                                                           binaryMediaTypes: invocation.stage.binaryMediaTypes,
                                                                           handling: handling) else {
                return .failure(.internalServerError)
            }
            payload = converted
        }
        if isProxy {
            body = payload
        } else {
            switch integration.requestBody(forContentType: invocation.request.headers["Content-Type"]) {
            case .unsupportedMediaType:
                return .failure(.unsupportedMediaType)
            case .passthrough:
                body = payload
                contentType = invocation.request.headers["Content-Type"]
            case .template(let template):
                switch (renderer ?? MappingTemplateRenderer()).renderRequest(template.template, invocation: invocation) {
                case .failure(let error): return .failure(error)
                case .success(let rendered):
                    body = rendered.body
                    overrides = rendered.overrides
                }
                contentType = template.contentType
            }
        }

        var mapped = MappedRequestParameters(invocation)
        if !overrides.isEmpty {
            guard mapped.apply(overrides) else {
                (renderer ?? MappingTemplateRenderer()).log("mapping template error in \(invocation.route.httpMethod) "
                    + "\(invocation.route.resourcePath) (request \(invocation.identifiers.requestId)): "
                    + "$context.requestOverride sets an invalid header name or value")
                return .failure(.internalServerError)
            }
        }
        if mapped.headers.contains(where: { HeaderPolicy.droppedFromRequestSet.contains($0.name) }) {
            return .failure(.internalServerError)
        }

        // Path and query. Every value placed into the path is checked for dot segments (decoded)
        // and encoded; the assembled path is checked once more, so no request leaves the URI's
        // base path (docs/request-lifecycle.md, "Path safety").
        var target = ""
        var filled = false
        for piece in endpoint.path {
            switch piece {
            case .literal(let text):
                target += text
            case .parameter(let name):
                filled = true
                guard let value = mapped.pathValue(name) ?? invocation.pathParameter(name).map({ PercentEncoding.encode($0, keeping: .pathCharacters, keepingEscapes: true) }) else { continue }
                guard PathSafety.isSafeValue(value) else { return .failure(.dotSegmentInPath) }
                target += value
            }
        }
        if filled, !PathSafety.isSafeValue(target), PathSafety.isSafeValue(endpoint.templatePath) { return .failure(.dotSegmentInPath) }
        var query: [String] = []
        if let fixed = endpoint.query, !fixed.isEmpty { query.append(fixed) }
        if isProxy, let raw = invocation.request.head.query, !raw.isEmpty { query.append(String(raw)) }
        for (name, value) in mapped.query {
            query.append("\(PercentEncoding.encode(name, keeping: .unreserved))=\(PercentEncoding.encode(value, keeping: .unreserved))")
        }
        if !query.isEmpty { target += "?" + query.joined(separator: "&") }

        // Headers.
        var headers = HTTPHeaders()
        headers.add("Host", endpoint.hostHeader)
        if isProxy {
            // One pass over the client's headers: the drop list, `Connection` tokens, names with
            // `_` and the headers the gateway sets itself are skipped as they come. A body the
            // gateway decompressed goes on without the `Content-Encoding` it no longer has.
            let connectionTokens = HeaderPolicy.connectionTokens(invocation.request.headers)
            let decoded = invocation.decodedBody != nil
            for field in invocation.request.headers
            where !Self.replacedOnProxy.contains(field.name) && HeaderPolicy.isForwardableToHTTPBackend(field, connectionTokens: connectionTokens) {
                if decoded, HTTPHeaders.equalsIgnoringCase(field.name, "Content-Encoding") { continue }
                headers.add(field.name, field.value)
            }
            if !headers.contains("User-Agent") { headers.add("User-Agent", Self.userAgent(invocation)) }
        } else {
            headers.add("User-Agent", Self.userAgent(invocation))
            headers.add("Accept", "application/json")
            if let contentType { headers.add("Content-Type", contentType) }
        }
        // None of these names is in `headers` yet (HTTP_PROXY skipped the client's copies, HTTP
        // added only the four above), so they are appended: `set` scanned every field per name,
        // ~2,800 instructions a proxied request (bench/instructions.sh, issue 11).
        headers.add("X-Amzn-Apigateway-Api-Id", invocation.stage.restApiId)
        headers.add("X-Amzn-Trace-Id", invocation.identifiers.traceId)
        TraceContext.addHeaders(to: &headers, for: invocation, forwardsClientHeaders: isProxy)
        headers.add("X-Forwarded-For", Self.forwardedFor(invocation))
        headers.add("X-Forwarded-Port", String(invocation.connection.localPort))
        headers.add("X-Forwarded-Proto", invocation.connection.isTLS ? "https" : "http")
        for (name, values) in mapped.headers {
            headers.remove(name)
            for value in values { headers.add(name, value) }
        }

        let method = HTTPMethod(integration.httpMethod ?? invocation.request.method.rawValue)
        var request = UpstreamRequest(
            isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: method, target: target,
            headers: headers, body: body, timeout: .milliseconds(integration.timeoutMillis))
        request.verifiesPeer = !integration.insecureSkipVerification
        if endpoint.isTLS { request.clientCertificateId = invocation.stage.clientCertificateId }
        if let link = integration.vpcLink {
            // Through a VPC link: connect to the link's next target; `Host`, the path and (for
            // https) the name the certificate is checked against stay the URI's.
            let via = link.next()
            request.host = via.host
            request.port = via.port
            if endpoint.isTLS { request.serverName = endpoint.host }
        }
        return .success(request)
    }

    /// `AmazonAPIGateway_{restApiId}`, concatenated (with interpolation `build` cost ~560
    /// instructions more per proxied request, bench/instructions.sh, issue 11).
    private static func userAgent(_ invocation: Invocation) -> String {
        "AmazonAPIGateway_" + invocation.stage.restApiId
    }

    /// The client's `X-Forwarded-For` values in order, then the client's address, joined by `, `.
    private static func forwardedFor(_ invocation: Invocation) -> String {
        var joined = ""
        for field in invocation.request.headers where HTTPHeaders.equalsIgnoringCase(field.name, "X-Forwarded-For") {
            joined += field.value
            joined += ", "
        }
        guard !joined.isEmpty else { return invocation.connection.remoteAddress }
        return joined + invocation.connection.remoteAddress
    }

    /// Client headers an HTTP_PROXY request does not forward because the gateway sets its own.
    private static let replacedOnProxy = HeaderNameSet(["Host", "Via", "X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto",
                                                        "X-Amzn-Trace-Id", "X-Amzn-Apigateway-Api-Id", "traceparent"])
}

/// The values of an integration's `requestParameters` for one request, grouped by target.
struct MappedRequestParameters {
    /// Path placeholder and value ready for the URL: a method path parameter as received (greedy
    /// ones keep their `/`), anything else (decoded text) with `/` and reserved characters encoded.
    /// A few pairs, searched in order (a dictionary cost an allocation, a resize and two hashes per
    /// request, ~1,000 instructions, bench/instructions.sh); a later mapping of a name wins.
    var path: [(name: String, value: String)] = []
    var query: [(String, String)] = []
    var headers: [(name: String, values: [String])] = []

    init(_ invocation: Invocation) {
        var document: JSONValue??
        for mapping in invocation.route.integration.requestParameters {
            let found: [String]?
            if let path = mapping.bodyPath {
                // `method.request.body.JSONPath`: the body is parsed once, for every such mapping.
                if document == nil { document = .some(try? JSONParser.parse(invocation.request.body)) }
                found = (document ?? nil).flatMap { BodyPathValue.text(path, in: $0) }.map { [$0] }
            } else {
                found = invocation.values(of: mapping.source)
            }
            guard let values = found, !values.isEmpty else { continue }
            let joined = values.count == 1 ? values[0] : values.joined(separator: ",")
            switch mapping.target {
            case .path(let name):
                if case .methodPath = mapping.source {
                    path.append((name, PercentEncoding.encode(joined, keeping: .pathCharacters, keepingEscapes: true)))
                } else {
                    path.append((name, PercentEncoding.encode(joined, keeping: .unreserved)))
                }
            case .querystring(let name):
                query.append((name, joined))
            case .multiValueQuerystring(let name):
                query += values.map { (name, $0) }
            case .header(let name):
                headers.append((name, [joined]))
            case .multiValueHeader(let name):
                headers.append((name, values))
            }
        }
    }

    /// The value mapped to path placeholder `name` (the last mapping of it), or nil.
    func pathValue(_ name: String) -> String? {
        path.last(where: { $0.name == name })?.value
    }
}

extension MappedRequestParameters {
    /// Applies `$context.requestOverride`: each header, query parameter or path placeholder it
    /// names replaces the mapped one (path values are encoded as one segment, like any value that
    /// is not a method path parameter). False when a header name is not a token or a value holds
    /// CR, LF or NUL (it could split the request): the caller answers 500.
    mutating func apply(_ overrides: RequestOverrides) -> Bool {
        for (name, value) in overrides.header {
            guard ParameterMappingParser.isHeaderName(name), !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else {
                return false
            }
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, [value]))
        }
        for (name, value) in overrides.querystring {
            query.removeAll { $0.0 == name }
            query.append((name, value))
        }
        for (name, value) in overrides.path {
            path.removeAll { $0.name == name }
            path.append((name, PercentEncoding.encode(value, keeping: .unreserved)))
        }
        return true
    }
}
