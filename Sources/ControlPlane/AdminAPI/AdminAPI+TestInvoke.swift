import Shared

/// TestInvokeMethod and TestInvokeAuthorizer: the current definition (what CreateDeployment would
/// freeze now, nothing stored) run by the configured `TestInvoker`; 501 without one.
///
/// The handler reads and checks in the call's transaction and leaves the run in
/// `AdminCall.deferred`; `perform` hands it to the caller, which starts it after the commit, so a
/// slow backend never holds the store queue.
extension AdminAPI {
    static let testInvokeHandlers: [String: Handler] = [
        "TestInvokeMethod": { api, call, tx in
            let content = try api.requireApi(call.label("restapi_id"), tx)
            _ = try methodResourceIndex(call, content)
            let input = try call.input(TestInvokeMethodInput.self)
            if let certificate = input.clientCertificateId, !certificate.isEmpty {
                throw AdminError.badRequest("clientCertificateId is not supported by Tollgate's TestInvokeMethod: backends get no client certificate")
            }
            guard let invoker = api.testInvoker else {
                throw AdminError.notImplemented("TestInvokeMethod is not implemented by this control plane: it was started without a test invoker")
            }
            let request = api.testRequest(content, target: .method(resourceId: call.label("resource_id"), httpMethod: call.label("http_method")),
                                          path: input.pathWithQueryString, body: input.body, headers: input.headers,
                                          multiValueHeaders: input.multiValueHeaders, stageVariables: input.stageVariables)
            let run = try prepare(invoker, request)
            call.deferred = { reply in run.start { result in reply(methodReply(result)) } }
            return .empty
        },
        "TestInvokeAuthorizer": { api, call, tx in
            _ = try authorizers.require(api, call, tx)
            let content = try api.requireApi(call.label("restapi_id"), tx)
            let input = try call.input(TestInvokeAuthorizerInput.self)
            if let context = input.additionalContext, !context.isEmpty {
                throw AdminError.badRequest("additionalContext is not supported by Tollgate's TestInvokeAuthorizer: the authorizer sees the request context a node builds")
            }
            guard let invoker = api.testInvoker else {
                throw AdminError.notImplemented("TestInvokeAuthorizer is not implemented by this control plane: it was started without a test invoker")
            }
            let request = api.testRequest(content, target: .authorizer(authorizerId: call.label("authorizer_id")),
                                          path: input.pathWithQueryString, body: input.body, headers: input.headers,
                                          multiValueHeaders: input.multiValueHeaders, stageVariables: input.stageVariables)
            let run = try prepare(invoker, request)
            call.deferred = { reply in run.start { result in reply(authorizerReply(result)) } }
            return .empty
        },
    ]

    /// Body of TestInvokeMethod (botocore `TestInvokeMethodRequest`). `clientCertificateId` is
    /// accepted only empty: Tollgate sends no client certificate to backends, so one named here would
    /// be ignored (refused instead).
    struct TestInvokeMethodInput: Decodable {
        var pathWithQueryString: String?
        var body: String?
        var headers: [String: String]?
        var multiValueHeaders: [String: [String]]?
        var clientCertificateId: String?
        var stageVariables: [String: String]?
    }

    /// Body of TestInvokeAuthorizer (botocore `TestInvokeAuthorizerRequest`). A non-empty
    /// `additionalContext` is refused (400): the authorizer's event carries the request context a
    /// node builds, and a setting is never silently ignored.
    struct TestInvokeAuthorizerInput: Decodable {
        var headers: [String: String]?
        var multiValueHeaders: [String: [String]]?
        var pathWithQueryString: String?
        var body: String?
        var stageVariables: [String: String]?
        var additionalContext: [String: String]?
    }

    func testRequest(_ content: DeploymentContent, target: TestInvokeRequest.Target, path: String?, body: String?,
                     headers: [String: String]?, multiValueHeaders: [String: [String]]?,
                     stageVariables: [String: String]?) -> TestInvokeRequest {
        TestInvokeRequest(restApiId: content.api.id, definition: content, target: target,
                          pathWithQueryString: path.flatMap { $0.isEmpty ? nil : $0 }, body: body, headers: headers ?? [:],
                          multiValueHeaders: multiValueHeaders ?? [:], stageVariables: stageVariables ?? [:],
                          accountId: configuration.accountId, region: configuration.region)
    }

    static func prepare(_ invoker: any TestInvoker, _ request: TestInvokeRequest) throws(AdminError) -> TestInvokeRun {
        do {
            return try invoker.prepareTestInvoke(request)
        } catch {
            throw .badRequest(error.message)
        }
    }

    /// botocore `TestInvokeMethodResponse`: `headers` keeps the last value of a repeated name,
    /// `multiValueHeaders` every value; `latency` in milliseconds.
    struct TestInvokeMethodOutput: Encodable {
        var status: Int
        var body: String
        var headers: [String: String]
        var multiValueHeaders: [String: [String]]
        var log: String
        var latency: Int64
    }

    /// botocore `TestInvokeAuthorizerResponse`. `authorization` is the returned context as
    /// one-value lists (AWS documents it only as "the authorization response").
    struct TestInvokeAuthorizerOutput: Encodable {
        var clientStatus: Int
        var log: String
        var latency: Int64
        var principalId: String?
        var policy: String?
        var authorization: [String: [String]]?
        var claims: [String: String]?
    }

    static func methodReply(_ result: TestInvokeResult) -> AdminReply {
        var headers: [String: String] = [:]
        var multi: [String: [String]] = [:]
        for header in result.headers {
            headers[header.name] = header.value
            multi[header.name, default: []].append(header.value)
        }
        let output = TestInvokeMethodOutput(status: result.status, body: String(decoding: result.body, as: UTF8.self), headers: headers,
                                            multiValueHeaders: multi, log: result.log, latency: result.latencyMillis)
        return (try? AdminReply.json(output)) ?? AdminReply(body: Array(#"{"message":"Internal server error"}"#.utf8))
    }

    static func authorizerReply(_ result: TestInvokeResult) -> AdminReply {
        let outcome = result.authorizer
        let context = outcome?.context ?? [:]
        let output = TestInvokeAuthorizerOutput(clientStatus: result.status, log: result.log, latency: result.latencyMillis,
                                                principalId: outcome?.principalId, policy: outcome?.policy,
                                                authorization: context.isEmpty ? nil : context.mapValues { [$0] },
                                                claims: outcome?.claims)
        return (try? AdminReply.json(output)) ?? AdminReply(body: Array(#"{"message":"Internal server error"}"#.utf8))
    }
}
