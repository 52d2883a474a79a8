import Shared

/// AWS (non-proxy) Lambda integrations, the "Lambda custom integration": the request template
/// (or passthrough body) is the Invoke payload; the integration response is chosen by matching
/// `selectionPattern` against the function error's `errorMessage` (empty on success), then mapped
/// like an HTTP integration's (`IntegrationResponseMapping`). The Invoke call is signed with the
/// integration's `credentials` role when the node has keys. One step per route, on a node with
/// `--lambda-endpoint`.
struct LambdaIntegration: IntegrationStep {
    let function: String
    let endpoint: LambdaEndpoint
    let invoker: any IntegrationInvoker
    let renderer: MappingTemplateRenderer
    var signer = AWSRequestSigner()
    /// The node's region: the signature's scope.
    var region = "us-east-1"

    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        switch Self.payload(invocation, renderer: renderer) {
        case .failure(let error):
            finish(.failure(error), .none)
        case .success(let payload):
            let request = LambdaInvokeRequest.make(function: function, payload: payload, endpoint: endpoint, invocation: invocation,
                                                   timeout: .milliseconds(invocation.route.integration.timeoutMillis))
            guard case .success(let signed) = LambdaInvokeRequest.sign(request, role: invocation.route.integration.credentials, signer: signer,
                                                                       region: region, invocation: invocation) else {
                return finish(.failure(.internalServerError), .none)
            }
            let renderer = self.renderer
            invoker.invoke(signed) { outcome in
                finish(Self.response(outcome, invocation: invocation, renderer: renderer), Self.report(outcome))
            }
        }
    }

    /// The Invoke payload: the request template chosen by `Content-Type` (passthrough rules of
    /// §3.3, NEVER/WHEN_NO_TEMPLATES → 415), after `contentHandling`. A template setting
    /// `$context.requestOverride` → 500: the Invoke API takes no client headers, query or path,
    /// and Tollgate will not drop them silently.
    static func payload(_ invocation: Invocation, renderer: MappingTemplateRenderer) -> Result<[UInt8], GatewayError> {
        let integration = invocation.route.integration
        var payload = invocation.request.body
        if let handling = integration.contentHandling {
            guard let converted = ContentConversion.integrationRequestBody(payload, contentType: invocation.request.headers["Content-Type"],
                                                                           binaryMediaTypes: invocation.stage.binaryMediaTypes,
                                                                           handling: handling) else {
                return .failure(.internalServerError)
            }
            payload = converted
        }
        switch integration.requestBody(forContentType: invocation.request.headers["Content-Type"]) {
        case .unsupportedMediaType:
            return .failure(.unsupportedMediaType)
        case .passthrough:
            return .success(payload)
        case .template(let template):
            switch renderer.renderRequest(template.template, invocation: invocation) {
            case .failure(let error): return .failure(error)
            case .success(let rendered):
                guard rendered.overrides.isEmpty else {
                    renderer.log("mapping template error in \(invocation.route.httpMethod) \(invocation.route.resourcePath) "
                        + "(request \(invocation.identifiers.requestId)): $context.requestOverride is not supported on Lambda custom integrations")
                    return .failure(.internalServerError)
                }
                return .success(rendered.body)
            }
        }
    }

    /// The Invoke API's answer as AWS maps it for a custom integration: timeout → 504; unreachable
    /// or unreadable → 502; the Lambda service refusing (non-2xx) → 500; otherwise the
    /// integration response selected by `errorMessage` (an `X-Amz-Function-Error` payload's
    /// `errorMessage`, the empty string for a successful result), mapped with the function's
    /// payload as the integration response body.
    static func response(_ outcome: Result<UpstreamResponse, IntegrationFailure>, invocation: Invocation,
                         renderer: MappingTemplateRenderer) -> Result<HTTPResponse, GatewayError> {
        let upstream: UpstreamResponse
        switch outcome {
        case .failure(.timeout): return .failure(.integrationTimeout)
        case .failure(.overloaded): return .failure(.serviceUnavailable)
        case .failure: return .failure(.lambdaMalformed)
        case .success(let response): upstream = response
        }
        guard (200..<300).contains(upstream.status) else { return .failure(.internalServerError) }
        let message = upstream.headers.contains("X-Amz-Function-Error") ? errorMessage(upstream.body) : ""
        let selected = invocation.route.integration.responses.select(errorMessage: message)
        return IntegrationResponseMapping.mapped(upstream, selected: selected, invocation: invocation, renderer: renderer)
    }

    /// What the Invoke call showed: for a custom integration `integration.status` and
    /// `integrationStatus` are both the Invoke API's status (the function declares none), its
    /// headers carry the request id, and a function error or refusal its payload.
    static func report(_ outcome: Result<UpstreamResponse, IntegrationFailure>) -> IntegrationReport {
        switch outcome {
        case .failure(let failure): return IntegrationReport(endpoint: .lambda, failure: .transport(failure))
        case .success(let upstream):
            var report = IntegrationReport(endpoint: .lambda, status: upstream.status, serviceStatus: upstream.status, awsHeaders: upstream.headers)
            if !(200..<300).contains(upstream.status) {
                report.failure = .serviceRefused(payload: upstream.body)
            } else if upstream.headers.contains("X-Amz-Function-Error") {
                report.failure = .functionError(payload: upstream.body)
            }
            return report
        }
    }

    /// The `errorMessage` of a function error payload (`{"errorMessage": …, "errorType": …}`); a
    /// payload without one (a bare string, not JSON) is matched as its text.
    static func errorMessage(_ payload: [UInt8]) -> String {
        guard let value = try? JSONParser.parse(payload) else { return String(decoding: payload, as: UTF8.self) }
        switch value {
        case .string(let text): return text
        default:
            if case .string(let message)? = value["errorMessage"] { return message }
            return ""
        }
    }
}
