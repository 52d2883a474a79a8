import Foundation
import Testing
import ControlPlane
import Shared

/// A `COGNITO_USER_POOLS` authorizer through a real node whose `--user-pools` file points the pool
/// at a local JWKS server, with tokens signed in the test by keys libcrypto generated.
@Suite(.serialized, .timeLimit(.minutes(2))) struct CognitoAuthorizerEndToEndTests {
    static let poolArn = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Tollgate"
    static let rsa = SignatureSigningKey.generate(.rs256)
    static let stranger = SignatureSigningKey.generate(.rs256)

    static func token(_ claims: [String: Any], key: SignatureSigningKey? = rsa, alg: String = "RS256", kid: String = "k1") -> String {
        func part(_ object: Any) -> String { Base64URL.encode(AuthorizerStandIn.json(object)) }
        let input = part(["alg": alg, "kid": kid, "typ": "JWT"]) + "." + part(claims)
        return input + "." + Base64URL.encode(key?.sign(Array(input.utf8)) ?? [])
    }

    @Test func verifiesIdAndAccessTokensAgainstTheOverriddenPool() async throws {
        let jwk = Dictionary(uniqueKeysWithValues: Self.rsa.publicJWK.map { ($0.key, $0.value) }).merging(["kid": "k1", "use": "sig"]) { $1 }
        let jwks = try JWKSServer(document: AuthorizerStandIn.json(["keys": [jwk]]))
        let issuer = "http://127.0.0.1:\(jwks.port)/pool"
        let directory = NSTemporaryDirectory() + "tollgate-pools-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/pools.json"
        try Data(AuthorizerStandIn.json([Self.poolArn: ["issuer": issuer, "jwksUri": jwks.jwksURL]])).write(to: URL(fileURLWithPath: file))
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
        let api = try await ApiBuilder.create(admin, name: "cognito")
        let pool = try await admin.call(.POST, "/restapis/\(api.id)/authorizers", json: [
            "name": "pool", "type": "COGNITO_USER_POOLS", "providerARNs": [Self.poolArn],
            "identitySource": "method.request.header.Authorization"])["id"] as! String
        for (path, scopes) in [("profile", [String]()), ("orders", ["orders/read"])] {
            let resource = try await api.resource(path)
            var body: [String: Any] = ["authorizationType": "COGNITO_USER_POOLS", "authorizerId": pool]
            if !scopes.isEmpty { body["authorizationScopes"] = scopes }
            _ = try await admin.call(.PUT, "/restapis/\(api.id)/resources/\(resource)/methods/GET", json: body)
            try await api.integration(resource, "GET", ["type": "AWS_PROXY", "httpMethod": "POST",
                                                        "uri": AuthorizerEndToEndTests.functionsArn + "backend/invocations"])
        }
        try await api.deploy(stage: "prod")
        let port = cluster.nodePorts[0]
        let now = Int(Date().timeIntervalSince1970)
        let claims: [String: Any] = ["sub": "u-1", "iss": issuer, "token_use": "id", "aud": "client", "email": "ann@example.com",
                                     "iat": now - 10, "exp": now + 600]
        let idToken = Self.token(claims)
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/profile", headers: [("Authorization", idToken)]).status) == 200
        }
        #expect(ready != nil, "the API did not reach the node")
        func status(_ path: String, _ token: String) async throws -> Int {
            try await cluster.invoke(port: port, apiId: api.id, path, headers: [("Authorization", token)]).status
        }

        let allowed = try await cluster.invoke(port: port, apiId: api.id, "/prod/profile", headers: [("Authorization", "Bearer " + idToken)])
        #expect(allowed.status == 200)
        let context = (try? JSONSerialization.jsonObject(with: Data(allowed.body)) as? [String: Any])?["authorizer"] as? [String: Any]
        #expect((context?["claims"] as? [String: Any])?["email"] as? String == "ann@example.com")
        #expect(jwks.fetchCount == 1, "keys are fetched once and kept")

        var expired = claims
        expired["exp"] = now - 120
        var otherIssuer = claims
        otherIssuer["iss"] = "http://127.0.0.1:1/elsewhere"
        let refused: [(String, String)] = [
            ("expired", Self.token(expired)),
            ("wrong issuer", Self.token(otherIssuer)),
            ("bad signature", Self.token(claims, key: Self.stranger)),
            ("unknown kid", Self.token(claims, kid: "rotated")),
            ("alg none", Self.token(claims, key: nil, alg: "none")),
            ("ID token where scopes are required", idToken),
        ]
        for (name, token) in refused {
            let response = try await cluster.invoke(port: port, apiId: api.id, name.hasPrefix("ID token") ? "/prod/orders" : "/prod/profile",
                                                    headers: [("Authorization", token)])
            #expect(response.status == 401, "\(name)")
            #expect(response.text == #"{"message":"Unauthorized"}"#, "\(name)")
        }
        #expect(jwks.fetchCount == 1, "an unknown kid refetches at most once per refresh interval")

        var access = claims
        access["token_use"] = "access"
        access["scope"] = "profile orders/read"
        #expect(try await status("/prod/orders", Self.token(access)) == 200)
        access["scope"] = "profile"
        #expect(try await status("/prod/orders", Self.token(access)) == 401)
    }
}
