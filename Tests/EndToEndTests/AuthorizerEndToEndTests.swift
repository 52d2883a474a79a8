import Foundation
import Testing
import ControlPlane
import Shared

/// Lambda authorizers (TOKEN, REQUEST) through a real control plane and node, with the Lambda
/// Invoke stand-in counting every authorizer call (docs/authorization.md).
@Suite(.serialized, .timeLimit(.minutes(3))) struct AuthorizerEndToEndTests {
    static let functionsArn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:"

    /// One node with a 300 ms authorizer timeout, an API (key source AUTHORIZER) whose methods use
    /// the stand-in's authorizers and end in its `backend` function.
    struct Setup {
        let cluster: Cluster
        let functions: AuthorizerStandIn
        let api: ApiBuilder
        let port: Int
        let key: String
    }

    static func setUp() async throws -> Setup {
        let functions = AuthorizerStandIn()
        let cluster = try await Cluster.start(nodes: 1, lambda: functions.function, nodeArguments: [0: ["--authorizer-timeout", "300"]])
        let admin = cluster.admin
        let created = try await admin.call(.POST, "/restapis", json: ["name": "authorizers", "apiKeySource": "AUTHORIZER"])
        let api = ApiBuilder(admin: admin, id: created["id"] as! String, root: created["rootResourceId"] as! String)
        let token = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "token", "type": "TOKEN", "authorizerUri": functionsArn + "token-auth/invocations",
            "identitySource": "method.request.header.Authorization", "identityValidationExpression": "(allow|deny|unauthorized|broken|crash|slow).*",
            "authorizerResultTtlInSeconds": 300])["id"] as! String
        let request = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "request", "type": "REQUEST", "authorizerUri": functionsArn + "request-auth/invocations",
            "identitySource": "method.request.header.X-Tenant, method.request.querystring.key", "authorizerResultTtlInSeconds": 0])["id"] as! String

        for (path, authorizer, keyed) in [("pets", token, false), ("keyed", token, true)] {
            let resource = try await api.resource(path)
            for verb in ["GET", "POST"] {
                _ = try await admin.call(.PUT, "/restapis/\(api.id)/resources/\(resource)/methods/\(verb)",
                                         json: ["authorizationType": "CUSTOM", "authorizerId": authorizer, "apiKeyRequired": keyed])
                try await api.integration(resource, verb, ["type": "AWS_PROXY", "httpMethod": "POST", "uri": functionsArn + "backend/invocations"])
            }
        }
        let tenants = try await api.resource("tenants")
        let tenant = try await api.resource("{id}", under: tenants)
        _ = try await admin.call(.PUT, "/restapis/\(api.id)/resources/\(tenant)/methods/GET",
                                 json: ["authorizationType": "CUSTOM", "authorizerId": request])
        try await api.integration(tenant, "GET", ["type": "AWS_PROXY", "httpMethod": "POST", "uri": functionsArn + "backend/invocations"])
        try await api.deploy(stage: "prod", variables: ["color": "blue"])

        let key = "authorizer-key-" + UUID().uuidString
        let keyId = try await admin.call(.POST, "/apikeys", json: ["name": "from-authorizer", "enabled": true, "value": key])["id"] as! String
        let plan = try await admin.call(.POST, "/usageplans", json: ["name": "authorizer-plan", "apiStages": [["apiId": api.id, "stage": "prod"]]])
        _ = try await admin.call(.POST, "/usageplans/\(plan["id"] as! String)/keys", json: ["keyId": keyId, "keyType": "API_KEY"])

        let port = cluster.nodePorts[0]
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/keyed", headers: [("Authorization", "allow probe key:\(key)")]).status) == 200
        }
        guard ready != nil else { throw ProcessError("the authorizer API did not reach the node") }
        return Setup(cluster: cluster, functions: functions, api: api, port: port, key: key)
    }

    @Test func lambdaAuthorizersAllowDenyCacheAndFailAsAWSDoes() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.cluster.stop() } }
        let (cluster, functions, api, port) = (setup.cluster, setup.functions, setup.api, setup.port)
        func call(_ target: String, _ verb: HTTPMethod = .GET, _ headers: [(String, String)]) async throws -> HTTPResponse {
            try await cluster.invoke(port: port, apiId: api.id, target, method: verb, headers: headers)
        }
        let before = functions.calls("token-auth")

        // Allow: the backend sees the principal and the context (as strings) and the call latency.
        let allowed = try await call("/prod/pets", .GET, [("Authorization", "allow alice")])
        #expect(allowed.status == 200)
        let authorizer = (try? JSONSerialization.jsonObject(with: Data(allowed.body)) as? [String: Any])?["authorizer"] as? [String: Any]
        #expect(authorizer?["principalId"] as? String == "user-allow")
        #expect(authorizer?["tier"] as? String == "gold")
        #expect(authorizer?["count"] as? String == "7")
        #expect(authorizer?["admin"] as? String == "false")
        #expect(authorizer?["integrationLatency"] is NSNumber)
        #expect(functions.calls("token-auth") == before + 1)

        // The same token again: served from the node's cache, for this method and for another
        // method whose ARN the cached policy does not allow (implicit deny, still no call).
        let cached = try await call("/prod/pets", .GET, [("Authorization", "allow alice")])
        #expect(cached.status == 200)
        let otherMethod = try await call("/prod/pets", .POST, [("Authorization", "allow alice")])
        #expect(otherMethod.status == 403)
        #expect(otherMethod.text == #"{"Message":"User is not authorized to access this resource"}"#)
        #expect(otherMethod.headers["x-amzn-ErrorType"] == "AccessDeniedException")
        #expect(functions.calls("token-auth") == before + 1, "cache hits do not call the authorizer")

        // Deny: 403 with AWS's explicit-deny text, and cached too.
        for _ in 0..<2 {
            let denied = try await call("/prod/pets", .GET, [("Authorization", "deny bob")])
            #expect(denied.status == 403)
            #expect(denied.text == #"{"Message":"User is not authorized to access this resource with an explicit deny"}"#)
        }
        #expect(functions.calls("token-auth") == before + 2)

        // Missing token, a token the validation expression refuses: 401 without a call.
        for headers in [[], [("Authorization", "bogus")], [("Authorization", "")]] {
            let refused = try await call("/prod/pets", .GET, headers)
            #expect(refused.status == 401)
            #expect(refused.text == #"{"message":"Unauthorized"}"#)
            #expect(refused.headers["x-amzn-ErrorType"] == "UnauthorizedException")
        }
        #expect(functions.calls("token-auth") == before + 2)

        // The function throws `Unauthorized` → 401; another error or no policy → 500 configuration error.
        let unauthorized = try await call("/prod/pets", .GET, [("Authorization", "unauthorized")])
        #expect(unauthorized.status == 401 && unauthorized.text == #"{"message":"Unauthorized"}"#)
        for token in ["crash", "broken"] {
            let broken = try await call("/prod/pets", .GET, [("Authorization", token)])
            #expect(broken.status == 500)
            #expect(broken.text == #"{"message": null}"#)
            #expect(broken.headers["x-amzn-ErrorType"] == "AuthorizerConfigurationException")
        }
        // API key source AUTHORIZER: the key comes from `usageIdentifierKey`.
        let keyed = try await call("/prod/keyed", .GET, [("Authorization", "allow carol key:\(setup.key)")])
        #expect(keyed.status == 200)
        let unkeyed = try await call("/prod/keyed", .GET, [("Authorization", "allow dave"), ("x-api-key", setup.key)])
        #expect(unkeyed.status == 403 && unkeyed.text == #"{"message":"Forbidden"}"#, "the header is not the key source")
        // FlushStageAuthorizersCache reaches the node with the next snapshot: the cached token calls again.
        let beforeFlush = functions.calls("token-auth")
        _ = try await cluster.admin.call(.DELETE, "/restapis/\(api.id)/stages/prod/cache/authorizers")
        let flushed = await cluster.untilEveryNode(within: .seconds(10)) { port in
            _ = try? await cluster.invoke(port: port, apiId: api.id, "/prod/pets", headers: [("Authorization", "allow alice")])
            return functions.calls("token-auth") > beforeFlush
        }
        #expect(flushed != nil, "the flush did not reach the node")
        #expect(functions.calls("token-auth") == beforeFlush + 1, "one call refills the flushed entry")

        // Slower than the node's 300 ms authorizer timeout → 500 AUTHORIZER_FAILURE, not cached.
        // The function would allow after 1.5 s, so a 500 at all means the timeout fired first
        // (no wall-clock bound: a stalled CI machine must not fail this).
        let slow = try await call("/prod/pets", .GET, [("Authorization", "slow")])
        #expect(slow.status == 500)
        #expect(slow.text == #"{"message": null}"#)
        #expect(slow.headers["x-amzn-ErrorType"] == "AuthorizerFailureException")
        #expect(functions.calls("token-auth") == before + 9)

    }

    @Test func requestAuthorizerGetsAWSsEventAndChecksEveryIdentitySource() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.cluster.stop() } }
        let (cluster, functions, api, port) = (setup.cluster, setup.functions, setup.api, setup.port)

        // A missing identity source: 401 without calling.
        let missing = try await cluster.invoke(port: port, apiId: api.id, "/prod/tenants/42", headers: [("X-Tenant", "acme")])
        #expect(missing.status == 401)
        #expect(functions.calls("request-auth") == 0)

        let allowed = try await cluster.invoke(port: port, apiId: api.id, "/prod/tenants/42?key=open-sesame&x=1&x=2", headers: [("X-Tenant", "acme")])
        #expect(allowed.status == 200)
        let event = try #require(functions.lastRequestEvent)
        #expect(event["type"] as? String == "REQUEST")
        #expect(event["methodArn"] as? String == "arn:aws:execute-api:us-east-1:000000000000:\(api.id)/prod/GET/tenants/42")
        #expect(event["resource"] as? String == "/tenants/{id}")
        #expect(event["path"] as? String == "/tenants/42")
        #expect(event["httpMethod"] as? String == "GET")
        #expect((event["headers"] as? [String: String])?["X-Tenant"] == "acme")
        #expect((event["multiValueHeaders"] as? [String: [String]])?["X-Tenant"] == ["acme"])
        #expect((event["queryStringParameters"] as? [String: String])?["x"] == "2")
        #expect((event["multiValueQueryStringParameters"] as? [String: [String]])?["x"] == ["1", "2"])
        #expect((event["pathParameters"] as? [String: String])?["id"] == "42")
        #expect((event["stageVariables"] as? [String: String])?["color"] == "blue")
        #expect((event["requestContext"] as? [String: Any])?["stage"] as? String == "prod")
        #expect(event["body"] == nil)

        // TTL 0: every request calls the function; a Deny is 403 explicit.
        let denied = try await cluster.invoke(port: port, apiId: api.id, "/prod/tenants/42?key=wrong", headers: [("X-Tenant", "acme")])
        #expect(denied.status == 403)
        _ = try await cluster.invoke(port: port, apiId: api.id, "/prod/tenants/42?key=open-sesame", headers: [("X-Tenant", "acme")])
        #expect(functions.calls("request-auth") == 3)
    }
}
