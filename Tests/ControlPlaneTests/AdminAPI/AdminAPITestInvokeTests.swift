import Foundation
import Synchronization
import Testing
@testable import ControlPlane
import Shared

/// TestInvokeMethod and TestInvokeAuthorizer in the admin API: what reaches the `TestInvoker` (the
/// current definition, the target, the request) and how its result is encoded. The real runner
/// (DataPlane's pipeline) is exercised end to end in `TestInvokeEndToEndTests`.
@Suite struct AdminAPITestInvokeTests {
    /// Records every request and answers with `result` (or refuses with `refusal`).
    final class FakeInvoker: TestInvoker {
        let seen = Mutex<[TestInvokeRequest]>([])
        let result: TestInvokeResult
        let refusal: TestInvokeRefusal?

        init(result: TestInvokeResult = TestInvokeResult(status: 200), refusal: TestInvokeRefusal? = nil) {
            self.result = result
            self.refusal = refusal
        }

        func prepareTestInvoke(_ request: TestInvokeRequest) throws(TestInvokeRefusal) -> TestInvokeRun {
            seen.withLock { $0.append(request) }
            if let refusal { throw refusal }
            let result = result
            return TestInvokeRun { deliver in deliver(result) }
        }
    }

    /// Runs one admin call, starting its deferred run as `ControlPlaneHandler` does.
    static func perform(_ h: AdminHarness, _ target: String, _ body: [String: Any]) async -> (status: Int, json: [String: Any]) {
        let request = HTTPRequest(head: HTTPRequestHead(method: .POST, target: target, headers: ["Content-Type": "application/json"]),
                                  body: Array(try! JSONSerialization.data(withJSONObject: body)))
        let outcome = h.api.perform(request, identity: "AKIDADMIN", requestId: "req-test")
        let response: HTTPResponse
        if let deferred = outcome.deferred {
            response = await withCheckedContinuation { continuation in deferred { continuation.resume(returning: $0) } }
        } else {
            response = outcome.response
        }
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:])
    }

    @Test func testInvokeMethodWithoutATestInvokerIsNotImplemented() async throws {
        let h = try AdminHarness()
        let api = h.deployedApi()
        let result = await Self.perform(h, "/restapis/\(api.id)/resources/\(api.pets)/methods/GET", [:])
        #expect(result.status == 501)
        #expect((result.json["message"] as? String)?.contains("without a test invoker") == true)
    }

    @Test func testInvokeMethodHandsTheCurrentDefinitionAndTheRequestToTheInvoker() async throws {
        let invoker = FakeInvoker(result: TestInvokeResult(status: 201, headers: [("X-A", "1"), ("X-A", "2"), ("Content-Type", "text/plain")],
                                                           body: Array("made".utf8), log: "line 1\nline 2\n", latencyMillis: 12))
        let h = try AdminHarness(testInvoker: invoker)
        let api = h.deployedApi()
        // Changed after the deployment: the test must see this definition, not the deployed one.
        #expect(h.call("PATCH", "/restapis/\(api.id)", ["patchOperations": [["op": "replace", "path": "/description", "value": "after"]]]).status == 200)
        let result = await Self.perform(h, "/restapis/\(api.id)/resources/\(api.pets)/methods/GET", [
            "pathWithQueryString": "/pets?x=1", "body": "{}", "headers": ["H": "v"], "multiValueHeaders": ["M": ["a", "b"]],
            "stageVariables": ["color": "red"]])
        #expect(result.status == 200)
        #expect(result.json["status"] as? Int == 201)
        #expect(result.json["body"] as? String == "made")
        #expect(result.json["headers"] as? [String: String] == ["X-A": "2", "Content-Type": "text/plain"])
        #expect(result.json["multiValueHeaders"] as? [String: [String]] == ["X-A": ["1", "2"], "Content-Type": ["text/plain"]])
        #expect(result.json["log"] as? String == "line 1\nline 2\n")
        #expect(result.json["latency"] as? Int == 12)
        let seen = try #require(invoker.seen.withLock { $0.first })
        #expect(seen.target == .method(resourceId: api.pets, httpMethod: "GET"))
        #expect(seen.definition.api.description == "after")
        #expect(seen.pathWithQueryString == "/pets?x=1" && seen.body == "{}")
        #expect(seen.headers == ["H": "v"] && seen.multiValueHeaders == ["M": ["a", "b"]])
        #expect(seen.stageVariables == ["color": "red"])
        #expect(seen.accountId == "123456789012" && seen.restApiId == api.id)
    }

    @Test func testInvokeMethodRefusesUnknownMethodsAndWhatTheInvokerRefuses() async throws {
        let invoker = FakeInvoker(refusal: TestInvokeRefusal("does not compile"))
        let h = try AdminHarness(testInvoker: invoker)
        let api = h.deployedApi()
        let missing = await Self.perform(h, "/restapis/\(api.id)/resources/\(api.pets)/methods/POST", [:])
        #expect(missing.status == 404)
        let refused = await Self.perform(h, "/restapis/\(api.id)/resources/\(api.pets)/methods/GET", [:])
        #expect(refused.status == 400 && refused.json["message"] as? String == "does not compile")
        let certificate = await Self.perform(h, "/restapis/\(api.id)/resources/\(api.pets)/methods/GET", ["clientCertificateId": "abc"])
        #expect(certificate.status == 400)
        #expect(invoker.seen.withLock { $0.count } == 1)
    }

    @Test func testInvokeAuthorizerEncodesThePrincipalPolicyAndClaims() async throws {
        let outcome = TestInvokeResult.AuthorizerOutcome(principalId: "user", policy: #"{"Version":"2012-10-17"}"#, context: ["tier": "gold"])
        let invoker = FakeInvoker(result: TestInvokeResult(status: 403, log: "log", latencyMillis: 3, authorizer: outcome))
        let h = try AdminHarness(testInvoker: invoker)
        let (id, _) = h.createApi()
        let token = h.call("POST", "/restapis/\(id)/authorizers", AdminAPIAuthorizersTests.token).string("id")!
        let result = await Self.perform(h, "/restapis/\(id)/authorizers/\(token)", ["headers": ["Authorization": "deny"], "stageVariables": ["s": "1"]])
        #expect(result.status == 200)
        #expect(result.json["clientStatus"] as? Int == 403)
        #expect(result.json["principalId"] as? String == "user")
        #expect(result.json["policy"] as? String == #"{"Version":"2012-10-17"}"#)
        #expect(result.json["authorization"] as? [String: [String]] == ["tier": ["gold"]])
        #expect(result.json["log"] as? String == "log" && result.json["latency"] as? Int == 3)
        let refused = await Self.perform(h, "/restapis/\(id)/authorizers/\(token)", ["additionalContext": ["k": "v"]])
        #expect(refused.status == 400)
        #expect(invoker.seen.withLock { $0.count } == 1, "a refused call never reaches the invoker")
        let seen = try #require(invoker.seen.withLock { $0.first })
        #expect(seen.target == .authorizer(authorizerId: token))
        #expect(seen.headers == ["Authorization": "deny"] && seen.stageVariables == ["s": "1"])
    }
}
