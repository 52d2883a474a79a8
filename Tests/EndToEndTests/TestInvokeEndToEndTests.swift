import Foundation
import Testing
import ControlPlane
import Shared

/// TestInvokeMethod and TestInvokeAuthorizer through a real `tollgate control-plane` process: the
/// API's current definition run by the data plane's pipeline inside the control plane, against the
/// echo backend and the Lambda Invoke stand-in (`AuthorizerStandIn`, which counts its calls).
@Suite(.serialized, .timeLimit(.minutes(3))) struct TestInvokeEndToEndTests {
    static let functionsArn = AuthorizerEndToEndTests.functionsArn

    struct Setup {
        let cluster: Cluster
        let functions: AuthorizerStandIn
        let api: ApiBuilder
        let mock: String
        let echo: String
        let guarded: String
        let changing: String
        let token: String
        let request: String
    }

    static func setUp() async throws -> Setup {
        let functions = AuthorizerStandIn()
        let cluster = try await Cluster.start(nodes: 1, lambda: functions.function)
        let admin = cluster.admin
        let api = try await ApiBuilder.create(admin, name: "test-invoke")
        let token = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "token", "type": "TOKEN", "authorizerUri": functionsArn + "token-auth/invocations",
            "identitySource": "method.request.header.Authorization", "authorizerResultTtlInSeconds": 300])["id"] as! String
        let request = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "request", "type": "REQUEST", "authorizerUri": functionsArn + "request-auth/invocations",
            "identitySource": "method.request.header.X-Tenant, method.request.querystring.key", "authorizerResultTtlInSeconds": 300])["id"] as! String

        // MOCK with a template reading the query, a stage variable and the stage.
        let mock = try await api.resource("mock")
        try await api.mock(mock, body: #"{"q": "$input.params('q')", "color": "$stageVariables.color", "stage": "$context.stage"}"#)
        // HTTP to the echo backend, its host from a stage variable.
        let echo = try await api.resource("echo")
        let item = try await api.resource("{id}", under: echo)
        try await api.method(item, "GET", requestParameters: ["method.request.path.id": true])
        try await api.integration(item, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET",
                                                "uri": "http://${stageVariables.backend}/items/{id}",
                                                "requestParameters": ["integration.request.path.id": "method.request.path.id"]])
        // A MOCK behind the TOKEN authorizer: TestInvokeMethod skips authorization.
        let guarded = try await api.resource("guarded")
        try await api.mock(guarded, body: #"{"guarded": true}"#)
        _ = try await admin.call(.PATCH, "/restapis/\(api.id)/resources/\(guarded)/methods/GET", json: ["patchOperations": [
            ["op": "replace", "path": "/authorizationType", "value": "CUSTOM"], ["op": "replace", "path": "/authorizerId", "value": token]]])
        // Deployed answering "v1", then changed to "v2" without a deployment.
        let changing = try await api.resource("changing")
        try await api.mock(changing, body: #"{"version": "v1"}"#)
        try await api.deploy(stage: "prod", variables: ["color": "blue", "backend": "127.0.0.1:\(cluster.echo.port)"])
        try await api.integrationResponse(changing, "GET", "200", ["responseTemplates": ["application/json": #"{"version": "v2"}"#]])

        let port = cluster.nodePorts[0]
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/changing").status) == 200
        }
        guard ready != nil else { throw ProcessError("the API did not reach the node") }
        _ = port
        return Setup(cluster: cluster, functions: functions, api: api, mock: mock, echo: item, guarded: guarded, changing: changing,
                     token: token, request: request)
    }

    static func testMethod(_ setup: Setup, _ resource: String, _ body: [String: Any], verb: String = "GET") async throws -> [String: Any] {
        try await setup.cluster.admin.call(.POST, "/restapis/\(setup.api.id)/resources/\(resource)/methods/\(verb)", json: body)
    }

    static func testAuthorizer(_ setup: Setup, _ authorizer: String, _ body: [String: Any]) async throws -> [String: Any] {
        try await setup.cluster.admin.call(.POST, "/restapis/\(setup.api.id)/authorizers/\(authorizer)", json: body)
    }

    @Test func testInvokeMethodRunsTheCurrentDefinitionThroughThePipeline() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.cluster.stop() } }

        // MOCK: the template sees the query, the request's stage variables and the test stage.
        let mock = try await Self.testMethod(setup, setup.mock, ["pathWithQueryString": "/mock?q=hello", "stageVariables": ["color": "red"]])
        #expect(mock["status"] as? Int == 200)
        let body = try JSONSerialization.jsonObject(with: Data(((mock["body"] as? String) ?? "").utf8)) as? [String: Any]
        #expect(body?["q"] as? String == "hello")
        #expect(body?["color"] as? String == "red")
        #expect(body?["stage"] as? String == "test-invoke-stage")
        #expect((mock["headers"] as? [String: String])?["X-Mock"] == "yes")
        #expect((mock["multiValueHeaders"] as? [String: [String]])?["X-Mock"] == ["yes"])
        let log = mock["log"] as? String ?? ""
        #expect(log.contains("Method request query string: {q=hello}"))
        #expect(log.contains("Method completed with status: 200"))
        #expect(mock["latency"] is NSNumber)

        // HTTP: path and query reach the backend at the host the stage variable names.
        let echoed = try await Self.testMethod(setup, setup.echo, ["pathWithQueryString": "/echo/42?color=green&n=1",
                                                                   "headers": ["X-Probe": "p1"],
                                                                   "stageVariables": ["backend": "127.0.0.1:\(setup.cluster.echo.port)"]])
        #expect(echoed["status"] as? Int == 200)
        let echo = try JSONSerialization.jsonObject(with: Data(((echoed["body"] as? String) ?? "").utf8)) as? [String: Any]
        #expect(echo?["path"] as? String == "/items/42")
        #expect(echo?["query"] as? String == "color=green&n=1")
        let headers = echo?["headers"] as? [[String]] ?? []
        #expect(headers.contains { $0.first?.lowercased() == "x-probe" && $0.last == "p1" })

        // The current definition answers, not the deployed one (the node still serves v1).
        let deployed = try await setup.cluster.invoke(port: setup.cluster.nodePorts[0], apiId: setup.api.id, "/prod/changing")
        #expect(deployed.json["version"] as? String == "v1")
        let current = try await Self.testMethod(setup, setup.changing, [:])
        #expect(current["status"] as? Int == 200)
        #expect((current["body"] as? String)?.contains("v2") == true)

        // Authorization is skipped: no token, no authorizer call, the MOCK answers.
        let calls = setup.functions.calls("token-auth")
        let guarded = try await Self.testMethod(setup, setup.guarded, [:])
        #expect(guarded["status"] as? Int == 200)
        #expect(setup.functions.calls("token-auth") == calls)

        // A path that addresses another resource is refused.
        await #expect(throws: (any Error).self) {
            _ = try await Self.testMethod(setup, setup.mock, ["pathWithQueryString": "/changing"])
        }
    }

    @Test func testInvokeAuthorizerRunsTheAuthorizerAlone() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.cluster.stop() } }
        let functions = setup.functions

        // TOKEN allow: principal, policy as JSON text, context; and no result cache between tests.
        let before = functions.calls("token-auth")
        let allowed = try await Self.testAuthorizer(setup, setup.token, ["headers": ["Authorization": "allow alice"]])
        #expect(allowed["clientStatus"] as? Int == 200)
        #expect(allowed["principalId"] as? String == "user-allow")
        let policy = try JSONSerialization.jsonObject(with: Data(((allowed["policy"] as? String) ?? "").utf8)) as? [String: Any]
        let statement = (policy?["Statement"] as? [[String: Any]])?.first
        #expect(statement?["Effect"] as? String == "Allow")
        #expect((allowed["authorization"] as? [String: [String]])?["tier"] == ["gold"])
        #expect(allowed["latency"] is NSNumber)
        _ = try await Self.testAuthorizer(setup, setup.token, ["headers": ["Authorization": "allow alice"]])
        #expect(functions.calls("token-auth") == before + 2)

        // TOKEN deny: 403 with the returned principal and policy.
        let denied = try await Self.testAuthorizer(setup, setup.token, ["headers": ["Authorization": "deny bob"]])
        #expect(denied["clientStatus"] as? Int == 403)
        #expect(denied["principalId"] as? String == "nobody")
        #expect((denied["policy"] as? String)?.contains("Deny") == true)

        // TOKEN Unauthorized: 401, no principal.
        let unauthorized = try await Self.testAuthorizer(setup, setup.token, ["headers": ["Authorization": "unauthorized"]])
        #expect(unauthorized["clientStatus"] as? Int == 401)
        #expect(unauthorized["principalId"] == nil)

        // REQUEST with an identity source missing: 401 without a call.
        let requestCalls = functions.calls("request-auth")
        let missing = try await Self.testAuthorizer(setup, setup.request, ["headers": ["X-Tenant": "t1"], "pathWithQueryString": "/"])
        #expect(missing["clientStatus"] as? Int == 401)
        #expect(functions.calls("request-auth") == requestCalls)
        // With both sources, the function runs on the test's query and stage variables.
        let present = try await Self.testAuthorizer(setup, setup.request, ["headers": ["X-Tenant": "t1"],
                                                                           "pathWithQueryString": "/anything?key=open-sesame",
                                                                           "stageVariables": ["color": "teal"]])
        #expect(present["clientStatus"] as? Int == 200)
        #expect(functions.calls("request-auth") == requestCalls + 1)
        let event = functions.lastRequestEvent
        #expect((event?["stageVariables"] as? [String: String])?["color"] == "teal")
        #expect((event?["queryStringParameters"] as? [String: String])?["key"] == "open-sesame")
    }

    /// A Cognito authorizer alone: the control plane's `--user-pools` points the pool at a local
    /// JWKS server; an accepted token answers 200 with its claims, a forged one 401 without claims.
    @Test func testInvokeAuthorizerVerifiesCognitoTokensAndAnswersTheirClaims() async throws {
        let rsa = CognitoAuthorizerEndToEndTests.rsa
        let jwk = Dictionary(uniqueKeysWithValues: rsa.publicJWK.map { ($0.key, $0.value) }).merging(["kid": "k1", "use": "sig"]) { $1 }
        let jwks = try JWKSServer(document: AuthorizerStandIn.json(["keys": [jwk]]))
        let issuer = "http://127.0.0.1:\(jwks.port)/pool"
        let directory = NSTemporaryDirectory() + "tollgate-test-invoke-pools-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/pools.json"
        let poolArn = CognitoAuthorizerEndToEndTests.poolArn
        try Data(AuthorizerStandIn.json([poolArn: ["issuer": issuer, "jwksUri": jwks.jwksURL]])).write(to: URL(fileURLWithPath: file))
        let cluster = try await Cluster.start(nodes: 0, controlPlaneArguments: ["--user-pools", file])
        defer {
            Task {
                await cluster.stop()
                await jwks.stop()
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        let admin = cluster.admin
        let api = try await ApiBuilder.create(admin, name: "cognito-test-invoke")
        let pool = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "pool", "type": "COGNITO_USER_POOLS", "providerARNs": [poolArn],
            "identitySource": "method.request.header.Authorization"])["id"] as! String
        let now = Int(Date().timeIntervalSince1970)
        let claims: [String: Any] = ["sub": "u-1", "iss": issuer, "token_use": "id", "aud": "client", "email": "ann@example.com",
                                     "iat": now - 10, "exp": now + 600]
        let accepted = try await admin.call(.POST, "/restapis/\(api.id)/authorizers/\(pool)",
                                            json: ["headers": ["Authorization": CognitoAuthorizerEndToEndTests.token(claims)]])
        #expect(accepted["clientStatus"] as? Int == 200)
        #expect((accepted["claims"] as? [String: String])?["email"] == "ann@example.com")
        let forged = try await admin.call(.POST, "/restapis/\(api.id)/authorizers/\(pool)", json: [
            "headers": ["Authorization": CognitoAuthorizerEndToEndTests.token(claims, key: CognitoAuthorizerEndToEndTests.stranger)]])
        #expect(forged["clientStatus"] as? Int == 401)
        #expect(forged["claims"] == nil)
    }
}
