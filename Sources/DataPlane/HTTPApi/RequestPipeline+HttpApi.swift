import Shared

/// HTTP APIs (`apigatewayv2`) on the data plane: their shorter path through the pipeline
/// (docs/request-lifecycle.md, "HTTP APIs").
///
/// A request whose `Host` is `{apiId}.execute-api.…` naming a deployed HTTP API comes here instead
/// of REST's resolution. Stage: a first path segment naming a stage selects it (and is stripped),
/// else `$default`, else 404. Route: the most specific route key, else the `$default` route, else
/// 404 `{"message":"Not Found"}`. Then the route's chain (`DefaultChain.httpApiFactories`: no API
/// keys, validation, templates or caches) and its integration. Errors answer in HTTP API form
/// (`GatewayError+HttpApi`), every answer carries `apigw-requestid`.
extension RequestPipeline {
    /// The HTTP API `request` addresses, when its host names one in `snapshot` (never for the health path).
    func httpApi(for request: HTTPRequest, in snapshot: CompiledSnapshot?) -> CompiledHttpApi? {
        guard let snapshot, !snapshot.httpApis.isEmpty, let host = request.headers["Host"],
              let apiId = InvokeTarget.apiId(fromHost: host), request.head.path != InvokeTarget.healthPath[...] else { return nil }
        return snapshot.httpApi(apiId)
    }

    /// Serves `request` on `api` (same contract as `handle`).
    func handleHttpApi(_ request: HTTPRequest, api: CompiledHttpApi, connection: ClientConnection, chains: RouteChains,
                       eventLoop: EventLoop?, identifiers: RequestIdentifiers, now: Int64,
                       completion: @escaping @Sendable (HTTPResponse) -> Void) {
        let finish = httpApiFinisher(identifiers, cors: api.cors, origin: api.cors == nil ? nil : request.headers["Origin"], completion)
        guard !api.executeApiEndpointDisabled else { return finish(.failure(.forbidden), .none) }
        // CORS preflights are the gateway's to answer, before any stage or route (`HttpApiCors`).
        if let cors = api.cors, let preflight = HttpApiCors.preflight(request, cors: cors) {
            return completion(HttpApiResponseDecorator.decorate(preflight, identifiers: identifiers,
                                                                date: RequestPipeline.dateCache.value(epochMillis: clock())))
        }
        guard let (stage, rest) = api.stage(for: request.head.path) else { return finish(.failure(.missingAuthenticationToken), .none) }
        if stage.httpApi?.refusal != nil { return finish(.failure(.internalServerError), .none) }
        // Dot segments are resolved before routing (docs/request-lifecycle.md, "Path safety").
        guard let path = PathSafety.removeDotSegments(rest),
              let (route, match) = stage.httpRoute(method: request.method.rawValue, path: path) else {
            return finish(.failure(.missingAuthenticationToken), .none)
        }
        guard match.parameterValues.allSatisfy(PathSafety.isSafeValue) else { return finish(.failure(.dotSegmentInPath), .none) }
        guard request.body.count <= Self.maxPayloadBytes else { return finish(.failure(.requestTooLarge), .none) }
        guard let chain = chains.chain(for: route) else { return finish(.failure(.internalServerError), .none) }
        var invocation = Invocation(request: request, connection: connection, stage: stage, route: route, match: match, path: path,
                                    identifiers: identifiers, requestTimeEpochMillis: now, accountId: configuration.accountId)
        invocation.eventLoop = eventLoop
        ChainRun(chain: chain, finish: finish).proceed(from: 0, &invocation)
    }

    /// Renders a failure as an HTTP API error, adds the API's CORS headers (`cors`, for a request
    /// from `origin`), decorates and completes.
    private func httpApiFinisher(_ identifiers: RequestIdentifiers, cors: CompiledHttpCors?, origin: String?,
                                 _ completion: @escaping @Sendable (HTTPResponse) -> Void) -> IntegrationFinish {
        let clock = self.clock
        return { outcome, _ in
            var response: HTTPResponse
            switch outcome {
            case .success(let value): response = value
            case .failure(let error): response = error.httpApiResponse
            }
            if let cors { response = HttpApiCors.decorate(response, origin: origin, cors: cors) }
            completion(HttpApiResponseDecorator.decorate(response, identifiers: identifiers,
                                                         date: RequestPipeline.dateCache.value(epochMillis: clock())))
        }
    }
}
