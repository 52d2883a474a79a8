import Foundation
import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// The Lambda authorizer filter inside the pipeline, with a scripted Invoke API (no sockets):
/// events, the pre-call checks, the cache and AWS's answers.
@Suite struct LambdaAuthorizerFilterTests {
    typealias F = PipelineFixtures
    static let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"

    /// Answers every authorizer call with `answer(event)` and records the events.
    final class ScriptedLambda: IntegrationInvoker {
        let answer: @Sendable ([String: Any]) -> Result<UpstreamResponse, IntegrationFailure>
        let events = Mutex<[String]>([])
        init(_ answer: @escaping @Sendable ([String: Any]) -> Result<UpstreamResponse, IntegrationFailure>) { self.answer = answer }
        var calls: Int { events.withLock { $0.count } }
        func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
            events.withLock { $0.append(String(decoding: request.body, as: UTF8.self)) }
            let event = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
            completion(answer(event))
        }
    }

    static func policy(_ effect: String, _ resource: String) -> [UInt8] {
        Array(#"{"principalId":"p1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"\#(effect)","Resource":"\#(resource)"}]},"context":{"k":"v","n":1}}"#.utf8)
    }

    static func snapshot(ttl: Int = 300, type: String = "TOKEN", source: String = "method.request.header.Authorization",
                         expression: String? = "ok-.*", resourcePolicy: String? = nil) throws -> CompiledSnapshot {
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "served"])])
        var get = F.method("GET", mock)
        get.authorizationType = "CUSTOM"
        get.authorizerId = "au1"
        var post = get
        post.httpMethod = "POST"
        var content = F.content([("/pets/{id}", ["GET": get, "POST": post])])
        content.authorizers = [Authorizer(id: "au1", name: "a", type: type, authorizerUri: uri, identitySource: source,
                                          identityValidationExpression: expression, authorizerResultTtlInSeconds: ttl)]
        content.api.policy = resourcePolicy
        return try F.snapshot(content)
    }

    static func run(_ snapshot: CompiledSnapshot, _ lambda: ScriptedLambda, _ method: String = "GET", _ target: String = "/prod/pets/7",
                    headers: [(String, String)] = [("Authorization", "ok-1")], endpoint: Bool = true) -> HTTPResponse {
        let configuration = PipelineConfiguration(lambdaEndpoint: endpoint ? LambdaEndpoint(url: "http://127.0.0.1:9") : nil, accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: lambda, identifierSource: FixedIdentifiers(), clock: { F.now })
        return run(pipeline, snapshot, method, target, headers: headers)
    }

    static func run(_ pipeline: RequestPipeline, _ snapshot: CompiledSnapshot, _ method: String = "GET", _ target: String = "/prod/pets/7",
                    headers: [(String, String)] = [("Authorization", "ok-1")]) -> HTTPResponse {
        let box = ResponseBox()
        pipeline.handle(F.request(method, target, headers: headers), connection: F.connection, snapshot: snapshot,
                        chains: pipeline.chains(for: snapshot)) { box.put($0) }
        #expect(box.responses.count == 1)
        return box.responses.first ?? HTTPResponse(status: 0)
    }

    static let allowAll: @Sendable ([String: Any]) -> Result<UpstreamResponse, IntegrationFailure> = { _ in
        .success(UpstreamResponse(status: 200, body: policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/*")))
    }

    @Test func sendsTheTokenEventAndServesAnAllowedRequest() throws {
        let lambda = ScriptedLambda(Self.allowAll)
        let response = Self.run(try Self.snapshot(), lambda)
        #expect(response.status == 200 && String(decoding: response.body, as: UTF8.self) == "served")
        let event = try #require(lambda.events.withLock { $0.first })
        #expect(event == #"{"type":"TOKEN","authorizationToken":"ok-1","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/pets/7"}"#)
    }

    @Test func refusesWithoutCallingWhenTheTokenIsMissingOrDoesNotMatch() throws {
        let lambda = ScriptedLambda(Self.allowAll)
        let snapshot = try Self.snapshot()
        for headers in [[], [("Authorization", "")], [("Authorization", "bad-1")], [("Authorization", "xok-1")]] {
            let response = Self.run(snapshot, lambda, headers: headers)
            #expect(response.status == 401)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"Unauthorized"}"#)
        }
        #expect(lambda.calls == 0)
    }

    @Test func cachesThePolicyAndEvaluatesItPerMethodArn() throws {
        let lambda = ScriptedLambda(Self.allowAll)
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9"), accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: lambda, identifierSource: FixedIdentifiers(), clock: { F.now })
        let snapshot = try Self.snapshot()
        #expect(Self.run(pipeline, snapshot).status == 200)
        #expect(Self.run(pipeline, snapshot, "GET", "/prod/pets/8").status == 200)
        let post = Self.run(pipeline, snapshot, "POST", "/prod/pets/7")
        #expect(post.status == 403)
        #expect(String(decoding: post.body, as: UTF8.self) == #"{"Message":"User is not authorized to access this resource"}"#)
        #expect(lambda.calls == 1)
        // Another token is another key.
        #expect(Self.run(pipeline, snapshot, headers: [("Authorization", "ok-2")]).status == 200)
        #expect(lambda.calls == 2)
    }

    @Test func ttlZeroCallsEveryTime() throws {
        let lambda = ScriptedLambda(Self.allowAll)
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9"), accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: lambda, identifierSource: FixedIdentifiers(), clock: { F.now })
        let snapshot = try Self.snapshot(ttl: 0)
        for _ in 0..<3 { #expect(Self.run(pipeline, snapshot).status == 200) }
        #expect(lambda.calls == 3)
    }

    @Test func aCachedPolicyResolvesItsResourceVariablesFromEachRequest() throws {
        // Allow every GET, deny the one whose last path segment is the caller's User-Agent: the
        // Deny only matches when the request's keys are there to resolve `${aws:UserAgent}`.
        let body = #"{"principalId":"p1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/*"},{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/pets/${aws:UserAgent}"}]}}"#
        let lambda = ScriptedLambda { _ in .success(UpstreamResponse(status: 200, body: Array(body.utf8))) }
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9"), accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: lambda, identifierSource: FixedIdentifiers(), clock: { F.now })
        let snapshot = try Self.snapshot()
        let denied = Self.run(pipeline, snapshot, headers: [("Authorization", "ok-1"), ("User-Agent", "7")])
        #expect(denied.status == 403)
        #expect(String(decoding: denied.body, as: UTF8.self) == #"{"Message":"User is not authorized to access this resource with an explicit deny"}"#)
        // The same cached policy, another User-Agent: served.
        #expect(Self.run(pipeline, snapshot, headers: [("Authorization", "ok-1"), ("User-Agent", "8")]).status == 200)
        #expect(lambda.calls == 1)
    }

    struct Answer: Sendable, CustomTestStringConvertible {
        let name: String
        let outcome: Result<UpstreamResponse, IntegrationFailure>
        let status: Int
        let body: String
        let errorType: String
        var testDescription: String { name }
    }

    static let answers: [Answer] = [
        Answer(name: "explicit deny", outcome: .success(UpstreamResponse(status: 200, body: policy("Deny", "*"))), status: 403,
               body: #"{"Message":"User is not authorized to access this resource with an explicit deny"}"#, errorType: "AccessDeniedException"),
        Answer(name: "Unauthorized thrown", outcome: .success(UpstreamResponse(status: 200, headers: ["X-Amz-Function-Error": "Unhandled"],
                                                                               body: Array(#"{"errorMessage":"Unauthorized"}"#.utf8))),
               status: 401, body: #"{"message":"Unauthorized"}"#, errorType: "UnauthorizedException"),
        Answer(name: "another error thrown", outcome: .success(UpstreamResponse(status: 200, headers: ["X-Amz-Function-Error": "Unhandled"],
                                                                                body: Array(#"{"errorMessage":"Unauthorized: no"}"#.utf8))),
               status: 500, body: #"{"message": null}"#, errorType: "AuthorizerConfigurationException"),
        Answer(name: "no policy", outcome: .success(UpstreamResponse(status: 200, body: Array(#"{"principalId":"p"}"#.utf8))),
               status: 500, body: #"{"message": null}"#, errorType: "AuthorizerConfigurationException"),
        Answer(name: "lowercase effect", outcome: .success(UpstreamResponse(status: 200, body: policy("allow", "*"))),
               status: 500, body: #"{"message": null}"#, errorType: "AuthorizerConfigurationException"),
        Answer(name: "timeout", outcome: .failure(.timeout), status: 500, body: #"{"message": null}"#, errorType: "AuthorizerFailureException"),
        Answer(name: "Lambda refuses", outcome: .success(UpstreamResponse(status: 403)), status: 500, body: #"{"message": null}"#,
               errorType: "AuthorizerFailureException"),
    ]

    @Test(arguments: answers)
    func answersAsAWSDoes(_ answer: Answer) throws {
        let lambda = ScriptedLambda { _ in answer.outcome }
        let response = Self.run(try Self.snapshot(), lambda)
        #expect(response.status == answer.status)
        #expect(String(decoding: response.body, as: UTF8.self) == answer.body)
        #expect(response.headers["x-amzn-ErrorType"] == answer.errorType)
    }

    @Test func withoutALambdaEndpointNothingIsServed() throws {
        let response = Self.run(try Self.snapshot(), ScriptedLambda(Self.allowAll), endpoint: false)
        #expect(response.status == 500)
    }

    @Test func requestEventCarriesTheRequestWithoutItsBody() throws {
        let lambda = ScriptedLambda(Self.allowAll)
        let snapshot = try Self.snapshot(type: "REQUEST", source: "method.request.header.X-Tenant, method.request.querystring.q", expression: nil)
        let missing = Self.run(snapshot, lambda, "GET", "/prod/pets/7?q=1", headers: [])
        #expect(missing.status == 401 && lambda.calls == 0)
        #expect(Self.run(snapshot, lambda, "GET", "/prod/pets/7?q=1", headers: [("X-Tenant", "t1")]).status == 200)
        let text = try #require(lambda.events.withLock { $0.first })
        let event = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(text.hasPrefix(#"{"type":"REQUEST","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/pets/7","resource":"/pets/{id}""#))
        #expect((event["pathParameters"] as? [String: String]) == ["id": "7"])
        #expect((event["queryStringParameters"] as? [String: String]) == ["q": "1"])
        #expect((event["headers"] as? [String: String])?["X-Tenant"] == "t1")
        #expect(event["requestContext"] is [String: Any])
        #expect(event.keys.contains("body") == false && event.keys.contains("isBase64Encoded") == false)
    }

    // MARK: - With a resource policy (AWS's Table A)

    static func resourcePolicy(_ statements: String) -> String {
        #"{"Version":"2012-10-17","Statement":["# + statements + "]}"
    }
    static let allowEverything = #"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}"#
    static let denyPet9 = #"{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/pets/9"}"#
    /// Mentions neither pets route: the policy neither allows nor denies them.
    static let allowOther = #"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/other"}"#

    struct Combination: Sendable, CustomTestStringConvertible {
        let name: String
        let policy: String
        let lambdaEffect: String
        let method: String
        let target: String
        let status: Int
        let body: String?
        let calls: Int
        var testDescription: String { name }
    }

    /// The authorizer's policy allows (or denies) `GET/*`; POST is outside it (neither).
    static let combinations: [Combination] = [
        Combination(name: "resource explicit deny refuses before the call", policy: resourcePolicy(allowEverything + "," + denyPet9),
                    lambdaEffect: "Allow", method: "GET", target: "/prod/pets/9", status: 403,
                    body: #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abc123defg/prod/GET/pets/9 with an explicit deny"}"#,
                    calls: 0),
        Combination(name: "resource allow + authorizer neither = allow", policy: resourcePolicy(allowEverything), lambdaEffect: "Allow",
                    method: "POST", target: "/prod/pets/7", status: 200, body: "served", calls: 1),
        Combination(name: "resource neither + authorizer allow = allow", policy: resourcePolicy(allowOther), lambdaEffect: "Allow",
                    method: "GET", target: "/prod/pets/7", status: 200, body: "served", calls: 1),
        Combination(name: "resource neither + authorizer neither = implicit deny", policy: resourcePolicy(allowOther), lambdaEffect: "Allow",
                    method: "POST", target: "/prod/pets/7", status: 403,
                    body: #"{"Message":"User is not authorized to access this resource"}"#, calls: 1),
        Combination(name: "resource allow + authorizer deny = explicit deny", policy: resourcePolicy(allowEverything), lambdaEffect: "Deny",
                    method: "GET", target: "/prod/pets/7", status: 403,
                    body: #"{"Message":"User is not authorized to access this resource with an explicit deny"}"#, calls: 1),
    ]

    @Test(arguments: combinations)
    func combinesTheResourcePolicyByTableA(_ row: Combination) throws {
        let effect = row.lambdaEffect
        let lambda = ScriptedLambda { _ in
            .success(UpstreamResponse(status: 200, body: Self.policy(effect, "arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/GET/*")))
        }
        let response = Self.run(try Self.snapshot(resourcePolicy: row.policy), lambda, row.method, row.target)
        #expect(response.status == row.status)
        if let body = row.body { #expect(String(decoding: response.body, as: UTF8.self) == body) }
        #expect(lambda.calls == row.calls)
    }

    @Test func aCachedPolicyIsCombinedWithTheResourcePolicyPerRequest() throws {
        // The authorizer allows GET/* only; the resource policy allows everything but GET /pets/9.
        let lambda = ScriptedLambda(Self.allowAll)
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9"), accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: lambda, identifierSource: FixedIdentifiers(), clock: { F.now })
        let snapshot = try Self.snapshot(resourcePolicy: Self.resourcePolicy(Self.allowEverything + "," + Self.denyPet9))
        #expect(Self.run(pipeline, snapshot).status == 200)
        #expect(Self.run(pipeline, snapshot, "POST", "/prod/pets/7").status == 200, "a cache hit, allowed by the resource policy")
        #expect(Self.run(pipeline, snapshot, "GET", "/prod/pets/9").status == 403)
        #expect(lambda.calls == 1)
    }
}
