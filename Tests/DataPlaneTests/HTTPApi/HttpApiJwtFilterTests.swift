import Foundation
import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// JWT authorizers on HTTP API routes: accepted tokens reach the integration with their claims,
/// every kind of bad token is refused before it.
@Suite struct HttpApiJwtFilterTests {
    typealias F = PipelineFixtures
    static let key = SignatureSigningKey.generate(.rs256)
    static let stranger = SignatureSigningKey.generate(.rs256)
    static let issuer = "https://issuer.example/pool"
    static let jwksURL = "http://127.0.0.1:9/jwks"
    static let now: Int64 = 1_900_000_000

    /// Answers the JWKS URL with the key set, every other request (the Lambda) with a 2.0 result.
    final class Invoker: IntegrationInvoker {
        let calls = Mutex<[UpstreamRequest]>([])
        func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
            calls.withLock { $0.append(request) }
            if request.target == "/jwks" {
                var jwk = HttpApiJwtFilterTests.key.publicJWK.map { "\"\($0.key)\":\"\($0.value)\"" }
                jwk.append(#""kid":"k1""#)
                return completion(.success(UpstreamResponse(status: 200, body: Array(#"{"keys":[{\#(jwk.joined(separator: ","))}]}"#.utf8))))
            }
            completion(.success(UpstreamResponse(status: 200, body: Array(#"{"statusCode":200,"body":"in"}"#.utf8))))
        }
        var lambdaEvents: [UpstreamRequest] { calls.withLock { $0.filter { $0.target != "/jwks" } } }
    }

    static func token(_ claims: [String: Any], key: SignatureSigningKey = key, kid: String = "k1") -> String {
        func part(_ object: Any) -> String { Base64URL.encode(Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))) }
        let input = part(["alg": "RS256", "kid": kid, "typ": "JWT"]) + "." + part(claims)
        return input + "." + Base64URL.encode(key.sign(Array(input.utf8)))
    }

    static var claims: [String: Any] { ["iss": issuer, "aud": "client-a", "sub": "u1", "scope": "read write", "exp": now + 600, "iat": now - 5] }

    static func snapshot(scopes: [String]? = nil, source: String = "$request.header.Authorization") throws -> CompiledSnapshot {
        let authorizer = V2Authorizer(authorizerId: "jwt1", authorizerType: "JWT", name: "j", identitySource: [source],
                                      jwtConfiguration: V2JwtConfiguration(audience: ["client-a", "client-b"], issuer: issuer))
        let integration = V2Integration(integrationId: "fn", integrationType: "AWS_PROXY", connectionType: "INTERNET",
                                        integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:fn", payloadFormatVersion: "2.0",
                                        timeoutInMillis: 2_000)
        let route = V2Route(routeId: "r1", routeKey: "GET /me", apiKeyRequired: false, authorizationScopes: scopes,
                            authorizationType: "JWT", authorizerId: "jwt1", target: "integrations/fn")
        let content = V2DeployedContent(routes: [route], integrations: [integration], authorizers: [authorizer])
        let api = SnapshotHttpApi(apiId: F.apiId, name: "h", stages: [SnapshotHttpApiStage(stageName: "prod", deploymentId: "d1", deployment: content)])
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: [],
                                                     httpApis: [api]))
    }

    /// Serves one request; the JWKS is fetched beforehand (a pipeline off a loop cannot park).
    static func serve(_ snapshot: CompiledSnapshot, headers: [(String, String)] = [], target: String = "/prod/me") -> (HTTPResponse?, Invoker) {
        let invoker = Invoker()
        let runtime = AuthorizerRuntime(userPools: UserPoolDirectory(overrides: ["arn:aws:cognito-idp:us-east-1:1:userpool/p": .init(issuer: issuer, jwksURL: jwksURL)]),
                                        epochSeconds: { now })
        runtime.keys.fetch(jwksURL, invoker: invoker) { _ in }
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9001"), accountId: "123456789012",
                                                  authorizers: runtime)
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let answer = Mutex<HTTPResponse?>(nil)
        pipeline.handle(F.request("GET", target, headers: headers), connection: F.connection, snapshot: snapshot,
                        chains: pipeline.chains(for: snapshot)) { response in answer.withLock { $0 = response } }
        return (answer.withLock { $0 }, invoker)
    }

    @Test func aValidTokenReachesTheIntegrationWithItsClaims() throws {
        let (response, invoker) = Self.serve(try Self.snapshot(scopes: ["write"]), headers: [("Authorization", "Bearer " + Self.token(Self.claims))])
        #expect(response?.status == 200 && response?.body == Array("in".utf8))
        let event = try JSONParser.parse(try #require(invoker.lambdaEvents.first).body)
        #expect(event["requestContext"]?["authorizer"]?["jwt"]?["claims"]?["sub"] == .string("u1"))
        #expect(event["requestContext"]?["authorizer"]?["jwt"]?["scopes"] == .array([.string("read"), .string("write")]))
    }

    @Test func tokensFromAQueryParameterAndClientIdAudiencesAreAccepted() throws {
        var claims = Self.claims
        claims["aud"] = nil
        claims["client_id"] = "client-b"
        let (response, _) = Self.serve(try Self.snapshot(source: "$request.querystring.token"), target: "/prod/me?token=" + Self.token(claims))
        #expect(response?.status == 200)
    }

    @Test func badTokensAre401BeforeTheIntegration() throws {
        let snapshot = try Self.snapshot()
        var expired = Self.claims
        expired["exp"] = Self.now - 120
        var otherIssuer = Self.claims
        otherIssuer["iss"] = "https://elsewhere.example"
        var otherAudience = Self.claims
        otherAudience["aud"] = "client-z"
        for (what, header) in [("none", nil), ("garbage", "Bearer abc"), ("expired", Self.token(expired)),
                               ("issuer", Self.token(otherIssuer)), ("audience", Self.token(otherAudience)),
                               ("signature", Self.token(Self.claims, key: Self.stranger)), ("kid", Self.token(Self.claims, kid: "k9"))] as [(String, String?)] {
            let (response, invoker) = Self.serve(snapshot, headers: header.map { [("Authorization", $0)] } ?? [])
            #expect(response?.status == 401, "\(what)")
            #expect(response?.body == Array(#"{"message":"Unauthorized"}"#.utf8), "\(what)")
            #expect(invoker.lambdaEvents.isEmpty, "\(what)")
        }
    }

    @Test func aMissingScopeIs403() throws {
        let (response, invoker) = Self.serve(try Self.snapshot(scopes: ["admin"]), headers: [("Authorization", Self.token(Self.claims))])
        #expect(response?.status == 403 && response?.body == Array(#"{"message":"Forbidden"}"#.utf8))
        #expect(invoker.lambdaEvents.isEmpty)
    }
}
