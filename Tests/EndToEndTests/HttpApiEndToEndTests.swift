import Foundation
import Testing
import Shared

/// HTTP APIs (`apigatewayv2`) through a real control plane and real nodes: quick create to a URL,
/// a payload 2.0 Lambda proxy against the local Invoke stand-in, auto-deploy propagation, 404s.
@Suite(.serialized, .timeLimit(.minutes(3))) struct HttpApiEndToEndTests {
    /// The Invoke stand-in: `structured` answers a 2.0 structured response summarising the event,
    /// `bare` answers a JSON object without `statusCode`, `v1` a REST-style 1.0 result.
    static let function: LambdaInvokeServer.Function = { name, event in
        let context = event["requestContext"] as? [String: Any] ?? [:]
        switch name {
        case "bare":
            return .init(body: Array(#"{"plain":true}"#.utf8))
        case "v1":
            let summary: [String: Any] = ["version": event["version"] ?? "", "path": event["path"] ?? "", "httpMethod": event["httpMethod"] ?? ""]
            let body = String(decoding: try! JSONSerialization.data(withJSONObject: summary), as: UTF8.self)
            let result = try! JSONSerialization.data(withJSONObject: ["statusCode": 202, "body": body])
            return .init(body: Array(result))
        default:
            let http = context["http"] as? [String: Any] ?? [:]
            let summary: [String: Any] = [
                "version": event["version"] ?? "", "routeKey": event["routeKey"] ?? "", "rawPath": event["rawPath"] ?? "",
                "rawQueryString": event["rawQueryString"] ?? "", "cookies": event["cookies"] ?? [],
                "query": event["queryStringParameters"] ?? [:], "pathParameters": event["pathParameters"] ?? [:],
                "method": http["method"] ?? "", "stage": context["stage"] ?? "", "body": event["body"] ?? NSNull(),
                "custom": (event["headers"] as? [String: Any])?["x-custom"] ?? "",
            ]
            let body = String(decoding: try! JSONSerialization.data(withJSONObject: summary), as: UTF8.self)
            let result = try! JSONSerialization.data(withJSONObject: [
                "statusCode": 201, "headers": ["X-Fn": "v2"], "cookies": ["a=1", "b=2"], "body": body,
            ])
            return .init(body: Array(result))
        }
    }

    static let functionsArn = "arn:aws:lambda:us-east-1:000000000000:function:"

    /// Waits until every node answers `path` on `apiId` with `status`; fails the test otherwise.
    static func untilServed(_ cluster: Cluster, apiId: String, _ path: String, status: Int) async -> Bool {
        await cluster.untilEveryNode(within: .seconds(15)) { port in
            (try? await cluster.invoke(port: port, apiId: apiId, path).status) == status
        } != nil
    }

    @Test func quickCreateToAUrlIsServedThroughTheDefaultStage() async throws {
        let cluster = try await Cluster.start(nodes: 2)
        defer { Task { await cluster.stop() } }
        let api = try await cluster.admin.call(.POST, "/v2/apis", json: [
            "name": "quick", "protocolType": "HTTP", "target": "http://127.0.0.1:\(cluster.echo.port)",
        ])
        let id = try #require(api["apiId"] as? String)
        #expect(await Self.untilServed(cluster, apiId: id, "/store/checkout", status: 200))
        let response = try await cluster.invoke(port: cluster.nodePorts[1], apiId: id, "/store/checkout?x=1", method: .POST,
                                                headers: [("X-Custom", "c")], body: Array("hello".utf8))
        #expect(response.status == 200)
        let echo = response.json
        // `$default` route: the whole request path goes to the integration, method and query as sent.
        #expect(echo["path"] as? String == "/store/checkout")
        #expect(echo["method"] as? String == "POST")
        #expect(echo["query"] as? String == "x=1")
        #expect(echo["body"] as? String == "hello")
        #expect(IntegrationEndToEndTests.header("X-Custom", in: echo) == "c")
        #expect(response.headers["apigw-requestid"] != nil)
        #expect(response.headers["x-amzn-RequestId"] == nil)
    }

    @Test func routesLambdaPayload2AutoDeployAnd404() async throws {
        // Three nodes: the issue's auto-deploy propagation (every `untilServed` waits on each node).
        let cluster = try await Cluster.start(nodes: 3, lambda: Self.function)
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        let id = try #require(try await admin.call(.POST, "/v2/apis", json: ["name": "pets", "protocolType": "HTTP"])["apiId"] as? String)
        let v2 = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "AWS_PROXY", "integrationUri": Self.functionsArn + "structured", "payloadFormatVersion": "2.0",
        ])["integrationId"] as? String)
        let bare = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "AWS_PROXY", "integrationUri": Self.functionsArn + "bare", "payloadFormatVersion": "2.0",
        ])["integrationId"] as? String)
        let v1 = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "AWS_PROXY", "integrationUri": Self.functionsArn + "v1", "payloadFormatVersion": "1.0",
        ])["integrationId"] as? String)
        let echo = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "HTTP_PROXY", "integrationUri": "http://127.0.0.1:\(cluster.echo.port)/base/{proxy}", "integrationMethod": "ANY",
        ])["integrationId"] as? String)
        for (key, target) in [("POST /pets/{id}", v2), ("GET /bare", bare), ("GET /v1/{name}", v1), ("ANY /echo/{proxy+}", echo)] {
            _ = try await admin.call(.POST, "/v2/apis/\(id)/routes", json: ["routeKey": key, "target": "integrations/\(target)"])
        }
        _ = try await admin.call(.POST, "/v2/apis/\(id)/stages", json: ["stageName": "prod", "autoDeploy": true])
        #expect(await Self.untilServed(cluster, apiId: id, "/prod/bare", status: 200))
        let port = cluster.nodePorts[0]

        // Payload 2.0 event and the structured response.
        let response = try await cluster.invoke(port: port, apiId: id, "/prod/pets/a%20b?x=1&x=2", method: .POST,
                                                headers: [("X-Custom", "hi"), ("Cookie", "c1=v1; c2=v2")], body: Array("{}".utf8))
        #expect(response.status == 201)
        #expect(response.headers["X-Fn"] == "v2")
        #expect(response.headers.values("Set-Cookie") == ["a=1", "b=2"])
        #expect(response.headers["apigw-requestid"] != nil)
        let summary = response.json
        #expect(summary["version"] as? String == "2.0")
        #expect(summary["routeKey"] as? String == "POST /pets/{id}")
        #expect(summary["rawPath"] as? String == "/prod/pets/a%20b")
        #expect(summary["rawQueryString"] as? String == "x=1&x=2")
        #expect(summary["query"] as? [String: String] == ["x": "1,2"])
        #expect(summary["pathParameters"] as? [String: String] == ["id": "a b"])
        #expect(summary["cookies"] as? [String] == ["c1=v1", "c2=v2"])
        #expect(summary["method"] as? String == "POST" && summary["stage"] as? String == "prod")
        #expect(summary["custom"] as? String == "hi" && summary["body"] as? String == "{}")

        // A result without statusCode is the body, 200, JSON.
        let plain = try await cluster.invoke(port: port, apiId: id, "/prod/bare")
        #expect(plain.status == 200 && plain.text == #"{"plain":true}"# && plain.headers["Content-Type"] == "application/json")

        // Payload 1.0: REST's event with a version.
        let old = try await cluster.invoke(port: port, apiId: id, "/prod/v1/z")
        #expect(old.status == 202)
        #expect(old.json["version"] as? String == "1.0" && old.json["path"] as? String == "/v1/z")

        // HTTP_PROXY with {proxy} substituted and ANY taking the client's method.
        let proxied = try await cluster.invoke(port: port, apiId: id, "/prod/echo/x/y", method: .DELETE)
        #expect(proxied.status == 200)
        #expect(proxied.json["path"] as? String == "/base/x/y" && proxied.json["method"] as? String == "DELETE")

        // No route, no stage: 404 Not Found with apigw-requestid.
        for path in ["/prod/nothing", "/other/bare", "/prod/pets/1"] {
            let missing = try await cluster.invoke(port: port, apiId: id, path)
            #expect(missing.status == 404, "\(path)")
            #expect(missing.text == #"{"message":"Not Found"}"#)
            #expect(missing.headers["apigw-requestid"] != nil)
        }

        // Auto-deploy: a new route reaches every node without CreateDeployment.
        _ = try await admin.call(.POST, "/v2/apis/\(id)/routes", json: ["routeKey": "GET /new", "target": "integrations/\(bare)"])
        #expect(await Self.untilServed(cluster, apiId: id, "/prod/new", status: 200))

        // Route throttling through the limits engine: a 0/0 route setting refuses every request.
        _ = try await admin.call(.PATCH, "/v2/apis/\(id)/stages/prod", json: [
            "routeSettings": ["GET /bare": ["throttlingBurstLimit": 0, "throttlingRateLimit": 0]],
        ])
        #expect(await Self.untilServed(cluster, apiId: id, "/prod/bare", status: 429))
        let throttled = try await cluster.invoke(port: port, apiId: id, "/prod/bare")
        #expect(throttled.text == #"{"message":"Too Many Requests"}"# && throttled.headers["apigw-requestid"] != nil)
        #expect(try await cluster.invoke(port: port, apiId: id, "/prod/new").status == 200, "other routes keep their own limits")

        // A JWT route is enforced: no token → 401, never served open.
        let jwt = try await admin.call(.POST, "/v2/apis/\(id)/authorizers", json: [
            "authorizerType": "JWT", "name": "j", "identitySource": ["$request.header.Authorization"],
            "jwtConfiguration": ["issuer": "https://issuer.example", "audience": ["a"]],
        ])
        let authorizer = try #require(jwt["authorizerId"] as? String)
        _ = try await admin.call(.POST, "/v2/apis/\(id)/routes", json: [
            "routeKey": "GET /secret", "target": "integrations/\(bare)", "authorizationType": "JWT", "authorizerId": authorizer,
        ])
        #expect(await Self.untilServed(cluster, apiId: id, "/prod/secret", status: 401))
        let refused = try await cluster.invoke(port: port, apiId: id, "/prod/secret", headers: [("Authorization", "Bearer not.a.jwt")])
        #expect(refused.status == 401 && refused.text == #"{"message":"Unauthorized"}"#)
    }

    @Test func jwtRoutesAcceptValidTokensAndRefuseOthersOnARealNode() async throws {
        let key = CognitoAuthorizerEndToEndTests.rsa
        let jwk = Dictionary(uniqueKeysWithValues: key.publicJWK.map { ($0.key, $0.value) }).merging(["kid": "k1", "use": "sig"]) { $1 }
        let jwks = try JWKSServer(document: AuthorizerStandIn.json(["keys": [jwk]]))
        let issuer = "https://issuer.example/tenant"
        let directory = NSTemporaryDirectory() + "tollgate-jwt-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/pools.json"
        try Data(AuthorizerStandIn.json(["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Jwt": ["issuer": issuer, "jwksUri": jwks.jwksURL]]))
            .write(to: URL(fileURLWithPath: file))
        let cluster = try await Cluster.start(nodes: 1, lambda: Self.function, nodeArguments: [0: ["--user-pools", file]])
        defer {
            Task {
                await cluster.stop()
                await jwks.stop()
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        let admin = cluster.admin
        let id = try #require(try await admin.call(.POST, "/v2/apis", json: ["name": "jwt", "protocolType": "HTTP"])["apiId"] as? String)
        let fn = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "AWS_PROXY", "integrationUri": Self.functionsArn + "bare", "payloadFormatVersion": "2.0",
        ])["integrationId"] as? String)
        let authorizer = try #require(try await admin.call(.POST, "/v2/apis/\(id)/authorizers", json: [
            "authorizerType": "JWT", "name": "j", "identitySource": ["$request.header.Authorization"],
            "jwtConfiguration": ["issuer": issuer, "audience": ["client-a"]],
        ])["authorizerId"] as? String)
        _ = try await admin.call(.POST, "/v2/apis/\(id)/routes", json: [
            "routeKey": "GET /me", "target": "integrations/\(fn)", "authorizationType": "JWT", "authorizerId": authorizer,
        ])
        _ = try await admin.call(.POST, "/v2/apis/\(id)/stages", json: ["stageName": "$default", "autoDeploy": true])
        let now = Int(Date().timeIntervalSince1970)
        let claims: [String: Any] = ["iss": issuer, "aud": "client-a", "sub": "u1", "iat": now - 10, "exp": now + 600]
        let good = CognitoAuthorizerEndToEndTests.token(claims)
        let port = cluster.nodePorts[0]
        let served = await cluster.untilEveryNode(within: .seconds(15)) { port in
            (try? await cluster.invoke(port: port, apiId: id, "/me", headers: [("Authorization", "Bearer " + good)]).status) == 200
        }
        #expect(served != nil, "the JWT route did not serve a valid token")
        #expect(jwks.fetchCount == 1)
        var otherAudience = claims
        otherAudience["aud"] = "client-z"
        for (what, token) in [("audience", CognitoAuthorizerEndToEndTests.token(otherAudience)),
                              ("signature", CognitoAuthorizerEndToEndTests.token(claims, key: CognitoAuthorizerEndToEndTests.stranger)),
                              ("none", "")] {
            let response = try await cluster.invoke(port: port, apiId: id, "/me", headers: token.isEmpty ? [] : [("Authorization", token)])
            #expect(response.status == 401, "\(what)")
            #expect(response.text == #"{"message":"Unauthorized"}"#, "\(what)")
        }
    }
}
