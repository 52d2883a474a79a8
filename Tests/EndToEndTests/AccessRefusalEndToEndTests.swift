import Foundation
import Testing
import ControlPlane
import Shared

/// Protections fail closed on real nodes: an unsigned request to an AWS_IAM method, or one a
/// resource policy denies (here by source address, 127.0.0.1), gets AWS's refusal, and the backend
/// never sees it (shared cluster, APIs of their own, a counting backend).
@Suite(.serialized, .timeLimit(.minutes(2))) struct AccessRefusalEndToEndTests {
    static let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.1/32"}}}]}"#

    /// PutMethod with `authorization` and an HTTP_PROXY integration to `backend`.
    static func proxiedMethod(_ api: ApiBuilder, _ resource: String, _ verb: String, authorization: String,
                              apiKeyRequired: Bool = false, backend: CountingBackend, path: String) async throws {
        _ = try await api.admin.call(.PUT, "/restapis/\(api.id)/resources/\(resource)/methods/\(verb)",
                                     json: ["authorizationType": authorization, "apiKeyRequired": apiKeyRequired])
        try await api.integration(resource, verb, ["type": "HTTP_PROXY", "httpMethod": verb == "ANY" ? "ANY" : verb,
                                                   "uri": "http://127.0.0.1:\(backend.port)\(path)"])
    }

    @Test func unsignedRequestsToProtectedMethodsAreRefusedAndNeverReachTheBackend() async throws {
        let cluster = try await SharedCluster.cluster()
        let backend = try CountingBackend()
        defer { Task { await backend.stop() } }

        // API 1: AWS_IAM methods beside open ones.
        let iam = try await ApiBuilder.create(cluster.admin, name: "fail-closed-iam")
        let secured = try await iam.resource("secured")
        try await Self.proxiedMethod(iam, secured, "GET", authorization: "AWS_IAM", backend: backend, path: "/secured")
        try await Self.proxiedMethod(iam, secured, "OPTIONS", authorization: "NONE", backend: backend, path: "/preflight")
        let keyed = try await iam.resource("keyed")
        try await Self.proxiedMethod(iam, keyed, "ANY", authorization: "AWS_IAM", apiKeyRequired: true, backend: backend, path: "/keyed")
        try await iam.deploy(stage: "prod")

        // API 2: open methods, but a resource policy on the API that denies this test's address.
        let created = try await cluster.admin.call(.POST, "/restapis", json: ["name": "fail-closed-policy", "policy": Self.policy])
        let guarded = ApiBuilder(admin: cluster.admin, id: created["id"] as! String, root: created["rootResourceId"] as! String)
        let open = try await guarded.resource("open")
        try await Self.proxiedMethod(guarded, open, "GET", authorization: "NONE", backend: backend, path: "/open")
        try await guarded.deploy(stage: "prod")

        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            let first = try? await cluster.invoke(port: port, apiId: iam.id, "/prod/secured", timeout: .seconds(2))
            let second = try? await cluster.invoke(port: port, apiId: guarded.id, "/prod/open", timeout: .seconds(2))
            return first.map { $0.status != 404 } == true && second.map { $0.status != 404 } == true
        }
        #expect(ready != nil, "the APIs did not reach every node")

        for port in cluster.nodePorts {
            let iamRefusal = try await cluster.invoke(port: port, apiId: iam.id, "/prod/secured")
            #expect(iamRefusal.status == 403)
            #expect(iamRefusal.text == #"{"message":"Missing Authentication Token"}"#)
            #expect(iamRefusal.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")
            #expect(iamRefusal.headers["x-amzn-RequestId"]?.count == 36)

            // IAM comes before the API key: no key sent, still Missing Authentication Token (not Forbidden).
            let keyedRefusal = try await cluster.invoke(port: port, apiId: iam.id, "/prod/keyed", method: .POST)
            #expect(keyedRefusal.status == 403)
            #expect(keyedRefusal.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")

            let denied = try await cluster.invoke(port: port, apiId: guarded.id, "/prod/open")
            #expect(denied.status == 403)
            #expect(denied.text == #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:"# + guarded.id + #"/prod/GET/open with an explicit deny"}"#)
            #expect(denied.headers["x-amzn-ErrorType"] == "AccessDeniedException")

            // NONE stays open per method: the preflight on the IAM resource is served.
            let preflight = try await cluster.invoke(port: port, apiId: iam.id, "/prod/secured", method: .OPTIONS)
            #expect(preflight.status == 200 && preflight.text == "reached")
        }
        #expect(backend.paths == Array(repeating: "/preflight", count: cluster.nodePorts.count),
                "only the open method may reach the backend")
    }

    @Test(arguments: ["CUSTOM", "COGNITO_USER_POOLS"])
    func authorizerMethodsAreRefusedAtTheAdminApi(authorization: String) async throws {
        // No authorizer with this id exists, so the method is never stored
        // (the data plane would refuse it with 401 Unauthorized if a snapshot carried one).
        let cluster = try await SharedCluster.cluster()
        let api = try await ApiBuilder.create(cluster.admin, name: "fail-closed-\(authorization.lowercased())")
        let resource = try await api.resource("r")
        let put = await Self.failure {
            _ = try await cluster.admin.call(.PUT, "/restapis/\(api.id)/resources/\(resource)/methods/GET",
                                             json: ["authorizationType": authorization, "authorizerId": "abc123"])
        }
        try await api.method(resource, "GET")
        let patch = await Self.failure {
            _ = try await cluster.admin.call(.PATCH, "/restapis/\(api.id)/resources/\(resource)/methods/GET",
                                             json: ["patchOperations": [["op": "replace", "path": "/authorizationType", "value": authorization]]])
        }
        for failure in [put, patch] {
            guard let failure, case .api(let status, let type, let message) = failure else {
                Issue.record("expected a 400, got \(String(describing: failure))")
                continue
            }
            #expect(status == 400 && type == "BadRequestException")
            #expect(message.hasPrefix("Invalid authorizer ID specified."))
        }
    }

    /// The admin error `body` failed with, nil when it succeeded.
    static func failure(_ body: () async throws -> Void) async -> AdminClientError? {
        do {
            try await body()
            return nil
        } catch let error as AdminClientError {
            return error
        } catch {
            return .transport("\(error)")
        }
    }
}
