import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// A phase that counts how often it ran and lets the request through.
private final class CountingPhase: RequestFilter {
    let name = "counting"
    private let count = Mutex(0)
    var runs: Int { count.withLock { $0 } }
    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        count.withLock { $0 += 1 }
        return .proceed
    }
}

/// Methods whose protection is not enforced yet fail closed in the method request: AWS's answer to a
/// caller without valid credentials, the integration never called.
@Suite struct AccessRefusalGatewayTests {
    typealias F = PipelineFixtures
    typealias P = RequestPipelineTests

    static func method(_ verb: String, authorization: String, apiKeyRequired: Bool = false) -> Method {
        Method(httpMethod: verb, authorizationType: authorization, apiKeyRequired: apiKeyRequired,
               methodResponses: ["200": MethodResponse(statusCode: "200")],
               methodIntegration: F.proxyIntegration("http://backend:8080/x"))
    }

    static func content(policy: String? = nil) -> DeploymentContent {
        var content = F.content([
            ("/", ["GET": method("GET", authorization: "AWS_IAM")]),
            ("/open", ["GET": method("GET", authorization: "NONE")]),
            ("/iam", ["GET": method("GET", authorization: "AWS_IAM"), "OPTIONS": method("OPTIONS", authorization: "NONE")]),
            ("/keyed", ["GET": method("GET", authorization: "AWS_IAM", apiKeyRequired: true)]),
            ("/custom", ["ANY": method("ANY", authorization: "CUSTOM")]),
            ("/cognito/{id}", ["POST": method("POST", authorization: "COGNITO_USER_POOLS")]),
        ])
        content.api.policy = policy
        return content
    }

    @Test(arguments: [
        ("GET", "/prod/iam", 403, #"{"message":"Missing Authentication Token"}"#, "MissingAuthenticationTokenException"),
        ("GET", "/prod", 403, #"{"message":"Missing Authentication Token"}"#, "MissingAuthenticationTokenException"),
        ("PATCH", "/prod/custom", 401, #"{"message":"Unauthorized"}"#, "UnauthorizedException"),
        ("POST", "/prod/cognito/42", 401, #"{"message":"Unauthorized"}"#, "UnauthorizedException"),
    ])
    func protectedMethodsAreRefusedWithoutCallingTheIntegration(method: String, target: String, status: Int, body: String,
                                                                errorType: String) throws {
        let invoker = RecordingInvoker()
        let response = P.run(F.request(method, target), snapshot: try F.snapshot(Self.content()), invoker: invoker)
        #expect(response.status == status)
        #expect(P.text(response) == body)
        #expect(response.headers["x-amzn-ErrorType"] == errorType)
        P.expectDecorated(response)
        #expect(invoker.requests.isEmpty, "a protected method must never reach its integration")
    }

    @Test func noneStaysOpenPerMethod() throws {
        let invoker = RecordingInvoker()
        let snapshot = try F.snapshot(Self.content())
        #expect(P.run(F.request("GET", "/prod/open"), snapshot: snapshot, invoker: invoker).status == 200)
        #expect(P.run(F.request("OPTIONS", "/prod/iam"), snapshot: snapshot, invoker: invoker).status == 200)
        #expect(invoker.requests.count == 2)
    }

    @Test func aSignedRequestForAnUnknownKeyIsRefusedToo() throws {
        // The snapshot has no IAM users: a signature, valid or not, never opens the method.
        let invoker = RecordingInvoker()
        let signed = F.request("GET", "/prod/iam", headers: [
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20200304/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + String(repeating: "a", count: 64)),
            ("X-Amz-Date", "20200304T191517Z"),
        ])
        let response = P.run(signed, snapshot: try F.snapshot(Self.content()), invoker: invoker)
        #expect(response.status == 403)
        #expect(invoker.requests.isEmpty)
    }

    @Test func theAuthorizationRefusalComesBeforeTheApiKeyAndThrottlePhases() throws {
        let invoker = RecordingInvoker()
        let snapshot = try F.snapshot(Self.content())
        let counting = CountingPhase()
        // The real API key phase would answer 403 Forbidden (no key sent): AWS checks IAM first.
        let response = P.run(F.request("GET", "/prod/keyed"), snapshot: snapshot, invoker: invoker,
                             phases: [counting, ApiKeyFilter(snapshot: snapshot)])
        #expect(response.status == 403)
        #expect(P.text(response) == #"{"message":"Missing Authentication Token"}"#)
        #expect(counting.runs == 0, "no method-request phase runs for a refused route")
        #expect(invoker.requests.isEmpty)
    }

    @Test(arguments: [("PUT", "/prod/custom"), ("POST", "/prod/cognito/a%22b")])
    func anAuthorizerMethodWithoutItsAuthorizerFailsClosedUnderAnAllowingPolicy(method: String, target: String) throws {
        // The methods name no authorizer: the route keeps its 401 refusal, and the resource policy
        // (which allows everything) opens nothing. NONE methods of the same API are the policy filter's.
        let invoker = RecordingInvoker()
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}"#
        let snapshot = try F.snapshot(Self.content(policy: policy))
        let response = P.run(F.request(method, target), snapshot: snapshot, invoker: invoker, phases: [ApiKeyFilter(snapshot: snapshot)])
        #expect(response.status == 401)
        #expect(P.text(response) == #"{"message":"Unauthorized"}"#)
        P.expectDecorated(response)
        #expect(invoker.requests.isEmpty)
        #expect(P.run(F.request("GET", "/prod/open"), snapshot: snapshot, invoker: invoker).status == 200)
        #expect(invoker.requests.count == 1)
    }

    @Test func theMethodArnMasksTheAccountAndDropsTheLeadingSlash() {
        #expect(AccessRefusal.methodArn(region: "us-west-2", accountId: "111122222543", restApiId: "vd2gh6uqw3", stage: "api",
                                        method: "GET", path: "") == "arn:aws:execute-api:us-west-2:********2543:vd2gh6uqw3/api/GET/")
        #expect(AccessRefusal.methodArn(region: "eu-west-1", accountId: "111122223333", restApiId: "id", stage: "test",
                                        method: "GET", path: "/helloworld") == "arn:aws:execute-api:eu-west-1:********3333:id/test/GET/helloworld")
    }
}
