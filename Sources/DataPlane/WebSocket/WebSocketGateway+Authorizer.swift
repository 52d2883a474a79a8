import Shared

/// `$connect` with a REQUEST (Lambda) authorizer: every identity source present (else 401
/// `{"message":"Unauthorized"}` without calling the function), then the function with AWS's
/// WebSocket REQUEST authorizer event (`type`, `methodArn`, the upgrade's headers and query,
/// `stageVariables`, `requestContext` as the CONNECT event's), its answer read as REST's Lambda
/// authorizer output (`LambdaAuthorizerResult`: principal, policy, context). The policy must
/// allow `execute-api:Invoke` on `…/{stage}/$connect` (else 403 `{"message":"Forbidden"}`); an
/// unreachable or failing function or an unusable answer → 500. Allowed: the principal and context
/// go into every later event's `requestContext.authorizer`. Results are not cached (each upgrade
/// calls the function, whatever `authorizerResultTtlInSeconds` says: stricter, never looser).
extension WebSocketGateway {
    struct ConnectRefusal: Error {
        let response: HTTPResponse
    }

    func authorize(_ authorizer: CompiledWebSocketAuthorizer, info: WebSocketConnectionInfo, stage: CompiledWebSocketStage,
                   identifiers: RequestIdentifiers, now: Int64, serving: ServingConfiguration,
                   completion: @escaping @Sendable (Result<WebSocketConnectionInfo, ConnectRefusal>) -> Void) {
        let query = QueryParameters(raw: info.query)
        for source in authorizer.sources {
            let value: String?
            switch source {
            case .header(let name): value = info.headers[name]
            case .query(let name): value = query.last(name)
            case .stageVariable(let name): value = stage.variables[name]
            }
            guard let value, !value.isEmpty else {
                return completion(.failure(ConnectRefusal(response: Self.json(401, #"{"message":"Unauthorized"}"#))))
            }
        }
        let configuration = serving.pipeline.configuration
        let methodArn = ExecuteApiArn.api(region: configuration.region, account: configuration.accountId, apiId: info.apiId)
            + "/\(stage.stageName)/$connect"
        let connect = WebSocketLambdaEvent.make(.connect, routeKey: "$connect", info: info, requestId: identifiers.requestId,
                                                extendedRequestId: identifiers.extendedRequestId, nowMillis: now)
        var event: [(key: String, value: JSONValue)] = [("type", .string("REQUEST")), ("methodArn", .string(methodArn))]
        if case .object(let members) = connect {
            let carried = ["headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters"]
            event += members.filter { carried.contains($0.key) }
            if !stage.variables.isEmpty {
                event.append(("stageVariables", .object(stage.variables.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
            }
            event += members.filter { $0.key == "requestContext" }
        }
        let call = WebSocketIntegrationCall(configuration: configuration, invoker: serving.pipeline.invoker)
        call.run(.lambda(function: authorizer.function, credentials: authorizer.credentials, timeoutMillis: 29_000), event: .object(event),
                 message: [], identifiers: identifiers, apiId: info.apiId, nowMillis: now) { answer in
            let failure = ConnectRefusal(response: Self.json(500, #"{"message":"Internal server error"}"#))
            guard let answer, answer.status == 200, let result = try? LambdaAuthorizerResult.parse(answer.body) else {
                return completion(.failure(failure))
            }
            guard result.decision(for: methodArn) == .allow else {
                return completion(.failure(ConnectRefusal(response: Self.json(403, #"{"message":"Forbidden"}"#))))
            }
            var authorized = info
            authorized.authorizer = WebSocketAuthorizerIdentity(principalId: result.principalId, context: result.context)
            completion(.success(authorized))
        }
    }
}
