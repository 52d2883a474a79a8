#if canImport(Glibc)
import Glibc
#endif
import Shared

/// Serves one request against a compiled snapshot: routing, then the route's compiled chain
/// (docs/request-lifecycle.md, "The chain").
///
/// Stateless and `Sendable`: one instance serves every event loop. `handle` routes the request on
/// the caller's thread (invoke URL, stage, path safety, payload size) and runs the route's
/// `RouteChain` (`ChainRun`): filters, then the terminal integration, which may finish on the
/// invoker's thread. `completion` is called exactly once, from whichever thread the integration
/// completes on (or synchronously for MOCK and errors). It names no feature: API keys, limits and
/// refusals are filters, integrations are steps, both chosen per route when the chains are built.
package struct RequestPipeline: Sendable {
    package let configuration: PipelineConfiguration
    package let invoker: any IntegrationInvoker
    package let renderer: MappingTemplateRenderer
    package let identifierSource: any RequestIdentifierSource
    /// Wall-clock epoch milliseconds (`requestTimeEpoch`, trace id time).
    package let clock: @Sendable () -> Int64
    /// A uniform draw in [0, 1) per request on a stage with a canary (`CompiledStage.serving`);
    /// injected so tests can fix the split.
    package let canaryDraw: @Sendable () -> Double

    /// `Date` values, shared by every pipeline (a snapshot change builds a new pipeline).
    static let dateCache = HTTPDateCache()
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

    package init(configuration: PipelineConfiguration, invoker: any IntegrationInvoker,
                 renderer: MappingTemplateRenderer = MappingTemplateRenderer(),
                 identifierSource: any RequestIdentifierSource = RandomRequestIdentifiers(),
                 clock: @escaping @Sendable () -> Int64 = RequestPipeline.systemEpochMillis,
                 canaryDraw: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.configuration = configuration
        self.invoker = invoker
        self.renderer = renderer
        self.identifierSource = identifierSource
        self.clock = clock
        self.canaryDraw = canaryDraw
    }

    /// What chains built for this pipeline end in: integrations over its invoker and renderer.
    package var integrations: IntegrationCatalog {
        IntegrationCatalog(configuration: configuration, invoker: invoker, renderer: renderer)
    }

    /// The request's identifiers. X-Ray's header wins; a valid W3C `traceparent` alone becomes the
    /// X-Ray header of the same trace, and is remembered (with `tracestate`) for propagation.
    private func identifiers(for request: HTTPRequest, epochSeconds: Int64) -> RequestIdentifiers {
        // One pass for the three names (a second lookup cost 3 allocations a request in debug).
        var xray: String?, parent: String?, state: String?
        for field in request.headers.fields {
            switch field.name.utf8.count {
            case 15 where xray == nil && HTTPHeaders.equalsIgnoringCase(field.name, "X-Amzn-Trace-Id"): xray = field.value
            case 11 where parent == nil && HTTPHeaders.equalsIgnoringCase(field.name, "traceparent"): parent = field.value
            case 10 where state == nil && HTTPHeaders.equalsIgnoringCase(field.name, "tracestate"): state = field.value
            default: break
            }
        }
        let traceparent = parent.flatMap { TraceContext.xrayHeader(fromTraceparent: $0) }
        var identifiers = identifierSource.identifiers(epochSeconds: epochSeconds, incomingTraceId: xray ?? traceparent)
        if traceparent != nil {
            identifiers.traceparentReceived = true
            identifiers.tracestate = state
        }
        return identifiers
    }

    /// Serves `request`. `snapshot` is the one the caller read at the request's start (nil before the
    /// first snapshot is loaded: health answers 503, everything else 503 Service Unavailable), and
    /// `chains` were built for it. `eventLoop` is the loop the request arrived on (the caller's
    /// thread), where a suspended filter resumes it; without one no filter can suspend.
    package func handle(_ request: HTTPRequest, connection: ClientConnection, snapshot: CompiledSnapshot?, chains: RouteChains,
                        eventLoop: EventLoop? = nil, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        let now = clock()
        // A `let`: the completion closures capture it, and a captured `var` is boxed (3 allocations a
        // request in debug, Tests/AllocationTests).
        let identifiers = identifiers(for: request, epochSeconds: now / 1000)
        // HTTP APIs take their own, shorter path (`RequestPipeline+HttpApi`).
        if let api = httpApi(for: request, in: snapshot) {
            return handleHttpApi(request, api: api, connection: connection, chains: chains, eventLoop: eventLoop,
                                 identifiers: identifiers, now: now, completion: completion)
        }

        // Method request, `ChainPhase.route`: resolve API, stage and route.
        let routed: (CompiledStage, CompiledRoute, RouteMatch, Substring, String?)
        switch resolve(request, connection: connection, snapshot: snapshot) {
        case .failure(let failure):
            // A stage was found (no route, a path above the stage, …): its gateway responses answer.
            let responder = failure.stage.flatMap {
                GatewayResponder.make(stage: $0, request: request, connection: connection, identifiers: identifiers,
                                      requestTimeEpochMillis: now, accountId: configuration.accountId, path: failure.path)
            }
            let finish = finisher(identifiers, responder, completion)
            guard let stage = failure.stage, let hooks = chains.unroutedHooks(for: stage) else { return finish(.failure(failure.error), .none) }
            let started = Syscall.monotonicNanos()
            finish(.failure(failure.error), .none)
            // A stage-level completion (access logs): the same response the finisher built, measured the same way.
            let response = responder?.response(for: failure.error) ?? failure.error.response
            let record = CompletionRecord(status: response.status, latencyNanos: Syscall.monotonicNanos() - started,
                                          integrationLatencyNanos: nil, requestBodyBytes: request.body.count,
                                          responseBodyBytes: response.body.count, errorType: failure.error.errorType,
                                          errorSource: failure.error.source, error: failure.error)
            var unrouted = UnroutedRequest(request: request, connection: connection, stage: stage, path: failure.path,
                                           identifiers: identifiers, requestTimeEpochMillis: now, accountId: configuration.accountId)
            unrouted.basePathMatched = failure.basePathMatched
            for hook in hooks { hook.onCompletion(record, unrouted: unrouted) }
            return
        case .success(.health(let response)): return finisher(identifiers, nil, completion)(.success(response), .none)
        case .success(.routed(let stage, let route, let match, let path, let basePath)): routed = (stage, route, match, path, basePath)
        }
        var invocation = Invocation(request: request, connection: connection, stage: routed.0, route: routed.1, match: routed.2,
                                    path: routed.3, identifiers: identifiers, requestTimeEpochMillis: now,
                                    accountId: configuration.accountId)
        invocation.basePathMatched = routed.4
        // Only a stage whose API customises a gateway response builds a responder (errors then go
        // through it); on every other stage errors answer `GatewayError.response` directly.
        let responder = routed.0.gatewayResponses == nil ? nil : GatewayResponder.make(stage: routed.0, invocation: invocation)
        let finish = finisher(identifiers, responder, completion)
        guard request.body.count <= Self.maxPayloadBytes else { return finish(.failure(.requestTooLarge), .none) }
        guard let chain = chains.chain(for: routed.1) else { return finish(.failure(.internalServerError), .none) }
        invocation.eventLoop = eventLoop
        ChainRun(chain: chain, finish: finish, errors: responder).proceed(from: 0, &invocation)
    }

    /// Decorates the outcome and hands it to `completion`; a failure becomes its gateway response
    /// (the API's customised one through `responder`, else the built-in one). The integration's
    /// report is not needed here (completion hooks get it from `ChainRun`).
    private func finisher(_ identifiers: RequestIdentifiers, _ responder: GatewayResponder?,
                          _ completion: @escaping @Sendable (HTTPResponse) -> Void) -> IntegrationFinish {
        let clock = self.clock
        let dates = self.dates
        return { outcome, _ in
            let response: HTTPResponse
            switch outcome {
            case .success(let value): response = value
            case .failure(let error): response = responder?.response(for: error) ?? error.response
            }
            completion(ResponseDecorator.decorate(response, identifiers: identifiers, date: dates.value(epochMillis: clock())))
        }
    }

    /// Why method-request resolution stopped, and the stage it had found by then (if any).
    private struct RoutingFailure: Error {
        let error: GatewayError
        var stage: CompiledStage?
        var path: Substring = ""
        /// The custom domain's base path that routed the request (`CompiledBasePathMapping.basePathMatched`).
        var basePathMatched: String?
    }

    /// Where method-request resolution ended: the health page or a routed request.
    private enum Resolution {
        case health(HTTPResponse)
        /// The last value: the base path matched when a custom domain name routed the request.
        case routed(CompiledStage, CompiledRoute, RouteMatch, Substring, String?)
    }

    /// Invoke-URL resolution and routing: the first step of the method request. A `Host` naming a
    /// custom domain name is routed by its base path mappings; every other host by the invoke URL.
    private func resolve(_ request: HTTPRequest, connection: ClientConnection, snapshot: CompiledSnapshot?) -> Result<Resolution, RoutingFailure> {
        // One emptiness check when no domain is served; else one host pass and one dictionary lookup.
        if let snapshot, !snapshot.domainNames.isEmpty, let host = request.headers["Host"],
           let domain = snapshot.domainNames.domain(forHost: host), request.head.path != InvokeTarget.healthPath[...] {
            // Mutual TLS: a `Host` naming the domain is not enough; its truststore must have
            // verified this connection's certificate (SNI chose the domain in the handshake).
            guard domain.admits(connection.clientCertificate) else { return .failure(RoutingFailure(error: .forbidden)) }
            return resolve(request, domain: domain, snapshot: snapshot)
        }
        switch InvokeTarget.resolve(host: request.headers["Host"], path: request.head.path) {
        case .health:
            return .success(.health(Self.healthResponse(snapshot)))
        case .noApi:
            return .failure(RoutingFailure(error: snapshot == nil ? .serviceUnavailable : .noApiInRequest))
        case .missingStage(let apiId):
            guard let snapshot else { return .failure(RoutingFailure(error: .serviceUnavailable)) }
            return .failure(RoutingFailure(error: snapshot.apis[apiId.lowercased()] == nil ? .unknownApi(String(apiId)) : .missingAuthenticationToken))
        case .api(let apiId, let stageName, let path, _):
            guard let snapshot else { return .failure(RoutingFailure(error: .serviceUnavailable)) }
            switch snapshot.lookup(restApiId: apiId, stage: stageName) {
            case .unknownApi: return .failure(RoutingFailure(error: .unknownApi(String(apiId))))
            case .unknownStage: return .failure(RoutingFailure(error: .missingAuthenticationToken))
            case .found(let named):
                // The canary split: one uniform draw per request, only on a stage with a canary.
                let stage = named.serving(draw: canaryDraw())
                if stage.executeApiEndpointDisabled { return .failure(RoutingFailure(error: .executeApiEndpointDisabled, stage: stage, path: path)) }
                return route(request, on: stage, path: path, basePathMatched: nil)
            }
        }
    }

    /// Routing through a custom domain name (docs/request-lifecycle.md, "Custom domain names"):
    /// the base path is stripped, the mapping names the API and the stage (or the next segment
    /// does), and `disableExecuteApiEndpoint` does not apply. No mapping matching, or a mapping
    /// whose API or stage is not deployed, → 403 `Forbidden`; an unknown stage named in the path
    /// of a mapping without a stage → 403 Missing Authentication Token, as on the invoke URL.
    private func resolve(_ request: HTTPRequest, domain: CompiledDomainName, snapshot: CompiledSnapshot) -> Result<Resolution, RoutingFailure> {
        guard let matched = domain.match(path: request.head.path) else { return .failure(RoutingFailure(error: .forbidden)) }
        let basePath = matched.mapping.basePathMatched
        let stageName: Substring
        var path = matched.path
        if let stage = matched.mapping.stage {
            stageName = Substring(stage)
        } else {
            guard let (first, rest) = InvokeTarget.firstSegment(of: path), !first.isEmpty else {
                return .failure(RoutingFailure(error: .missingAuthenticationToken, basePathMatched: basePath))
            }
            stageName = first
            path = rest
        }
        switch snapshot.lookup(restApiId: Substring(matched.mapping.restApiId), stage: stageName) {
        case .unknownApi:
            return .failure(RoutingFailure(error: .forbidden, basePathMatched: basePath))
        case .unknownStage:
            return .failure(RoutingFailure(error: matched.mapping.stage == nil ? .missingAuthenticationToken : .forbidden,
                                           basePathMatched: basePath))
        case .found(let named):
            return route(request, on: named.serving(draw: canaryDraw()), path: path, basePathMatched: basePath)
        }
    }

    /// Resource and method routing on the stage the request named.
    private func route(_ request: HTTPRequest, on stage: CompiledStage, path: Substring,
                       basePathMatched: String?) -> Result<Resolution, RoutingFailure> {
        // Dot segments are resolved before routing; climbing above the stage names no
        // resource of it (docs/request-lifecycle.md, "Path safety").
        guard let path = PathSafety.removeDotSegments(path) else {
            return .failure(RoutingFailure(error: .missingAuthenticationToken, stage: stage, basePathMatched: basePathMatched))
        }
        guard let (route, match) = stage.route(method: request.method.rawValue, path: path) else {
            return .failure(RoutingFailure(error: .missingAuthenticationToken, stage: stage, path: path, basePathMatched: basePathMatched))
        }
        // What normalisation left (`..%2f`, `%252e`, `..%5c`, NUL) never reaches a phase.
        guard match.parameterValues.allSatisfy(PathSafety.isSafeValue) else {
            return .failure(RoutingFailure(error: .dotSegmentInPath, stage: stage, path: path, basePathMatched: basePathMatched))
        }
        return .success(.routed(stage, route, match, path, basePathMatched))
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
