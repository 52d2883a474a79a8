import Foundation
import Testing
import ControlPlane
import Shared

/// A resource policy on an API whose methods use a Lambda TOKEN authorizer and a Cognito user pool,
/// through a real node: AWS's two-phase evaluation (an explicit deny refuses before the authorizer
/// is called; afterwards Table A for Lambda, an explicit allow required for Cognito).
@Suite(.serialized, .timeLimit(.minutes(2))) struct AuthorizerResourcePolicyEndToEndTests {
    typealias C = CognitoAuthorizerEndToEndTests

    /// Allows GET and POST /lambda and GET /profile; denies GET /blocked; says nothing of /unlisted.
    static let policy = #"{"Version":"2012-10-17","Statement":["#
        + #"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":["execute-api:/prod/*/lambda","execute-api:/prod/GET/profile"]},"#
        + #"{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/blocked"}]}"#

    @Test func resourcePolicyCombinesWithLambdaAndCognitoAuthorizersAsAWSDoes() async throws {
        let jwk = Dictionary(uniqueKeysWithValues: C.rsa.publicJWK.map { ($0.key, $0.value) }).merging(["kid": "k1", "use": "sig"]) { $1 }
        let jwks = try JWKSServer(document: AuthorizerStandIn.json(["keys": [jwk]]))
        let issuer = "http://127.0.0.1:\(jwks.port)/pool"
        let directory = NSTemporaryDirectory() + "tollgate-pools-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/pools.json"
        try Data(AuthorizerStandIn.json([C.poolArn: ["issuer": issuer, "jwksUri": jwks.jwksURL]])).write(to: URL(fileURLWithPath: file))
        let functions = AuthorizerStandIn()
        let cluster = try await Cluster.start(nodes: 1, lambda: functions.function, nodeArguments: [0: ["--user-pools", file]])
        defer {
            Task {
                await cluster.stop()
                await jwks.stop()
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        let admin = cluster.admin
        let created = try await admin.call(.POST, "/restapis", json: ["name": "policy-and-authorizers", "policy": Self.policy])
        let api = ApiBuilder(admin: admin, id: created["id"] as! String, root: created["rootResourceId"] as! String)
        let token = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "token", "type": "TOKEN", "authorizerUri": AuthorizerEndToEndTests.functionsArn + "token-auth/invocations",
            "identitySource": "method.request.header.Authorization", "authorizerResultTtlInSeconds": 0])["id"] as! String
        let pool = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "pool", "type": "COGNITO_USER_POOLS", "providerARNs": [C.poolArn],
            "identitySource": "method.request.header.Authorization"])["id"] as! String
        for (path, type, authorizer, verbs) in [("lambda", "CUSTOM", token, ["GET", "POST"]), ("blocked", "CUSTOM", token, ["GET"]),
                                                ("profile", "COGNITO_USER_POOLS", pool, ["GET"]),
                                                ("unlisted", "COGNITO_USER_POOLS", pool, ["GET"])] {
            let resource = try await api.resource(path)
            for verb in verbs {
                _ = try await admin.call(.PUT, "/restapis/\(api.id)/resources/\(resource)/methods/\(verb)",
                                         json: ["authorizationType": type, "authorizerId": authorizer])
                try await api.integration(resource, verb, ["type": "AWS_PROXY", "httpMethod": "POST",
                                                           "uri": AuthorizerEndToEndTests.functionsArn + "backend/invocations"])
            }
        }
        try await api.deploy(stage: "prod")
        let port = cluster.nodePorts[0]
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/lambda", headers: [("Authorization", "allow probe")]).status) == 200
        }
        #expect(ready != nil, "the API did not reach the node")
        func call(_ path: String, _ verb: HTTPMethod = .GET, _ value: String) async throws -> HTTPResponse {
            try await cluster.invoke(port: port, apiId: api.id, path, method: verb, headers: [("Authorization", value)])
        }
        let arn = "arn:aws:execute-api:us-east-1:********0000:" + api.id + "/prod/GET/"

        // Lambda: the explicit deny refuses before any call.
        let before = functions.calls("token-auth")
        let blocked = try await call("/prod/blocked", .GET, "allow alice")
        #expect(blocked.status == 403)
        #expect(blocked.text == #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "# + arn + #"blocked with an explicit deny"}"#)
        #expect(functions.calls("token-auth") == before, "an explicitly denied caller never reaches the authorizer")
        // Table A: the authorizer allows only GETs, the resource policy allows POST /lambda too.
        #expect(try await call("/prod/lambda", .GET, "allow alice").status == 200)
        #expect(try await call("/prod/lambda", .POST, "allow alice").status == 200)
        let denied = try await call("/prod/lambda", .GET, "deny bob")
        #expect(denied.status == 403)
        #expect(denied.text == #"{"Message":"User is not authorized to access this resource with an explicit deny"}"#)
        #expect(functions.calls("token-auth") == before + 3)

        // Cognito: a verified caller still needs the policy's explicit allow.
        let now = Int(Date().timeIntervalSince1970)
        let idToken = C.token(["sub": "u-1", "iss": issuer, "token_use": "id", "aud": "client", "iat": now - 10, "exp": now + 600])
        #expect(try await call("/prod/profile", .GET, idToken).status == 200)
        let unlisted = try await call("/prod/unlisted", .GET, idToken)
        #expect(unlisted.status == 403)
        #expect(unlisted.text == #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "# + arn + #"unlisted"}"#)
        #expect(try await call("/prod/unlisted", .GET, "not-a-token").status == 401, "authentication comes first")
    }
}
