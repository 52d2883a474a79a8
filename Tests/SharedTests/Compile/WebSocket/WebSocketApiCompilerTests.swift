import Testing
@testable import Shared

/// WebSocket API stages: routes by key, route selection with `$default` fallback, integrations and
/// what fails closed.
@Suite struct WebSocketApiCompilerTests {
    static func route(_ key: String, integration: String = "mock", authorization: String = "NONE",
                      twoWay: Bool = false) -> V2Route {
        V2Route(routeId: "r-" + key, routeKey: key, apiKeyRequired: false, authorizationType: authorization,
                routeResponseSelectionExpression: twoWay ? "$default" : nil, target: "integrations/\(integration)")
    }

    static let integrations = [
        V2Integration(integrationId: "mock", integrationType: "MOCK", connectionType: "INTERNET",
                      requestTemplates: ["$default": #"{"statusCode": 200}"#], timeoutInMillis: 29_000),
        V2Integration(integrationId: "deny", integrationType: "MOCK", connectionType: "INTERNET",
                      requestTemplates: ["$default": #"{"statusCode": 403}"#], timeoutInMillis: 29_000),
        V2Integration(integrationId: "bare", integrationType: "MOCK", connectionType: "INTERNET", timeoutInMillis: 29_000),
        V2Integration(integrationId: "vtl", integrationType: "MOCK", connectionType: "INTERNET",
                      requestTemplates: ["$default": #"{"statusCode": $input.json('$.code')}"#], timeoutInMillis: 29_000),
        V2Integration(integrationId: "fn", integrationType: "AWS_PROXY", connectionType: "INTERNET",
                      credentialsArn: "arn:aws:iam::1:role/r",
                      integrationUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:${stageVariables.fn}/invocations",
                      timeoutInMillis: 5_000),
        V2Integration(integrationId: "web", integrationType: "HTTP_PROXY", connectionType: "INTERNET", integrationMethod: "PUT",
                      integrationUri: "http://backend.example/ws", timeoutInMillis: 1_000),
        V2Integration(integrationId: "aws", integrationType: "AWS", connectionType: "INTERNET",
                      integrationUri: "arn:aws:apigateway:us-east-1:sqs:path/1/q", timeoutInMillis: 1_000),
        V2Integration(integrationId: "mapped", integrationType: "HTTP_PROXY", connectionType: "INTERNET",
                      integrationUri: "http://backend.example/ws", requestParameters: ["integration.request.header.x": "'a'"],
                      timeoutInMillis: 1_000),
    ]

    static func stage(_ routes: [V2Route], expression: String = "$request.body.action",
                      settings: [String: V2RouteSettings]? = nil) -> CompiledWebSocketStage {
        let api = SnapshotWebSocketApi(apiId: "WsApi1", name: "chat", routeSelectionExpression: expression, stages: [
            SnapshotHttpApiStage(stageName: "prod", deploymentId: "d1", routeSettings: settings, stageVariables: ["fn": "echo"],
                                 deployment: V2DeployedContent(routes: routes, integrations: integrations, authorizers: [])),
        ])
        let compiled = WebSocketApiCompiler.compile([api])
        return compiled["wsapi1"]!.stages["prod"]!
    }

    @Test(arguments: [
        (#"{"action":"join"}"#, "join" as String?),
        (#"{"action":"leave"}"#, "$default"),
        ("plain text", "$default"),
        (#"{"action":"$connect"}"#, "$default"),
        (#"{"action":"$disconnect"}"#, "$default"),
    ])
    func messagesGoToTheirRouteElseDefault(message: String, expected: String?) {
        let stage = Self.stage(["$connect", "$disconnect", "$default", "join"].map { Self.route($0) })
        #expect(stage.route(forMessage: Array(message.utf8))?.routeKey == expected)
    }

    @Test func withoutDefaultAnUnmatchedMessageHasNoRoute() {
        let stage = Self.stage([Self.route("join")])
        #expect(stage.route(forMessage: Array(#"{"action":"join"}"#.utf8))?.routeKey == "join")
        #expect(stage.route(forMessage: Array(#"{"action":"nope"}"#.utf8)) == nil)
        #expect(stage.connectRoute == nil)
    }

    @Test func integrationsCompileForTheStage() {
        let stage = Self.stage([Self.route("$connect"), Self.route("deny", integration: "deny"), Self.route("bare", integration: "bare"),
                                Self.route("fn", integration: "fn", twoWay: true), Self.route("web", integration: "web")])
        #expect(stage.connectRoute?.integration == .mock(statusCode: 200))
        #expect(stage.routes["deny"]?.integration == .mock(statusCode: 403))
        #expect(stage.routes["bare"]?.integration == .mock(statusCode: 200))
        #expect(stage.routes["fn"]?.integration == .lambda(function: "arn:aws:lambda:us-east-1:1:function:echo",
                                                            credentials: "arn:aws:iam::1:role/r", timeoutMillis: 5_000))
        #expect(stage.routes["fn"]?.twoWay == true && stage.connectRoute?.twoWay == false)
        guard case .http(let endpoint, let method, let timeout)? = stage.routes["web"]?.integration else {
            Issue.record("web is not an HTTP integration")
            return
        }
        #expect(endpoint == HTTPEndpoint.parse("http://backend.example/ws") && method == "PUT" && timeout == 1_000)
    }

    /// What the node does not enforce fails closed: the route is refused, never served open.
    @Test func unenforcedSettingsRefuseTheRoute() {
        var keyed = Self.route("keyed")
        keyed.apiKeyRequired = true
        var modelled = Self.route("modelled")
        modelled.requestModels = ["$default": "M"]
        let iam = Self.stage([Self.route("$connect", authorization: "AWS_IAM")])
        #expect(iam.connectRoute?.requiresIAM == true && iam.connectRoute?.integration.refusal == nil)
        let stage = Self.stage([Self.route("$connect", authorization: "CUSTOM"), Self.route("iam", authorization: "AWS_IAM"),
                                keyed, modelled, Self.route("vtl", integration: "vtl"), Self.route("aws", integration: "aws"),
                                Self.route("mapped", integration: "mapped"), Self.route("none", integration: "missing")])
        for key in ["$connect", "iam", "keyed", "modelled", "vtl", "aws", "mapped", "none"] {
            #expect(stage.routes[key]?.integration.refusal != nil, "\(key)")
        }
    }

    @Test func aConnectRequestAuthorizerIsCompiledAndUnusableOnesFailClosed() {
        func stage(_ authorizer: V2Authorizer) -> CompiledWebSocketStage {
            var connect = Self.route("$connect", authorization: "CUSTOM")
            connect.authorizerId = "a1"
            let api = SnapshotWebSocketApi(apiId: "w", name: "w", routeSelectionExpression: "$request.body.action", stages: [
                SnapshotHttpApiStage(stageName: "prod", deploymentId: "d", deployment: V2DeployedContent(
                    routes: [connect], integrations: Self.integrations, authorizers: [authorizer])),
            ])
            return WebSocketApiCompiler.compile([api])["w"]!.stages["prod"]!
        }
        let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:auth/invocations"
        let usable = stage(V2Authorizer(authorizerId: "a1", authorizerType: "REQUEST", name: "a", authorizerUri: uri,
                                        identitySource: ["route.request.header.Auth", "route.request.querystring.token"]))
        #expect(usable.connectRoute?.authorizer == CompiledWebSocketAuthorizer(
            authorizerId: "a1", function: "arn:aws:lambda:us-east-1:1:function:auth", credentials: nil, sources: [.header("Auth"), .query("token")]))
        #expect(usable.connectRoute?.integration.refusal == nil)
        let contextSource = stage(V2Authorizer(authorizerId: "a1", authorizerType: "REQUEST", name: "a", authorizerUri: uri,
                                               identitySource: ["context.requestId"]))
        #expect(contextSource.connectRoute?.integration.refusal != nil && contextSource.connectRoute?.authorizer == nil)
        let other = stage(V2Authorizer(authorizerId: "other", authorizerType: "REQUEST", name: "a", authorizerUri: uri))
        #expect(other.connectRoute?.integration.refusal != nil)
    }

    @Test func anUnsupportedSelectionExpressionRefusesTheStage() {
        let stage = Self.stage([Self.route("$default")], expression: "$request.header.x")
        #expect(stage.refusal != nil)
        #expect(Self.stage([Self.route("$default")]).refusal == nil)
    }

    @Test func logsNotWrittenRefuseTheStage() {
        let api = SnapshotWebSocketApi(apiId: "w", name: "w", routeSelectionExpression: "$request.body.action", stages: [
            SnapshotHttpApiStage(stageName: "logged", deploymentId: "d", defaultRouteSettings: V2RouteSettings(loggingLevel: "INFO"),
                                 deployment: V2DeployedContent(routes: [], integrations: [], authorizers: [])),
            SnapshotHttpApiStage(stageName: "quiet", deploymentId: "d", defaultRouteSettings: V2RouteSettings(dataTraceEnabled: false, loggingLevel: "OFF"),
                                 deployment: V2DeployedContent(routes: [], integrations: [], authorizers: [])),
        ])
        let stages = WebSocketApiCompiler.compile([api])["w"]!.stages
        #expect(stages["logged"]?.refusal != nil)
        #expect(stages["quiet"]?.refusal == nil)
    }

    @Test func routeThrottlesAreCompiled() {
        let stage = Self.stage([Self.route("join"), Self.route("$default")],
                               settings: ["join": V2RouteSettings(throttlingBurstLimit: 0, throttlingRateLimit: 0)])
        #expect(stage.routes["join"]?.throttle == ThrottleLimits(rate: 0, burst: 0))
        #expect(stage.defaultRoute?.throttle == nil)
    }
}
