import Foundation
import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// The access-log variables of the integration and of the authentication/authorization steps
/// (`integration.*`, `integrationStatus`, `authorizer.*`, `authenticate.*`, `authorize.*`) through a
/// running node. One local server plays the HTTP backend (answering 502) and the Lambda Invoke API
/// (a proxy function, a failing function and a TOKEN authorizer, each answering with its own
/// `x-amzn-RequestId`) and a user pool's JWKS endpoint (for a `COGNITO_USER_POOLS` authorizer).
@Suite(.timeLimit(.minutes(1))) struct AccessLogStepVariablesNodeTests {
    static let format = [
        "$context.requestId", "$context.resourcePath", "$context.status", "$context.integration.status", "$context.integrationStatus",
        "$context.integration.requestId", "$context.integration.error", "$context.authorizer.status", "$context.authorizer.requestId",
        "$context.authorizer.integrationStatus", "$context.authorizer.latency", "$context.authenticate.status",
        "$context.authenticate.error", "$context.authorize.status", "$context.integrationErrorMessage", "$context.awsEndpointRequestId",
    ].joined(separator: "|")

    /// The backend and the Invoke API: `/backend` answers 502; function `ok` a proxy result with
    /// status 201, `boom` a function error, `auth` an Allow policy (`Unauthorized` for token `nope`).
    final class FakeEndpoints: Sendable {
        private let group = EventLoopGroup(threads: 1)
        private let server: HTTPServer
        let port: Int

        init(jwks: [UInt8]) throws {
            server = HTTPServer(configuration: .init(), group: group, handler: Handler(jwks: jwks))
            port = try server.start()
        }

        func stop() async {
            await server.shutdown(gracePeriod: .milliseconds(100))
            group.shutdown()
        }

        private final class Handler: HTTPServerHandler {
            let jwks: [UInt8]
            init(jwks: [UInt8]) { self.jwks = jwks }

            func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
                let path = request.head.path
                var headers = HTTPHeaders([("Content-Type", "application/json")])
                if path == "/jwks" {
                    responder.respond(HTTPResponse(status: 200, headers: headers, body: jwks))
                } else if path.hasSuffix("ok/invocations") {
                    headers.add("x-amzn-RequestId", "lambda-ok-1")
                    responder.respond(HTTPResponse(status: 200, headers: headers, body: Array(#"{"statusCode": 201, "body": "made"}"#.utf8)))
                } else if path.hasSuffix("boom/invocations") {
                    headers.add("x-amzn-RequestId", "lambda-boom-2")
                    headers.add("X-Amz-Function-Error", "Unhandled")
                    responder.respond(HTTPResponse(status: 200, headers: headers,
                                                   body: Array(#"{"errorMessage": "kaboom", "errorType": "Error"}"#.utf8)))
                } else if path.hasSuffix("auth/invocations"), String(decoding: request.body, as: UTF8.self).contains("nope") {
                    // What `throw new Error('Unauthorized')` answers: 200 from the service, a function error.
                    headers.add("x-amzn-RequestId", "lambda-auth-4")
                    headers.add("X-Amz-Function-Error", "Unhandled")
                    responder.respond(HTTPResponse(status: 200, headers: headers, body: Array(#"{"errorMessage": "Unauthorized"}"#.utf8)))
                } else if path.hasSuffix("auth/invocations") {
                    headers.add("x-amzn-RequestId", "lambda-auth-3")
                    let policy = #"{"principalId":"p1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]}}"#
                    responder.respond(HTTPResponse(status: 200, headers: headers, body: Array(policy.utf8)))
                } else {
                    responder.respond(HTTPResponse(status: 502, body: Array("upstream says no".utf8)))
                }
            }
        }
    }

    static let poolArn = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Steps"
    static let key = SignatureSigningKey.generate(.rs256)

    /// The pool's key set: `key` as `k1`.
    static var jwks: [UInt8] {
        let entry = JSONValue.object(key.publicJWK.map { ($0.key, JSONValue.string($0.value)) } + [("kid", .string("k1")), ("use", .string("sig"))])
        return Array(JSONValue.object([("keys", .array([entry]))]).serialized().utf8)
    }

    /// An ID token of the pool whose issuer is `issuer`, signed by `key`.
    static func idToken(issuer: String) -> String {
        let now = Double(Int(Date().timeIntervalSince1970))
        let header = JSONValue.object([("alg", .string("RS256")), ("kid", .string("k1")), ("typ", .string("JWT"))])
        let claims = JSONValue.object([("sub", .string("u-1")), ("iss", .string(issuer)), ("token_use", .string("id")), ("aud", .string("client")),
                                       ("iat", .number(now - 10)), ("exp", .number(now + 600))])
        let input = Base64URL.encode(Array(header.serialized().utf8)) + "." + Base64URL.encode(Array(claims.serialized().utf8))
        return input + "." + Base64URL.encode(key.sign(Array(input.utf8)))
    }

    static func function(_ name: String) -> String {
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:\(name)/invocations"
    }

    /// `SyncFixtures`' API (`GET /which` MOCK) plus `/bad` (HTTP_PROXY to the 502 backend), `/fn` and
    /// `/boom` (AWS_PROXY), `/guarded` (MOCK behind the TOKEN authorizer, no cache) and `/iam`
    /// (MOCK, `AWS_IAM`), `/pool` (MOCK behind the Cognito authorizer), on `prod` with the format above.
    static func snapshot(endpointPort: Int) -> Snapshot {
        var snapshot = SyncFixtures.snapshot(revision: 1)
        var entry = snapshot.stages[0]
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        func resource(_ name: String, _ method: Method) -> Resource {
            var resource = Resource(id: "\(name)0000001", parentId: "root000001", pathPart: name, path: "/\(name)")
            resource.resourceMethods = ["GET": method]
            return resource
        }
        entry.deployment.resources += [
            resource("bad", Method(httpMethod: "GET", methodIntegration: Integration(type: "HTTP_PROXY", httpMethod: "GET",
                                                                                    uri: "http://127.0.0.1:\(endpointPort)/backend"))),
            resource("fn", Method(httpMethod: "GET", methodIntegration: Integration(type: "AWS_PROXY", httpMethod: "POST", uri: function("ok")))),
            resource("boom", Method(httpMethod: "GET", methodIntegration: Integration(type: "AWS_PROXY", httpMethod: "POST", uri: function("boom")))),
            resource("guarded", Method(httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: "au1",
                                       methodResponses: ["200": MethodResponse(statusCode: "200")], methodIntegration: mock)),
            resource("pool", Method(httpMethod: "GET", authorizationType: "COGNITO_USER_POOLS", authorizerId: "au2",
                                    methodResponses: ["200": MethodResponse(statusCode: "200")], methodIntegration: mock)),
            resource("iam", Method(httpMethod: "GET", authorizationType: "AWS_IAM", methodResponses: ["200": MethodResponse(statusCode: "200")],
                                   methodIntegration: mock)),
        ]
        entry.deployment.authorizers = [Authorizer(id: "au1", name: "tokens", type: "TOKEN", authorizerUri: function("auth"),
                                                   identitySource: "method.request.header.Authorization", authorizerResultTtlInSeconds: 0),
                                        Authorizer(id: "au2", name: "pool", type: "COGNITO_USER_POOLS", providerARNs: [poolArn],
                                                   identitySource: "method.request.header.Authorization")]
        entry.stage.accessLogSettings = AccessLogSettings(format: format, destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:steps")
        snapshot.stages = [entry]
        return snapshot
    }

    @Test func integrationAndAuthorizationStepsReachTheAccessLog() async throws {
        let endpoints = try FakeEndpoints(jwks: Self.jwks)
        let controlPlane = try FakeControlPlane()
        controlPlane.publish(SnapshotCodec.encode(Self.snapshot(endpointPort: endpoints.port)), revision: 1)
        let directory = SyncFixtures.temporaryDirectory()
        let logDirectory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory); SyncFixtures.remove(logDirectory) }
        var configuration = DataPlaneNodeTests.configuration(controlPlanePort: controlPlane.port, directory: directory, logs: LogLines())
        configuration.accessLogDirectory = logDirectory
        configuration.lambdaEndpoint = LambdaEndpoint(url: "http://127.0.0.1:\(endpoints.port)")
        let issuer = "http://127.0.0.1:\(endpoints.port)/pool"
        configuration.userPools = UserPoolDirectory(overrides: [Self.poolArn: .init(issuer: issuer, jwksURL: "http://127.0.0.1:\(endpoints.port)/jwks")])
        let node = try DataPlaneNode(configuration: configuration)
        let port = try node.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let host = "\(SyncFixtures.apiId).execute-api.localhost"
        func get(_ target: String, _ headers: [(String, String)] = []) async throws -> HTTPResponse {
            var all = HTTPHeaders([("Host", host)])
            for (name, value) in headers { all.add(name, value) }
            return try await client.execute(HTTPClientRequest(host: "127.0.0.1", port: port, target: target, headers: all,
                                                              connectTimeout: .seconds(2), responseTimeout: .seconds(5)))
        }

        let file = logDirectory + "/steps.log"
        let lines = { (FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? "").split(separator: "\n") }
        // The readiness probe's lines are logged too; only the lines of the requests below are compared.
        let ready = await DataPlaneNodeTests.eventually { (try? await get("/prod/which"))?.status == 200 }
        #expect(ready)
        let mock = try await get("/prod/which")
        let bad = try await get("/prod/bad")
        let served = try await get("/prod/fn")
        let failed = try await get("/prod/boom")
        let guarded = try await get("/prod/guarded", [("Authorization", "token-1")])
        let rejected = try await get("/prod/guarded", [("Authorization", "nope")])
        let verified = try await get("/prod/pool", [("Authorization", "Bearer " + Self.idToken(issuer: issuer))])
        let anonymous = try await get("/prod/pool")
        // Signed now (not expired) with a key no principal holds and a signature that cannot match.
        let stamp = DateFormatter()
        stamp.locale = Locale(identifier: "en_US_POSIX")
        stamp.timeZone = TimeZone(identifier: "UTC")
        stamp.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let amzDate = stamp.string(from: Date())
        let unsigned = try await get("/prod/iam", [
            ("X-Amz-Date", amzDate),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDNOTKNOWN/\(amzDate.prefix(8))/us-east-1/execute-api/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=00ff"),
        ])
        let statuses: [Int] = [mock.status, bad.status, served.status, failed.status, guarded.status, rejected.status, verified.status,
                               anonymous.status, unsigned.status]
        #expect(statuses == [200, 502, 201, 502, 200, 401, 200, 401, 403])
        let id = { (response: HTTPResponse) in response.headers["x-amzn-RequestId"] ?? "?" }
        let ids = [mock, bad, served, failed, guarded, rejected, verified, anonymous, unsigned].map(id)
        let written = await DataPlaneNodeTests.eventually(.seconds(10)) {
            let logged = Set(lines().map { String($0.prefix { $0 != "|" }) })
            return ids.allSatisfy(logged.contains)
        }
        #expect(written)
        await node.shutdown()
        await client.shutdown()
        group.shutdown()
        await controlPlane.stop()
        await endpoints.stop()

        var byId: [String: [String]] = [:]
        for line in lines() {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            byId[fields[0]] = Array(fields.dropFirst())
        }
        // resourcePath status integration.status integrationStatus integration.requestId integration.error
        // authorizer.status authorizer.requestId authorizer.integrationStatus authorizer.latency
        // authenticate.status authenticate.error authorize.status integrationErrorMessage awsEndpointRequestId
        #expect(byId[id(mock)] == ["/which", "200", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"], "MOCK calls nothing")
        #expect(byId[id(bad)] == ["/bad", "502", "502", "502", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"],
                "the backend's own 502 is the integration's status")
        #expect(byId[id(served)] == ["/fn", "201", "201", "200", "lambda-ok-1", "-", "-", "-", "-", "-", "-", "-", "-", "-", "lambda-ok-1"],
                "integration.status is the function's statusCode, integrationStatus the Lambda service's")
        #expect(byId[id(failed)] == ["/boom", "502", "-", "200", "lambda-boom-2", "kaboom", "-", "-", "-", "-", "-", "-", "-", "kaboom", "lambda-boom-2"],
                "a function error: the service answered 200, the function declared no status")

        let authorized = try #require(byId[id(guarded)])
        #expect(Array(authorized[0...7]) == ["/guarded", "200", "-", "-", "-", "-", "200", "lambda-auth-3"])
        #expect(authorized[8] == "200", "authorizer.integrationStatus")
        #expect(Int(authorized[9]) != nil, "authorizer.latency in ms: \(authorized[9])")
        #expect(Array(authorized[10...]) == ["-", "-", "200", "-", "-"], "the returned policy allowed: authorize.status 200")

        // The function refused (a resumed filter's refusal still records the call).
        let denied = try #require(byId[id(rejected)])
        #expect(Array(denied[0...7]) == ["/guarded", "401", "-", "-", "-", "-", "401", "lambda-auth-4"])
        #expect(denied[8] == "200", "the Lambda service answered 200")
        #expect(Int(denied[9]) != nil, "authorizer.latency in ms: \(denied[9])")
        #expect(Array(denied[10...]) == ["-", "-", "-", "-", "-"], "no policy was returned: authorize never ran")

        // Cognito: the token check is both the authentication and the authorizer step; no policy here.
        let pool = try #require(byId[id(verified)])
        #expect(Array(pool[0...7]) == ["/pool", "200", "-", "-", "-", "-", "200", "-"], "no Lambda call: no authorizer.requestId")
        #expect(pool[8] == "-" && Int(pool[9]) != nil, "authorizer.integrationStatus -, authorizer.latency \(pool[9])")
        #expect(Array(pool[10...]) == ["200", "-", "-", "-", "-"], "authenticate.status 200, authorize not run (no resource policy)")
        let noToken = try #require(byId[id(anonymous)])
        #expect(Array(noToken[0...7]) == ["/pool", "401", "-", "-", "-", "-", "401", "-"])
        #expect(Array(noToken[10...]) == ["401", "Unauthorized", "-", "-", "-"])

        let refused = try #require(byId[id(unsigned)])
        let message = try #require(try JSONParser.parse(unsigned.body)["message"].flatMap { value -> String? in
            if case .string(let text) = value { return text }
            return nil
        })
        #expect(Array(refused[0...9]) == ["/iam", "403", "-", "-", "-", "-", "-", "-", "-", "-"])
        #expect(refused[10] == "403", "authenticate.status")
        #expect(!message.isEmpty && refused[11] == message.replacingOccurrences(of: "\"", with: "\\\""),
                "authenticate.error is the refusal's message: \(refused[11])")
        #expect(Array(refused[12...]) == ["-", "-", "-"], "authorization never ran")
        #expect(node.accessLogs.droppedLines == 0)
    }
}
