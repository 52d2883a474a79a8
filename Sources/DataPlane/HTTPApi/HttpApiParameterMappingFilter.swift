import Shared

/// Integration-request filter of HTTP API routes whose integration has `requestParameters` (AWS
/// developer guide, "Transform API requests and responses for HTTP APIs"): rewrites the request
/// the integration is called with (the HTTP_PROXY request, or what a Lambda event carries:
/// `headers`, `rawQueryString`, `queryStringParameters`). Every value is computed from the request as the client sent it,
/// then the operations are applied in key order:
/// - `append:header.X` adds a field, `overwrite:header.X` replaces every field of that name,
///   `remove:header.X` removes them;
/// - `append|overwrite|remove:querystring.X` likewise on the query parameters (names compared
///   decoded, values percent-encoded);
/// - `overwrite:path` sets the path the integration is called with (`Invocation.mappedIntegrationPath`,
///   read by `HttpApiProxyIntegration`); a value with dot segments → 400.
/// The compiled operations come from `HttpParameterMapping` (once per snapshot); nothing is parsed
/// here but the request's own body when a value reads `$request.body.PATH`.
struct HttpApiParameterMappingFilter: RequestFilter {
    let operations: [HttpParameterMapping.Operation]

    var name: String { "parameterMapping" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        var values = HttpApiMappingValues(invocation)
        let computed = operations.map { $0.action == .remove ? nil : values.text($0.value) }
        var headers = invocation.request.headers
        var pairs = Self.pairs(invocation.request.head.query)
        var path: String?
        for (operation, value) in zip(operations, computed) {
            if operation.action != .remove, value == nil { continue }
            switch operation.target {
            case .header(let name):
                if let value, !HttpApiMappingValues.isHeaderSafe(value) { continue }
                if operation.action != .append { headers.remove(name) }
                if let value { headers.add(name, value) }
            case .querystring(let name):
                if operation.action != .append { pairs.removeAll { $0.name == name } }
                if let value {
                    pairs.append((name, PercentEncoding.encode(name, keeping: .unreserved) + "=" + PercentEncoding.encode(value, keeping: .unreserved)))
                }
            case .path:
                guard let value else { continue }
                let rooted = value.hasPrefix("/") ? value : "/" + value
                guard PathSafety.isSafeValue(rooted.dropFirst()), let resolved = PathSafety.removeDotSegments(rooted[...]),
                      resolved == rooted[...] else { return .fail(.dotSegmentInPath) }
                path = rooted
            case .statusCode:
                continue  // response-only; the compiler never puts it here
            }
        }
        let query = pairs.map(\.raw).joined(separator: "&")
        let target = String(invocation.request.head.path) + (query.isEmpty ? "" : "?" + query)
        invocation.replaceMapped(target: target, headers: headers)
        if let path { invocation.mappedIntegrationPath = path }
        return .proceed
    }

    /// The raw query split into parameters: each with its decoded name and its text as sent.
    static func pairs(_ query: Substring?) -> [(name: String, raw: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let name = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            return (PercentDecoding.decodeString(name, plusAsSpace: true), String(part))
        }
    }
}

/// Puts `HttpApiParameterMappingFilter` on HTTP API routes whose integration maps its request.
/// Always part of the HTTP API chain: a mapping is never silently skipped.
struct HttpApiParameterMappingFilterFactory: FilterFactory {
    var phase: ChainPhase { .integrationRequest }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let mapping = route.httpApi?.mapping, !mapping.request.isEmpty else { return nil }
        return HttpApiParameterMappingFilter(operations: mapping.request)
    }
}
