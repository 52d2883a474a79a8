import Shared

/// Runs compiled mapping templates for one request: request templates of HTTP and MOCK
/// integrations, response templates of their integration responses.
///
/// A static template (no `$`, no `#`) is copied without the engine. Otherwise the template's
/// `VTLProgram` runs with `$input` (the request body, or in a response template the integration
/// response body; `params()` are the method request's either way), `$util`, `$context`
/// (`TemplateContext`) and `$stageVariables`. Every evaluation starts a fresh evaluator, so the
/// engine's limits (`VTLLimits.apiGateway`: loop turns, steps, output bytes, nesting) bound each
/// request on its own. A runtime error is AWS's 500 `Internal server error`
/// (`GatewayError.internalServerError`) and one log line with the template position.
///
/// Stateless and `Sendable`; runs on the request's thread.
package struct MappingTemplateRenderer: Sendable {
    /// Where template errors are reported (one line each).
    let log: @Sendable (String) -> Void

    package init(log: @escaping @Sendable (String) -> Void = MappingTemplateRenderer.standardError) {
        self.log = log
    }

    /// The fallback of a renderer or signer built without a log (tests, tools): error lines on
    /// standard error, component `mapping`. A node passes its own process log instead.
    package static let standardError: @Sendable (String) -> Void = ProcessLog(node: "data-plane", component: "mapping").lines(at: .error)

    /// The integration request body for `template`, and the overrides it set.
    package func renderRequest(_ template: MappingTemplate, invocation: Invocation) -> Result<(body: [UInt8], overrides: RequestOverrides), GatewayError> {
        if let output = template.staticOutput { return .success((output, .none)) }
        let context = TemplateContext(invocation)
        switch evaluate(template, invocation: invocation, body: invocation.request.body, context: context, kind: "request") {
        case .failure(let error): return .failure(error)
        case .success(let body):
            var overrides = RequestOverrides()
            overrides.header = Self.pairs(context.requestOverride.get("header"))
            overrides.querystring = Self.pairs(context.requestOverride.get("querystring"))
            overrides.path = Self.pairs(context.requestOverride.get("path"))
            return .success((body, overrides))
        }
    }

    /// The method response body for `template` over the integration's response, and the overrides it set.
    package func renderResponse(_ template: MappingTemplate, invocation: Invocation,
                                integrationResponse: UpstreamResponse) -> Result<(body: [UInt8], overrides: ResponseOverrides), GatewayError> {
        if let output = template.staticOutput { return .success((output, .none)) }
        let context = TemplateContext(invocation)
        switch evaluate(template, invocation: invocation, body: integrationResponse.body, context: context, kind: "response") {
        case .failure(let error): return .failure(error)
        case .success(let body):
            var overrides = ResponseOverrides()
            overrides.header = Self.pairs(context.responseOverride.get("header"))
            if let status = context.responseOverride.get("status"), !status.isNull {
                guard let code = Self.statusCode(status) else {
                    log("mapping template error in \(invocation.route.httpMethod) \(invocation.route.resourcePath) "
                        + "(response template \(template.contentType), request \(invocation.identifiers.requestId)): "
                        + "$context.responseOverride.status is not a status code: \(status.renderedText)")
                    return .failure(.internalServerError)
                }
                overrides.status = code
            }
            return .success((body, overrides))
        }
    }

    // MARK: - Evaluation

    private func evaluate(_ template: MappingTemplate, invocation: Invocation, body: [UInt8], context: TemplateContext,
                          kind: String) -> Result<[UInt8], GatewayError> {
        guard let program = template.program else { return .success([]) }
        var output: [UInt8] = []
        do {
            try program.evaluate(Self.variables(invocation, body: body, context: context), into: &output)
            return .success(output)
        } catch {
            log("mapping template error in \(invocation.route.httpMethod) \(invocation.route.resourcePath) "
                + "(\(kind) template \(template.contentType), request \(invocation.identifiers.requestId)): "
                + "\(error.kind) at line \(error.position.line), column \(error.position.column)")
            return .failure(.internalServerError)
        }
    }

    /// `$input`, `$util`, `$context`, `$stageVariables` for one evaluation.
    static func variables(_ invocation: Invocation, body: [UInt8], context: TemplateContext) -> [String: VTLValue] {
        var headers: [(name: String, value: String)] = []
        for field in invocation.forwardableHeaders { headers.append((field.name, field.value)) }
        let request = VTLRequest(body: body, path: invocation.pathParameters, querystring: invocation.query.pairs, header: headers)
        let stageVariables = VTLMap(invocation.stage.variables.sorted { $0.key < $1.key }.map { ($0.key, VTLValue.string($0.value)) })
        return [
            "input": .host(VTLInput(request)),
            "util": .host(VTLUtil()),
            "context": .host(context),
            "stageVariables": .map(stageVariables),
        ]
    }

    /// The entries of a map the template filled, as `(name, value)` text; nil or non-map → none.
    static func pairs(_ value: VTLValue?) -> [(name: String, value: String)] {
        guard case .map(let map)? = value else { return [] }
        var pairs: [(name: String, value: String)] = []
        for index in 0..<map.count where !map.values[index].isNull {
            pairs.append((map.keys[index].renderedText, map.values[index].renderedText))
        }
        return pairs
    }

    /// A status code 100–599 from an integer, a whole double or a string of three digits.
    static func statusCode(_ value: VTLValue) -> Int? {
        let code: Int?
        switch value {
        case .int(let number): code = Int(exactly: number)
        case .double(let number): code = Int(exactly: number)
        case .string(let text): code = text.utf8.count == 3 ? Int(text) : nil
        default: code = nil
        }
        guard let code, (100...599).contains(code) else { return nil }
        return code
    }
}
