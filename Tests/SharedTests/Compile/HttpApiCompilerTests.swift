import Testing
@testable import Shared

/// HTTP API route tables: AWS's route priority, stage selection, and what fails closed.
@Suite struct HttpApiCompilerTests {
    static func route(_ key: String, integration: String = "i1", authorization: String = "NONE") -> V2Route {
        V2Route(routeId: "r" + String(key.hashValue.magnitude % 100_000), routeKey: key, apiKeyRequired: false,
                authorizationType: authorization, target: "integrations/\(integration)")
    }

    static let echo = V2Integration(integrationId: "i1", integrationType: "HTTP_PROXY", connectionType: "INTERNET",
                                    integrationMethod: "ANY", integrationUri: "http://backend.example/{proxy}", payloadFormatVersion: "1.0",
                                    timeoutInMillis: 3_000)

    static func api(_ routes: [V2Route], stages: [String] = ["$default"], integrations: [V2Integration] = [echo],
                    cors: V2Cors? = nil, settings: V2RouteSettings? = nil, routeSettings: [String: V2RouteSettings]? = nil) -> SnapshotHttpApi {
        let content = V2DeployedContent(routes: routes, integrations: integrations, authorizers: [])
        return SnapshotHttpApi(apiId: "AbC123", name: "pets", corsConfiguration: cors, stages: stages.map {
            SnapshotHttpApiStage(stageName: $0, deploymentId: "d1", defaultRouteSettings: settings, routeSettings: routeSettings,
                                 deployment: content)
        })
    }

    static func compile(_ api: SnapshotHttpApi) throws -> CompiledHttpApi {
        try #require(try HttpApiCompiler.compile([api])["abc123"])
    }

    /// AWS's example (developer guide, "Routing API requests"): most specific route, then greedy, then `$default`.
    static let priorityRoutes = ["GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default"]

    @Test(arguments: [
        ("GET", "/pets/dog/1", "GET /pets/dog/1"),
        ("GET", "/pets/dog/2", "GET /pets/dog/{id}"),
        ("GET", "/pets/cat/1", "GET /pets/{proxy+}"),
        ("POST", "/pets/dog/1", "ANY /{proxy+}"),
        ("GET", "/", "$default"),
        ("HEAD", "/pets", "ANY /{proxy+}"),
    ])
    func mostSpecificRouteWins(method: String, path: String, expected: String) throws {
        let stage = try #require(try Self.compile(Self.api(Self.priorityRoutes.map { Self.route($0) })).defaultStage)
        let (route, _) = try #require(stage.httpRoute(method: method, path: path[...]))
        #expect(route.httpApi?.routeKey == expected)
    }

    @Test func noRouteWithoutDefaultIsNil() throws {
        let stage = try #require(try Self.compile(Self.api([Self.route("GET /pets/{id}")])).defaultStage)
        #expect(stage.httpRoute(method: "GET", path: "/pets") == nil)
        #expect(stage.httpRoute(method: "POST", path: "/pets/1") == nil)
        let (route, match) = try #require(stage.httpRoute(method: "GET", path: "/pets/7"))
        #expect(route.pathParameterNames == ["id"] && match.parameterValues == ["7"])
    }

    @Test func aNamedStageIsSelectedByItsPrefixElseDefault() throws {
        let api = try Self.compile(Self.api([Self.route("GET /x")], stages: ["$default", "prod"]))
        let (prod, rest) = try #require(api.stage(for: "/prod/x"))
        #expect(prod.stageName == "prod" && rest == "/x")
        let (fallback, whole) = try #require(api.stage(for: "/other/x"))
        #expect(fallback.stageName == "$default" && whole == "/other/x")
        let named = try Self.compile(Self.api([Self.route("GET /x")], stages: ["prod"]))
        #expect(named.stage(for: "/other/x") == nil && named.defaultStage == nil)
    }

    @Test func unenforcedSettingsFailClosed() throws {
        // JWT and CUSTOM routes whose authorizer is missing: refused, never served open.
        for authorization in ["JWT", "CUSTOM"] {
            let stage = try #require(try Self.compile(Self.api([Self.route("GET /a", authorization: authorization)])).defaultStage)
            guard case .misconfigured = stage.routes[0].integration.target else { Issue.record("\(authorization) route served open"); return }
        }
        // A stored mapping the compiler refuses (a reserved header), and `overwrite:path` on a Lambda integration.
        var reserved = Self.echo
        reserved.requestParameters = ["overwrite:header.Authorization": "x"]
        let refused = try #require(try Self.compile(Self.api([Self.route("GET /a")], integrations: [reserved])).defaultStage)
        guard case .misconfigured = refused.routes[0].integration.target else { Issue.record("reserved mapping served"); return }
        let lambda = V2Integration(integrationId: "i1", integrationType: "AWS_PROXY", connectionType: "INTERNET",
                                   integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:f", payloadFormatVersion: "2.0",
                                   requestParameters: ["overwrite:path": "/a"], timeoutInMillis: 3_000)
        let lambdaStage = try #require(try Self.compile(Self.api([Self.route("GET /a")], integrations: [lambda])).defaultStage)
        guard case .misconfigured = lambdaStage.routes[0].integration.target else { Issue.record("Lambda path mapping ignored"); return }
        let cors = try Self.compile(Self.api([Self.route("GET /a")], cors: V2Cors(allowOrigins: ["*"])))
        #expect(cors.cors != nil && cors.defaultStage?.httpApi?.refusal == nil)
        let plain = try #require(try Self.compile(Self.api([Self.route("GET /a")])).defaultStage)
        #expect(plain.httpApi?.refusal == nil)
        guard case .http = plain.routes[0].integration.target else { Issue.record("plain route not served"); return }
    }

    @Test func iamRoutesAndMappingsAreServedWithTheirCompiledForm() throws {
        var mapped = Self.echo
        mapped.requestParameters = ["overwrite:path": "/x", "append:header.x-a": "$context.requestId"]
        mapped.responseParameters = ["200": ["overwrite:statuscode": "204"]]
        let stage = try #require(try Self.compile(Self.api([Self.route("GET /a", authorization: "AWS_IAM")], integrations: [mapped])).defaultStage)
        guard case .http = stage.routes[0].integration.target else { Issue.record("IAM route with mappings not served"); return }
        #expect(stage.routes[0].authorizationType == "AWS_IAM")
        #expect(stage.routes[0].httpApi?.mapping?.request.map(\.target) == [.header("x-a"), .path])
        #expect(stage.routes[0].httpApi?.mapping?.responses[200]?.first?.target == .statusCode)
    }

    @Test func aLambdaAuthorizerCompilesWithItsSourcesAndDefaults() throws {
        let authorizer = V2Authorizer(authorizerId: "au", authorizerType: "REQUEST", name: "a", authorizerPayloadFormatVersion: "2.0",
                                      authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations",
                                      enableSimpleResponses: true, identitySource: ["$request.header.A, $request.querystring.b", "$context.stage"])
        let route = V2Route(routeId: "r1", routeKey: "GET /a", apiKeyRequired: false, authorizationType: "CUSTOM", authorizerId: "au",
                            target: "integrations/i1")
        let content = V2DeployedContent(routes: [route], integrations: [Self.echo], authorizers: [authorizer])
        let compiled = try #require(CompiledHttpLambdaAuthorizer.compile(route: route, content: content, variables: ["fn": "auth"]))
        #expect(compiled.function == "arn:aws:lambda:us-east-1:123456789012:function:auth")
        #expect(compiled.identitySources == [.header("A"), .query("b"), .context("stage")])
        #expect(compiled.ttlSeconds == 0 && !compiled.caches && compiled.simpleResponses)
        // Simple responses on 1.0, an unknown context variable, a non-Lambda URI: nothing compiles.
        for broken in [V2Authorizer(authorizerId: "au", authorizerType: "REQUEST", name: "a", authorizerPayloadFormatVersion: "1.0",
                                    authorizerUri: authorizer.authorizerUri, enableSimpleResponses: true),
                       V2Authorizer(authorizerId: "au", authorizerType: "REQUEST", name: "a", authorizerPayloadFormatVersion: "2.0",
                                    authorizerUri: authorizer.authorizerUri, identitySource: ["$context.made.up"]),
                       V2Authorizer(authorizerId: "au", authorizerType: "REQUEST", name: "a", authorizerPayloadFormatVersion: "2.0",
                                    authorizerUri: "https://example.com")] {
            #expect(CompiledHttpLambdaAuthorizer.compile(route: route, content: V2DeployedContent(routes: [route], integrations: [], authorizers: [broken]),
                                                         variables: ["fn": "auth"]) == nil)
        }
    }

    @Test func routeAndStageThrottlesBecomeRouteLimits() throws {
        let stage = try #require(try Self.compile(Self.api([Self.route("GET /a"), Self.route("GET /b")],
                                                           settings: V2RouteSettings(throttlingBurstLimit: 5, throttlingRateLimit: 2),
                                                           routeSettings: ["GET /b": V2RouteSettings(throttlingBurstLimit: 1, throttlingRateLimit: 1)])).defaultStage)
        let byKey = Dictionary(uniqueKeysWithValues: stage.routes.map { ($0.httpApi!.routeKey, $0) })
        #expect(byKey["GET /a"]?.throttle == ThrottleLimits(rate: 2, burst: 5))
        #expect(byKey["GET /b"]?.throttle == ThrottleLimits(rate: 1, burst: 1))
    }

    @Test func lambdaTargetsAndPayloadVersions() throws {
        let lambda = V2Integration(integrationId: "i1", integrationType: "AWS_PROXY", connectionType: "INTERNET",
                                   integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:fn", payloadFormatVersion: "2.0",
                                   timeoutInMillis: 1_000)
        let stage = try #require(try Self.compile(Self.api([Self.route("$default")], integrations: [lambda])).defaultStage)
        #expect(stage.routes[0].integration.target == .lambda(function: "arn:aws:lambda:us-east-1:123456789012:function:fn"))
        #expect(stage.routes[0].httpApi?.payloadFormatVersion == "2.0" && stage.routes[0].httpApi?.isCatchAll == true)
        #expect(stage.routes[0].integration.timeoutMillis == 1_000)
    }

    @Test func conflictingRouteTablesAreReported() throws {
        let conflicting = [Self.route("GET /a/{id}"), Self.route("GET /a/{name}/b")]
        #expect(HttpApiCompiler.validationMessage(routes: conflicting) != nil)
        // On a node such a stage fails closed; the snapshot still compiles.
        let stage = try #require(try Self.compile(Self.api(conflicting)).defaultStage)
        #expect(stage.httpApi?.refusal != nil)
        #expect(HttpApiCompiler.validationMessage(routes: Self.priorityRoutes.map { Self.route($0) }) == nil)
    }

    @Test func snapshotsWithoutHttpApisKeepTheirBytes() throws {
        let snapshot = Snapshot(revision: 1, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: [])
        #expect(!String(decoding: SnapshotCodec.encode(snapshot), as: UTF8.self).contains("httpApis"))
        var with = snapshot
        with.httpApis = [Self.api([Self.route("GET /a")])]
        let sealed = SnapshotCodec.seal(header: with, stages: [])
        #expect(sealed.bytes == SnapshotCodec.encode(with))
        #expect(try SnapshotCodec.decode(sealed.bytes).httpApis == with.httpApis)
    }

    @Test(arguments: [
        (["https://a.example"], false, "https://a.example", "https://a.example"),
        (["https://A.example"], false, "https://a.EXAMPLE", "https://a.EXAMPLE"),
        (["*"], false, "https://x.test", "*"),
        (["*"], true, "https://x.test", "https://x.test"),
        (["https://*.example.com"], false, "https://api.example.com", "https://api.example.com"),
        (["https://*.example.com"], false, "http://api.example.com", nil),
        (["https://*.example.com"], false, "https://example.com", nil),
        (["https://a.example"], false, "https://b.example", nil),
    ] as [([String], Bool, String, String?)])
    func corsOriginsMatch(allowed: [String], credentials: Bool, origin: String, expected: String?) {
        let cors = CompiledHttpCors(V2Cors(allowCredentials: credentials, allowOrigins: allowed))
        #expect(cors.allowedOrigin(origin) == expected)
    }
}
