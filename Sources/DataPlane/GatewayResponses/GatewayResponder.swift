import Shared

/// Answers the gateway's own errors through the API's customised gateway responses (reference
/// §2.5): status, headers (`responseParameters`) and body (`responseTemplates`) of the response
/// `CompiledGatewayResponses` resolved for the error's type (`GatewayError.responseType`, the one
/// error → type mapping), on top of the built-in response (`GatewayError.response`, which keeps
/// `x-amzn-ErrorType`).
///
/// Built per request only on a stage whose API customises a gateway response (else errors take
/// `GatewayError.response` directly, with no lookup): after routing with the request's
/// `Invocation`, before it (no route, a path climbing above the stage) with the request alone.
/// Immutable; used on whichever thread finishes the request.
package final class GatewayResponder: Sendable {
    let responses: CompiledGatewayResponses
    let stage: CompiledStage
    let request: HTTPRequest
    let connection: ClientConnection
    let identifiers: RequestIdentifiers
    let requestTimeEpochMillis: Int64
    let accountId: String
    /// The path after the stage (`$context.path` before routing).
    let path: String
    /// Set once the request was routed: `$context` and `method.request.path.*` read it.
    let invocation: Invocation?

    /// Nil when `stage` customises no gateway response.
    package static func make(stage: CompiledStage, invocation: Invocation) -> GatewayResponder? {
        guard let responses = stage.gatewayResponses else { return nil }
        return GatewayResponder(responses: responses, stage: stage, request: invocation.request, connection: invocation.connection,
                                identifiers: invocation.identifiers, requestTimeEpochMillis: invocation.requestTimeEpochMillis,
                                accountId: invocation.accountId, path: invocation.path, invocation: invocation)
    }

    /// Nil when `stage` customises no gateway response. For errors found before routing.
    package static func make(stage: CompiledStage, request: HTTPRequest, connection: ClientConnection, identifiers: RequestIdentifiers,
                             requestTimeEpochMillis: Int64, accountId: String, path: Substring) -> GatewayResponder? {
        guard let responses = stage.gatewayResponses else { return nil }
        return GatewayResponder(responses: responses, stage: stage, request: request, connection: connection, identifiers: identifiers,
                                requestTimeEpochMillis: requestTimeEpochMillis, accountId: accountId,
                                path: path.isEmpty ? "/" : String(path), invocation: nil)
    }

    private init(responses: CompiledGatewayResponses, stage: CompiledStage, request: HTTPRequest, connection: ClientConnection,
                 identifiers: RequestIdentifiers, requestTimeEpochMillis: Int64, accountId: String, path: String, invocation: Invocation?) {
        self.responses = responses
        self.stage = stage
        self.request = request
        self.connection = connection
        self.identifiers = identifiers
        self.requestTimeEpochMillis = requestTimeEpochMillis
        self.accountId = accountId
        self.path = path
        self.invocation = invocation
    }

    /// The response for `error`: the built-in one when nothing customises its type.
    package func response(for error: GatewayError) -> HTTPResponse {
        var response = error.response
        // AWS does not allow customising REQUEST_TOO_LARGE (the compiler refuses it too).
        guard error != .requestTooLarge, let resolved = responses.resolved(type: error.responseType, defaultStatus: error.status) else {
            return response
        }
        if let status = resolved.statusCode { response.status = status }
        if let template = Self.choose(resolved.templates, accept: request.headers["Accept"]) {
            response.body = render(template, error: error)
            response.headers.set("Content-Type", template.contentType)
        }
        for parameter in resolved.parameters {
            // A value that could split the response (a decoded query value with CR or LF) is skipped.
            guard let value = value(of: parameter.source, error: error),
                  !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else { continue }
            response.headers.set(parameter.header, value)
        }
        return response
    }

    /// The template for the first media type of `Accept`, else `application/json`, else the first.
    static func choose(_ templates: [GatewayResponseTemplate], accept: String?) -> GatewayResponseTemplate? {
        guard !templates.isEmpty else { return nil }
        let first = accept?.split(separator: ",", maxSplits: 1).first.map(String.init)
        if let wanted = CompiledIntegration.mediaType(first), let match = templates.first(where: { $0.contentType == wanted }) {
            return match
        }
        return templates.first(where: { $0.contentType == "application/json" }) ?? templates[0]
    }

    /// Simple substitution: `$context.*` and `$stageVariables.*`; an unknown variable is empty.
    func render(_ template: GatewayResponseTemplate, error: GatewayError) -> [UInt8] {
        var out = ""
        for piece in template.pieces {
            switch piece {
            case .text(let text): out += text
            case .context(let name): out += contextVariable(name, error: error) ?? ""
            case .stageVariable(let name): out += stage.variables[name] ?? ""
            }
        }
        return Array(out.utf8)
    }

    /// `$context.NAME` / `context.NAME` in a gateway response, `error.*` included.
    func contextVariable(_ name: String, error: GatewayError) -> String? {
        switch name {
        case "error.message": return error.message
        case "error.messageString":
            var quoted = ""
            JSONValue.writeEscaped(error.message, into: &quoted)
            return quoted
        case "error.responseType": return error.responseType
        case "error.validationErrorString": return error.validationErrorString ?? ""
        default: break
        }
        if let invocation { return invocation.contextVariable(name) }
        switch name {
        case "accountId": return accountId
        case "apiId": return stage.restApiId
        case "deploymentId": return stage.deploymentId
        case "domainName": return Invocation.hostWithoutPort(request.headers["Host"] ?? "")
        case "domainPrefix":
            let host = Invocation.hostWithoutPort(request.headers["Host"] ?? "")
            return String(host.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        case "extendedRequestId": return identifiers.extendedRequestId
        case "httpMethod": return request.method.rawValue
        case "isCanaryRequest": return stage.isCanaryRequest
        case "path": return "/\(stage.stageName)\(path)"
        case "protocol": return request.head.version.description
        case "requestId", "awsEndpointRequestId": return identifiers.requestId
        case "requestTime": return RequestTime.format(epochMillis: requestTimeEpochMillis)
        case "requestTimeEpoch": return String(requestTimeEpochMillis)
        case "stage": return stage.stageName
        case "identity.sourceIp": return connection.remoteAddress
        case "identity.userAgent": return request.headers["User-Agent"]
        case "xrayTraceId": return identifiers.traceId
        default: return nil
        }
    }

    /// A gateway response parameter's value.
    func value(of source: MappingSource, error: GatewayError) -> String? {
        switch source {
        case .literal(let text): return text
        case .context(let name): return contextVariable(name, error: error)
        case .stageVariable(let name): return stage.variables[name]
        case .methodHeader(let name):
            guard !HeaderPolicy.droppedFromRequestSet.contains(name) else { return nil }
            return request.headers.values(name).last
        case .methodQuerystring(let name):
            return (invocation?.query ?? QueryParameters(raw: request.head.query)).last(name)
        case .methodPath(let name): return invocation?.pathParameter(name)
        default: return nil
        }
    }
}
