/// Compiles deployed WebSocket APIs (`SnapshotWebSocketApi`) into what nodes serve them from:
/// per stage the compiled `routeSelectionExpression` and the routes by key with their
/// integrations. Shared by both planes; pure and synchronous, run off the event loops.
///
/// What the data plane does not enforce yet fails closed here, never served open:
/// - a route with an authorization other than `NONE` (only `$connect` can have one; its AWS_IAM is
///   enforced: `requiresIAM`, and so is CUSTOM: `authorizer`), with
///   `apiKeyRequired`, `requestParameters` or `requestModels` → its integration is `.refused`
///   (an upgrade through such a `$connect` answers 500; a message gets the error frame);
/// - integrations of type AWS, HTTP with request templates, MOCK with a template that must be
///   evaluated, `requestParameters`/`responseParameters`, VPC links, subtypes → `.refused`;
/// - a selection expression outside `$request.body.…`, access log settings, a `loggingLevel` other
///   than OFF or `dataTraceEnabled` → the stage is refused (500 on upgrade).
package enum WebSocketApiCompiler {
    /// Every deployed WebSocket API, by lowercased id.
    package static func compile(_ apis: [SnapshotWebSocketApi]) -> [String: CompiledWebSocketApi] {
        var compiled: [String: CompiledWebSocketApi] = [:]
        for api in apis {
            var stages: [String: CompiledWebSocketStage] = [:]
            for entry in api.stages { stages[entry.stageName] = compileStage(entry, api: api) }
            compiled[api.apiId.lowercased()] = CompiledWebSocketApi(apiId: api.apiId, stages: stages,
                                                                   executeApiEndpointDisabled: api.disableExecuteApiEndpoint)
        }
        return compiled
    }

    /// One stage of `api`.
    package static func compileStage(_ entry: SnapshotHttpApiStage, api: SnapshotWebSocketApi) -> CompiledWebSocketStage {
        let variables = entry.stageVariables ?? [:]
        var refusal: String?
        var selection: WebSocketSelectionExpression?
        switch WebSocketSelectionExpression.compile(api.routeSelectionExpression) {
        case .success(let expression): selection = expression
        case .failure(let error): refusal = error.message
        }
        // Logs Tollgate does not write for WebSocket traffic yet: the stage is refused, not served
        // with the setting silently dropped.
        let logged = [entry.defaultRouteSettings].compactMap { $0 } + (entry.routeSettings.map { Array($0.values) } ?? [])
        if entry.accessLogSettings?.destinationArn != nil {
            refusal = refusal ?? "accessLogSettings of WebSocket stage \(entry.stageName) are not written by Tollgate yet"
        } else if logged.contains(where: { ($0.loggingLevel ?? "OFF") != "OFF" || $0.dataTraceEnabled == true }) {
            refusal = refusal ?? "loggingLevel/dataTraceEnabled of WebSocket stage \(entry.stageName) are not written by Tollgate yet"
        }
        var routes: [String: CompiledWebSocketRoute] = [:]
        for route in entry.deployment.routes {
            let settings = entry.routeSettings?[route.routeKey] ?? entry.defaultRouteSettings
            var throttle: ThrottleLimits?
            if let settings, settings.throttles {
                throttle = ThrottleLimits(rate: settings.throttlingRateLimit ?? .infinity, burst: settings.throttlingBurstLimit ?? .max)
            }
            var compiled = integration(for: route, in: entry.deployment, variables: variables)
            var authorizer: CompiledWebSocketAuthorizer?
            if route.routeKey == "$connect", route.authorizationType == "CUSTOM", compiled.refusal == nil {
                switch CompiledWebSocketAuthorizer.compile(for: route, in: entry.deployment) {
                case .success(let value): authorizer = value
                case .failure(let refusal): compiled = .refused(refusal.reason)
                }
            }
            routes[route.routeKey] = CompiledWebSocketRoute(
                routeId: route.routeId, routeKey: route.routeKey,
                integration: compiled, twoWay: route.routeResponseSelectionExpression != nil, throttle: throttle,
                requiresIAM: route.routeKey == "$connect" && route.authorizationType == "AWS_IAM", authorizer: authorizer)
        }
        return CompiledWebSocketStage(apiId: api.apiId, apiName: api.name, stageName: entry.stageName, deploymentId: entry.deploymentId,
                                      variables: variables, selection: selection, routes: routes, refusal: refusal)
    }

    /// The route's integration for a stage with `variables`; `.refused` for what is not served.
    package static func integration(for route: V2Route, in content: V2DeployedContent,
                                    variables: [String: String]) -> CompiledWebSocketIntegration {
        // AWS_IAM on `$connect` is enforced by the node (SigV4 on the upgrade); anything else is not yet.
        let enforcedConnect = route.routeKey == "$connect" && ["AWS_IAM", "CUSTOM"].contains(route.authorizationType)
        if route.authorizationType != "NONE", !enforcedConnect {
            return .refused("authorizationType \(route.authorizationType) on route \(route.routeKey) is not enforced by Tollgate yet")
        }
        if route.apiKeyRequired { return .refused("apiKeyRequired on route \(route.routeKey) is not enforced by Tollgate yet") }
        if !(route.requestParameters ?? [:]).isEmpty || !(route.requestModels ?? [:]).isEmpty {
            return .refused("requestParameters/requestModels of route \(route.routeKey) are not enforced by Tollgate yet")
        }
        guard let id = route.integrationId, let integration = content.integrations.first(where: { $0.integrationId == id }) else {
            return .refused("route \(route.routeKey) has no integration")
        }
        if !(integration.requestParameters ?? [:]).isEmpty || (integration.responseParameters ?? [:]).values.contains(where: { !$0.isEmpty }) {
            return .refused("requestParameters/responseParameters of integration \(id) are not applied by Tollgate yet")
        }
        guard integration.connectionType == "INTERNET", integration.integrationSubtype == nil else {
            return .refused("integration \(id): private and AWS service integrations are not served by Tollgate yet")
        }
        let timeout = integration.timeoutInMillis
        let templates = integration.requestTemplates ?? [:]
        if integration.integrationType == "MOCK" {
            guard let source = templates["$default"] ?? (templates.count == 1 ? templates.first?.value : nil) else {
                return templates.isEmpty ? .mock(statusCode: 200)
                    : .refused("integration \(id): MOCK request templates are selected by templateSelectionExpression, not evaluated by Tollgate yet")
            }
            guard let template = try? MappingTemplate(contentType: "application/json", source: source), template.staticOutput != nil else {
                return .refused("integration \(id): a MOCK request template that must be evaluated is not served by Tollgate yet")
            }
            guard let status = MappingTemplate.declaredStatusCode(in: source) else {
                return .refused("integration \(id): the MOCK request template declares no statusCode")
            }
            return .mock(statusCode: status)
        }
        guard let raw = integration.integrationUri, let uri = StageVariableTemplate.substitute(raw, variables: variables), !uri.isEmpty else {
            return .refused("integration \(id) has no usable integrationUri")
        }
        switch integration.integrationType {
        case "AWS_PROXY":
            guard let function = LambdaFunctionURI.functionName(in: uri) ?? (uri.hasPrefix("arn:") && uri.contains(":lambda:") ? uri : nil) else {
                return .refused("integration \(id): not a Lambda function: \(uri)")
            }
            return .lambda(function: function, credentials: integration.credentialsArn, timeoutMillis: timeout)
        case "HTTP_PROXY", "HTTP":
            if integration.integrationType == "HTTP", !templates.isEmpty {
                return .refused("integration \(id): HTTP request templates are not applied to WebSocket messages by Tollgate yet")
            }
            guard let endpoint = HTTPEndpoint.parse(uri) else { return .refused("integration \(id): invalid URL \(uri)") }
            let method = integration.integrationMethod.flatMap { $0 == "ANY" ? nil : $0 } ?? "POST"
            return .http(endpoint: endpoint, method: method, timeoutMillis: timeout)
        default:
            return .refused("integration type \(integration.integrationType) is not served for WebSocket APIs by Tollgate yet")
        }
    }
}
