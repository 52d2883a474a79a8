/// Compiles deployed HTTP APIs (`SnapshotHttpApi`) into the runtime tables nodes serve from: per
/// stage a `CompiledStage` whose router holds the route keys and whose routes carry
/// `CompiledHttpRoute`. Shared by both planes, like `SnapshotCompiler`: the control plane runs
/// `validationMessage(routes:)` before it saves a route, nodes run `compile` on every snapshot.
/// Pure and synchronous.
///
/// Routing (AWS's "most specific match"): the REST `Router` over the route paths (a literal beats
/// `{var}`, which beats `{var+}`; an exact verb beats `ANY`; the search falls back to a more generic
/// route when a specific one lacks the verb), then the `$default` route, then 404.
///
/// A `JWT` route carries its authorizer (`CompiledHttpJwt`, run by the data plane's JWT filter), a
/// `CUSTOM` one its Lambda authorizer (`CompiledHttpLambdaAuthorizer`), an `AWS_IAM` one nothing
/// more (the data plane's policy filter reads `authorizationType`); an integration's parameter
/// mapping is compiled into `CompiledHttpRoute.mapping`. What the data plane does not enforce
/// fails closed here, never served open: a JWT or CUSTOM route whose authorizer is unusable, a
/// mapping that does not compile, `overwrite:path` on a Lambda integration, a target that
/// cannot be called → the route answers 500 (its target is
/// `.misconfigured`); an access log format the node cannot write → every request to the stage
/// answers 500 (`CompiledHttpStage.refusal`). `corsConfiguration` is served (`CompiledHttpCors`).
package enum HttpApiCompiler {
    /// Every deployed HTTP API of a snapshot, by lowercased id. A stage whose route table cannot be
    /// built (the control plane refuses those before they are saved) compiles with a refusal.
    package static func compile(_ apis: [SnapshotHttpApi]) throws(CompileError) -> [String: CompiledHttpApi] {
        var compiled: [String: CompiledHttpApi] = [:]
        for api in apis where api.protocolType == "HTTP" {
            var stages: [String: CompiledStage] = [:]
            var defaultStage: CompiledStage?
            for entry in api.stages {
                let stage = try compileStage(entry, api: api)
                if entry.stageName == "$default" { defaultStage = stage } else { stages[entry.stageName] = stage }
            }
            compiled[api.apiId.lowercased()] = CompiledHttpApi(apiId: api.apiId, stages: stages, defaultStage: defaultStage,
                                                               executeApiEndpointDisabled: api.disableExecuteApiEndpoint,
                                                               cors: api.corsConfiguration.map(CompiledHttpCors.init))
        }
        return compiled
    }

    /// nil when `routes` form a route table nodes can build, else the 400 message for the admin API.
    package static func validationMessage(routes: [V2Route]) -> String? {
        var router = RouterBuilder()
        for (index, route) in routes.enumerated() {
            guard let (method, parts) = parse(routeKey: route.routeKey) else { continue }
            do {
                try router.add(path: parts, method: method, route: index)
            } catch {
                return "Route key \(route.routeKey) conflicts with another route of this API: \(describe(error))"
            }
        }
        return nil
    }

    /// `GET /pets/{id}` → (`GET`, path parts); nil for `$default` and for a key that is not
    /// `METHOD /path` (the admin API refuses those).
    package static func parse(routeKey: String) -> (method: String, parts: [PathPart])? {
        guard routeKey != "$default" else { return nil }
        let pieces = routeKey.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces[1].hasPrefix("/") else { return nil }
        var parts: [PathPart] = []
        for segment in pieces[1].split(separator: "/", omittingEmptySubsequences: true) {
            guard let part = PathPart(parsing: String(segment)) else { return nil }
            parts.append(part)
        }
        return (String(pieces[0]), parts)
    }

    // MARK: - Stages

    static func compileStage(_ entry: SnapshotHttpApiStage, api: SnapshotHttpApi) throws(CompileError) -> CompiledStage {
        let variables = entry.stageVariables ?? [:]
        var router = RouterBuilder()
        var routes: [CompiledRoute] = []
        var catchAll: Int?
        // A route table that cannot be built refuses its stage (500) instead of failing the whole
        // snapshot: one API's stored data never stops a node from taking new configuration.
        var refusal: String?
        for route in entry.deployment.routes.sorted(by: { $0.routeKey < $1.routeKey }) {
            let parsed = parse(routeKey: route.routeKey)
            if parsed == nil, route.routeKey != "$default" {
                refusal = refusal ?? "route key \(route.routeKey) cannot be routed"
                continue
            }
            let settings = entry.routeSettings?[route.routeKey] ?? entry.defaultRouteSettings
            var setting: MethodSetting?
            if let settings, settings.throttles {
                var throttle = MethodSetting()
                if let burst = settings.throttlingBurstLimit { throttle.throttlingBurstLimit = burst }
                if let rate = settings.throttlingRateLimit { throttle.throttlingRateLimit = rate }
                setting = throttle
            }
            var jwt: CompiledHttpJwt?
            var lambda: CompiledHttpLambdaAuthorizer?
            var authorization: String?
            switch route.authorizationType {
            case "NONE", "AWS_IAM": break  // AWS_IAM: the policy filter verifies SigV4 and the caller's policies
            case "JWT":
                jwt = CompiledHttpJwt.compile(route: route, content: entry.deployment)
                if jwt == nil { authorization = "the JWT authorizer of route \(route.routeKey) is missing or unusable" }
            case "CUSTOM":
                lambda = CompiledHttpLambdaAuthorizer.compile(route: route, content: entry.deployment, variables: variables)
                if lambda == nil { authorization = "the Lambda authorizer of route \(route.routeKey) is missing or unusable" }
            default:
                authorization = "authorizationType \(route.authorizationType) on route \(route.routeKey) is not enforced by Tollgate"
            }
            let (integration, format) = compileIntegration(for: route, in: entry.deployment, variables: variables, authorization: authorization)
            let mapping = compileMapping(for: route, in: entry.deployment)
            let path = parsed.map { "/" + $0.parts.map(\.description).joined(separator: "/") } ?? "$default"
            let compiled = CompiledRoute(
                resourceId: route.routeId, resourcePath: path, httpMethod: parsed?.method ?? "ANY",
                pathParameterNames: parsed?.parts.compactMap(\.variableName) ?? [], authorizationType: route.authorizationType,
                authorizerId: route.authorizerId, apiKeyRequired: false, requestValidatorId: nil, requestParameters: [:],
                methodResponseStatuses: [], integration: integration,
                methodSettingKey: setting == nil ? nil : route.routeKey,
                methodSetting: setting, refusal: nil,
                httpApi: CompiledHttpRoute(routeKey: route.routeKey, payloadFormatVersion: format, isCatchAll: parsed == nil, jwt: jwt,
                                           lambda: lambda, mapping: mapping))
            if let (method, parts) = parsed {
                do {
                    try router.add(path: parts, method: method, route: routes.count)
                } catch {
                    refusal = refusal ?? "route key \(route.routeKey): \(describe(error))"
                    continue
                }
            } else {
                catchAll = routes.count
            }
            routes.append(compiled)
        }
        var accessLog: CompiledAccessLog?
        do {
            accessLog = try CompiledAccessLog.compile(entry.accessLogSettings.map { AccessLogSettings(format: $0.format, destinationArn: $0.destinationArn) },
                                                      stageName: entry.stageName)
        } catch {
            refusal = refusal ?? "accessLogSettings cannot be written: \(error.message)"
        }
        return CompiledStage(
            restApiId: api.apiId, apiName: api.name, stageName: entry.stageName, deploymentId: entry.deploymentId,
            router: router.build(), routes: routes, variables: variables, binaryMediaTypes: [], apiKeySource: "HEADER",
            defaultMethodSetting: nil, tracingEnabled: false, executeApiEndpointDisabled: api.disableExecuteApiEndpoint,
            accessLog: accessLog, httpApi: CompiledHttpStage(catchAllRoute: catchAll, refusal: refusal))
    }

    // MARK: - Integrations

    /// The route's integration compiled for a stage with `variables`, and its payload format
    /// version. Anything not served yet becomes `.misconfigured` (the route answers 500).
    /// `authorization`: why the route's authorization cannot be enforced (then the route is refused).
    static func compileIntegration(for route: V2Route, in content: V2DeployedContent, variables: [String: String],
                                   authorization: String? = nil) -> (CompiledIntegration, String) {
        func refused(_ reason: String, timeout: Int = 30_000) -> (CompiledIntegration, String) {
            (CompiledIntegration(kind: .httpProxy, httpMethod: nil, target: .misconfigured(reason: reason), requestParameters: [],
                                 requestTemplates: [], passthroughBehavior: .whenNoMatch, contentHandling: nil, timeoutMillis: timeout,
                                 responses: .empty), "1.0")
        }
        guard let id = route.integrationId, let integration = content.integrations.first(where: { $0.integrationId == id }) else {
            return refused("route \(route.routeKey) has no integration")
        }
        let timeout = integration.timeoutInMillis
        if let authorization { return refused(authorization, timeout: timeout) }
        // Mappings the admin API would refuse (stored before it checked them) fail closed.
        guard let mapping = try? HttpParameterMapping.compile(request: integration.requestParameters, response: integration.responseParameters) else {
            return refused("requestParameters/responseParameters of integration \(id) cannot be compiled", timeout: timeout)
        }
        if integration.integrationType == "AWS_PROXY", mapping.request.contains(where: { $0.target == .path }) {
            return refused("overwrite:path on the Lambda integration \(id) is not applied by Tollgate (AWS's behaviour unverified)", timeout: timeout)
        }
        guard integration.connectionType == "INTERNET", integration.integrationSubtype == nil else {
            return refused("integration \(id): private and AWS service integrations are not served by Tollgate yet", timeout: timeout)
        }
        guard let raw = integration.integrationUri, let uri = StageVariableTemplate.substitute(raw, variables: variables), !uri.isEmpty else {
            return refused("integration \(id) has no usable integrationUri", timeout: timeout)
        }
        let format = integration.payloadFormatVersion ?? "1.0"
        switch integration.integrationType {
        case "HTTP_PROXY":
            guard let endpoint = HTTPEndpoint.parse(uri) else { return refused("integration \(id): invalid URL \(uri)", timeout: timeout) }
            let method = integration.integrationMethod.flatMap { $0 == "ANY" ? nil : $0 }
            return (CompiledIntegration(kind: .httpProxy, httpMethod: method, target: .http(endpoint), requestParameters: [],
                                        requestTemplates: [], passthroughBehavior: .whenNoMatch, contentHandling: nil,
                                        timeoutMillis: timeout, responses: .empty), "1.0")
        case "AWS_PROXY":
            guard ["1.0", "2.0"].contains(format) else { return refused("integration \(id): payloadFormatVersion \(format)", timeout: timeout) }
            guard let function = LambdaFunctionURI.functionName(in: uri) ?? (uri.hasPrefix("arn:") && uri.contains(":lambda:") ? uri : nil) else {
                return refused("integration \(id): not a Lambda function: \(uri)", timeout: timeout)
            }
            return (CompiledIntegration(kind: .awsProxy, httpMethod: "POST", target: .lambda(function: function), requestParameters: [],
                                        requestTemplates: [], passthroughBehavior: .whenNoMatch, contentHandling: nil,
                                        timeoutMillis: timeout, responses: .empty, credentials: integration.credentialsArn), format)
        default:
            return refused("integration type \(integration.integrationType) is not served for HTTP APIs", timeout: timeout)
        }
    }

    /// The parameter mapping of the route's integration, nil when it has none (or cannot be
    /// compiled: `compileIntegration` then refuses the route).
    static func compileMapping(for route: V2Route, in content: V2DeployedContent) -> HttpParameterMapping? {
        guard let id = route.integrationId, let integration = content.integrations.first(where: { $0.integrationId == id }),
              let mapping = try? HttpParameterMapping.compile(request: integration.requestParameters, response: integration.responseParameters),
              !mapping.isEmpty else { return nil }
        return mapping
    }

    private static func describe(_ error: RouteTreeError) -> String {
        switch error {
        case .childOfGreedy(let parent): return "nothing can follow the greedy \(parent)"
        case .conflictingVariableSibling(let existing, let new): return "\(new) and \(existing) cannot share a parent path"
        case .duplicateMethod(let path, let method): return "\(method) \(path) is defined twice"
        }
    }
}
