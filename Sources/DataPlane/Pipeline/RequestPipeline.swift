#if canImport(Glibc)
import Glibc
#endif
import Shared

/// Serves one request against a compiled snapshot, phase by phase (see docs/request-lifecycle.md).
///
/// Stateless and `Sendable`: one instance serves every event loop. `handle` runs the synchronous
/// phases on the caller's thread, hands the integration call to the `IntegrationInvoker`, and
/// finishes in its completion; `completion` is called exactly once, from whichever thread the
/// invoker completes on (or synchronously for MOCK and errors).
package struct RequestPipeline: Sendable {
    package let configuration: PipelineConfiguration
    package let invoker: any IntegrationInvoker
    package let methodRequestPhases: [any RequestPhase]
    package let renderer: any MappingTemplateRenderer
    package let identifierSource: any RequestIdentifierSource
    /// Wall-clock epoch milliseconds (`requestTimeEpoch`, trace id time).
    package let clock: @Sendable () -> Int64

    /// `Date` values, shared by every pipeline (a snapshot change builds a new pipeline).
    private static let dateCache = HTTPDateCache()
    private var dates: HTTPDateCache { Self.dateCache }

    /// What the HTTP engine answers for a request it refuses before routing: a body over the
    /// payload limit (413, decided from `Content-Length` before the body is read) gets the same
    /// response as `GatewayError.requestTooLarge`, decorated like every gateway response; a body the
    /// node's body memory budget has no room for (503) gets `GatewayError.serviceUnavailable`; other
    /// refusals (malformed requests) stay the engine's plain ones.
    @Sendable package static func engineRefusal(_ status: Int) -> HTTPResponse {
        let error: GatewayError
        switch status {
        case GatewayError.requestTooLarge.status: error = .requestTooLarge
        case GatewayError.serviceUnavailable.status: error = .serviceUnavailable
        default: return HTTPServer.Configuration.plainRefusal(status)
        }
        let now = systemEpochMillis()
        let identifiers = RandomRequestIdentifiers().identifiers(epochSeconds: now / 1000, incomingTraceId: nil)
        return ResponseDecorator.decorate(error.response, identifiers: identifiers,
                                          date: dateCache.value(epochMillis: now))
    }

    /// AWS's payload limit for REST APIs.
    package static let maxPayloadBytes = 10 * 1024 * 1024

    package init(configuration: PipelineConfiguration, invoker: any IntegrationInvoker, methodRequestPhases: [any RequestPhase] = [],
                 renderer: any MappingTemplateRenderer = LiteralTemplateRenderer(),
                 identifierSource: any RequestIdentifierSource = RandomRequestIdentifiers(),
                 clock: @escaping @Sendable () -> Int64 = RequestPipeline.systemEpochMillis) {
        self.configuration = configuration
        self.invoker = invoker
        self.methodRequestPhases = methodRequestPhases
        self.renderer = renderer
        self.identifierSource = identifierSource
        self.clock = clock
    }

    /// Serves `request`. `snapshot` is the one the caller read at the request's start (nil before the
    /// first snapshot is loaded: health answers 503, everything else 503 Service Unavailable).
    /// `eventLoop` is the loop the request arrived on (the caller's thread), where a suspended
    /// method-request phase resumes it; without one no phase can suspend.
    package func handle(_ request: HTTPRequest, connection: ClientConnection, snapshot: CompiledSnapshot?,
                        eventLoop: EventLoop? = nil, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        let now = clock()
        let identifiers = identifierSource.identifiers(epochSeconds: now / 1000, incomingTraceId: request.headers["X-Amzn-Trace-Id"])
        let finish: @Sendable (Result<HTTPResponse, GatewayError>) -> Void = { outcome in
            let response: HTTPResponse
            switch outcome {
            case .success(let value): response = value
            case .failure(let error): response = error.response
            }
            completion(ResponseDecorator.decorate(response, identifiers: identifiers, date: dates.value(epochMillis: clock())))
        }

        // Method request: resolve API, stage and route.
        let routed: (CompiledStage, CompiledRoute, RouteMatch, Substring)
        switch resolve(request, snapshot: snapshot) {
        case .failure(let error): return finish(.failure(error))
        case .success(.health(let response)): return finish(.success(response))
        case .success(.routed(let stage, let route, let match, let path)): routed = (stage, route, match, path)
        }
        guard request.body.count <= Self.maxPayloadBytes else { return finish(.failure(.requestTooLarge)) }
        // Resource policy, then authorizer (AWS's order, before the API key and throttle phases):
        // a protection Tollgate does not enforce yet refuses every request, never serves it open.
        if let refusal = routed.1.refusal {
            return finish(.failure(refusal.gatewayError(method: request.method.rawValue, path: routed.3, stage: routed.0,
                                                        configuration: configuration)))
        }
        var invocation = Invocation(request: request, connection: connection, stage: routed.0, route: routed.1, match: routed.2,
                                    path: routed.3, identifiers: identifiers, requestTimeEpochMillis: now,
                                    accountId: configuration.accountId)
        invocation.eventLoop = eventLoop
        guard runPhases(from: 0, &invocation, finish: finish) else { return }
        integrate(invocation, finish: finish)
    }

    /// Runs the method-request phases from index `start`; true when every one proceeded (the caller
    /// goes on to the integration), false when the request was answered or parked. A parked request
    /// continues in its phase's resume call with the phases after it, then the integration.
    private func runPhases(from start: Int, _ invocation: inout Invocation,
                           finish: @escaping @Sendable (Result<HTTPResponse, GatewayError>) -> Void) -> Bool {
        var index = start
        while index < methodRequestPhases.count {
            switch methodRequestPhases[index].process(&invocation) {
            case .proceed: index += 1
            case .respond(let response): finish(.success(response)); return false
            case .fail(let error): finish(.failure(error)); return false
            case .suspend(let suspension):
                park(suspension, after: index, invocation, finish: finish)
                return false
            }
        }
        return true
    }

    /// Hands `suspension` the continuation of a request parked by phase `index`.
    private func park(_ suspension: PhaseSuspension, after index: Int, _ invocation: Invocation,
                      finish: @escaping @Sendable (Result<HTTPResponse, GatewayError>) -> Void) {
        suspension.park { [self] outcome in
            switch outcome {
            case .proceed:
                var resumed = invocation
                guard runPhases(from: index + 1, &resumed, finish: finish) else { return }
                integrate(resumed, finish: finish)
            case .respond(let response): finish(.success(response))
            case .fail(let error): finish(.failure(error))
            case .suspend(let again): park(again, after: index, invocation, finish: finish)
            }
        }
    }

    /// Integration request → integration → integration response, for a request every
    /// method-request phase let through.
    private func integrate(_ invocation: Invocation, finish: @escaping @Sendable (Result<HTTPResponse, GatewayError>) -> Void) {
        let integration = invocation.route.integration
        switch integration.target {
        case .misconfigured:
            finish(.failure(.internalServerError))
        case .mock:
            finish(MockIntegration.respond(invocation, renderer: renderer))
        case .http(let endpoint):
            switch HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: renderer) {
            case .failure(let error):
                finish(.failure(error))
            case .success(let upstream) where integration.kind == .httpProxy:
                // Its own closure, which captures no `Invocation` (a copy retains a dozen fields).
                invoker.invoke(upstream) { outcome in
                    finish(Self.upstreamOutcome(outcome).map(IntegrationResponseMapping.proxy))
                }
            case .success(let upstream):
                let renderer = self.renderer
                let finalInvocation = invocation
                invoker.invoke(upstream) { outcome in
                    finish(Self.upstreamOutcome(outcome).flatMap {
                        IntegrationResponseMapping.mapped($0, invocation: finalInvocation, renderer: renderer)
                    })
                }
            }
        case .lambda(let function):
            guard let endpoint = configuration.lambdaEndpoint else { return finish(.failure(.internalServerError)) }
            let finalInvocation = invocation
            invoker.invoke(LambdaProxyIntegration.request(invocation, function: function, endpoint: endpoint)) { outcome in
                finish(LambdaProxyIntegration.response(outcome, invocation: finalInvocation))
            }
        }
    }

    /// An HTTP integration's transport outcome in gateway terms: timeout → 504, unreachable → 504,
    /// unreadable → 502 (the Lambda-style malformed answer). A final status outside 200–599 (a `101`
    /// the gateway never asks for, `600`) is unreadable too: it is never passed to the client. The
    /// HTTP client already refuses those; this guards every other invoker.
    static func upstreamOutcome(_ outcome: Result<UpstreamResponse, IntegrationFailure>) -> Result<UpstreamResponse, GatewayError> {
        switch outcome {
        case .failure(.timeout): return .failure(.integrationTimeout)
        case .failure(.connectionFailed): return .failure(.integrationFailure)
        case .failure(.invalidResponse): return .failure(.lambdaMalformed)
        case .failure(.overloaded): return .failure(.serviceUnavailable)
        case .success(let response) where !(200...599).contains(response.status): return .failure(.lambdaMalformed)
        case .success(let response): return .success(response)
        }
    }

    /// Where method-request resolution ended: the health page or a routed request.
    private enum Resolution {
        case health(HTTPResponse)
        case routed(CompiledStage, CompiledRoute, RouteMatch, Substring)
    }

    /// Invoke-URL resolution and routing: the first step of the method request.
    private func resolve(_ request: HTTPRequest, snapshot: CompiledSnapshot?) -> Result<Resolution, GatewayError> {
        switch InvokeTarget.resolve(host: request.headers["Host"], path: request.head.path) {
        case .health:
            return .success(.health(Self.healthResponse(snapshot)))
        case .noApi:
            return .failure(snapshot == nil ? .serviceUnavailable : .noApiInRequest)
        case .missingStage(let apiId):
            guard let snapshot else { return .failure(.serviceUnavailable) }
            return .failure(snapshot.apis[apiId.lowercased()] == nil ? .unknownApi(String(apiId)) : .missingAuthenticationToken)
        case .api(let apiId, let stageName, let path, _):
            guard let snapshot else { return .failure(.serviceUnavailable) }
            switch snapshot.lookup(restApiId: apiId, stage: stageName) {
            case .unknownApi: return .failure(.unknownApi(String(apiId)))
            case .unknownStage: return .failure(.missingAuthenticationToken)
            case .found(let stage):
                if stage.executeApiEndpointDisabled { return .failure(.executeApiEndpointDisabled) }
                // Dot segments are resolved before routing; climbing above the stage names no
                // resource of it (docs/request-lifecycle.md, "Path safety").
                guard let path = PathSafety.removeDotSegments(path) else { return .failure(.missingAuthenticationToken) }
                guard let (route, match) = stage.route(method: request.method.rawValue, path: path) else {
                    return .failure(.missingAuthenticationToken)
                }
                // What normalisation left (`..%2f`, `%252e`, `..%5c`, NUL) never reaches a phase.
                guard match.parameterValues.allSatisfy(PathSafety.isSafeValue) else { return .failure(.dotSegmentInPath) }
                return .success(.routed(stage, route, match, path))
            }
        }
    }

    /// `GET /_tollgate/health`: 200 with the applied revision once a snapshot is loaded, 503 before.
    static func healthResponse(_ snapshot: CompiledSnapshot?) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        guard let snapshot else {
            return HTTPResponse(status: 503, headers: headers, body: Array(#"{"status":"starting"}"#.utf8))
        }
        return HTTPResponse(status: 200, headers: headers, body: Array(#"{"status":"ok","revision":\#(snapshot.revision)}"#.utf8))
    }

    /// Current wall-clock time in epoch milliseconds.
    package static let systemEpochMillis: @Sendable () -> Int64 = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
