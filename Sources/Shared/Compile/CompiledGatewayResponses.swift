/// A deployment's customised gateway responses, resolved once per snapshot for every response type
/// (reference §2.5, "supported-gateway-response-types").
///
/// Resolution, per field: the type's own customised response, else the customised `DEFAULT_4XX` or
/// `DEFAULT_5XX` of the type's class (by its default status), else AWS's built-in response.
/// - status: the type's own `statusCode`, else the class default's (changing `DEFAULT_4XX`'s status
///   changes every 4XX type that does not set its own), else the type's default status;
/// - parameters and templates: taken whole from the type's own response when it was put, else from
///   the class default's when that was put (no merging, as AWS stores each response whole); a
///   response without templates falls back to the class default's templates, then to the built-in
///   body (`{"message":…}`, exactly as the gateway sends it uncustomised).
/// `REQUEST_TOO_LARGE` cannot be customised on AWS; the compiler refuses a customised one.
/// Immutable; nil on a stage whose API customises nothing, so such stages answer errors as before.
package struct CompiledGatewayResponses: Sendable, Equatable {
    /// One header a gateway response sets (`gatewayresponse.header.NAME`).
    package struct Parameter: Sendable, Equatable {
        package let header: String
        /// `'static'`, `method.request.{header|path|querystring}.N`, `stageVariables.N`, `context.N`.
        package let source: MappingSource
    }

    /// What one response type answers with, resolved.
    package struct Resolved: Sendable, Equatable {
        /// Nil: the type's default status (the error's own).
        package let statusCode: Int?
        package let parameters: [Parameter]
        /// Sorted by content type; empty: the built-in body.
        package let templates: [GatewayResponseTemplate]
    }

    /// By response type (not the two class defaults), for every type something customises.
    package let byType: [String: Resolved]
    /// The class defaults as put; they answer the errors whose type is `DEFAULT_4XX`/`DEFAULT_5XX`.
    package let default4XX: Resolved?
    package let default5XX: Resolved?

    /// The resolved response for `type` whose built-in status is `defaultStatus`.
    package func resolved(type: String, defaultStatus: Int) -> Resolved? {
        byType[type] ?? (defaultStatus >= 500 ? default5XX : default4XX)
    }

    /// Nil when every response is AWS's default (nothing to resolve); throws for a response the
    /// data plane cannot serve as written.
    package static func compile(_ responses: [GatewayResponse]?) throws(CompileError) -> CompiledGatewayResponses? {
        let customised = (responses ?? []).filter { !$0.isDefault }
        guard !customised.isEmpty else { return nil }
        var put: [String: (status: Int?, parameters: [Parameter], templates: [GatewayResponseTemplate])] = [:]
        for response in customised {
            guard GatewayResponse.defaultResponse(for: response.responseType) != nil else {
                throw .invalidGatewayResponse(type: response.responseType, reason: "unknown response type")
            }
            if response.responseType == "REQUEST_TOO_LARGE" {
                throw .unsupportedFeature(feature: "a customised REQUEST_TOO_LARGE gateway response",
                                          detail: "Amazon API Gateway does not allow customising it")
            }
            var status: Int?
            if let text = response.statusCode {
                guard text.utf8.count == 3, let code = Int(text), (100...599).contains(code) else {
                    throw .invalidGatewayResponse(type: response.responseType, reason: "invalid status code \(text)")
                }
                status = code
            }
            var parameters: [Parameter] = []
            for (key, expression) in (response.responseParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard key.hasPrefix("gatewayresponse.") else {
                    throw .invalidGatewayResponse(type: response.responseType, reason: "invalid parameter \(key)")
                }
                guard let source = ParameterMappingParser.requestSource(expression), source.isGatewayResponseSource else {
                    throw .invalidGatewayResponse(type: response.responseType, reason: "invalid mapping expression \(expression)")
                }
                // `gatewayresponse.path.*` and `.querystring.*` are accepted by AWS but a response
                // has neither: only headers reach the client.
                guard key.hasPrefix("gatewayresponse.header.") else { continue }
                let header = String(key.dropFirst("gatewayresponse.header.".count))
                guard ParameterMappingParser.isToken(header) else {
                    throw .invalidGatewayResponse(type: response.responseType, reason: "invalid header name \(header)")
                }
                if case .literal(let text) = source, text.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
                    throw .invalidGatewayResponse(type: response.responseType, reason: "invalid header value for \(header)")
                }
                parameters.append(Parameter(header: header, source: source))
            }
            let templates = (response.responseTemplates ?? [:]).map { GatewayResponseTemplate(contentType: $0.key.lowercased(), source: $0.value) }
                .sorted { $0.contentType < $1.contentType }
            put[response.responseType] = (status, parameters, templates)
        }
        func classDefault(_ name: String) -> Resolved? {
            put[name].map { Resolved(statusCode: $0.status, parameters: $0.parameters, templates: $0.templates) }
        }
        let default4XX = classDefault("DEFAULT_4XX"), default5XX = classDefault("DEFAULT_5XX")
        var byType: [String: Resolved] = [:]
        for (type, statusText) in GatewayResponse.defaultStatusCodes where !type.hasPrefix("DEFAULT_") {
            let fallback = (statusText.flatMap(Int.init) ?? 500) >= 500 ? default5XX : default4XX
            guard let own = put[type] else {
                if let fallback { byType[type] = fallback }
                continue
            }
            byType[type] = Resolved(statusCode: own.status ?? fallback?.statusCode, parameters: own.parameters,
                                    templates: own.templates.isEmpty ? (fallback?.templates ?? []) : own.templates)
        }
        return CompiledGatewayResponses(byType: byType, default4XX: default4XX, default5XX: default5XX)
    }
}

extension MappingSource {
    /// Whether a gateway response parameter may read this source (what PutGatewayResponse admits).
    var isGatewayResponseSource: Bool {
        switch self {
        case .literal, .methodHeader, .methodPath, .methodQuerystring, .stageVariable, .context: return true
        default: return false
        }
    }
}
