import Shared

/// Runs TestInvokeMethod and TestInvokeAuthorizer for the control plane (`TestInvoker`, conformed
/// in the `tollgate` target): the API's current definition compiled by the shared compiler, as a
/// node compiles a snapshot, and one request through the node's pipeline (`RequestPipeline`, the
/// default chain, the real integrations and authorizers) with an in-memory responder.
///
/// There is no stage: the run's stage (`test-invoke-stage`) has the request's stage variables and
/// no settings (no cache, throttles, logs or canary). TestInvokeMethod skips authorization and API
/// keys (`TestInvokeDefinition.method`); no API-key or limits feature joins the chain. The response
/// log is the INFO execution log with data trace (`ExecutionLogProgram`), whatever the stage would
/// log. Integrations go where the node's would (`--lambda-endpoint`, `--aws-endpoint`, signing
/// keys, `--ca-file`): the configuration is a node's. One event loop and one HTTP client of its
/// own; `shutdown()` stops them.
package final class DefinitionTestRunner: Sendable {
    private let group: EventLoopGroup
    private let client: HTTPClient
    private let invoker: HTTPClientInvoker
    private let pipelineConfiguration: PipelineConfiguration
    private let renderer: MappingTemplateRenderer

    /// `configuration` supplies the integration settings (Lambda and AWS endpoints, credentials,
    /// TLS trust, authorizer timeout, user pools); its listen, sync and gossip settings are unused.
    package init(configuration: DataPlaneNode.Configuration) {
        group = EventLoopGroup(threads: 1)
        var clientConfiguration = HTTPClient.Configuration(maxIdleConnectionsPerHost: 4)
        clientConfiguration.tls = configuration.upstreamTLS
        client = HTTPClient(group: group, configuration: clientConfiguration)
        invoker = HTTPClientInvoker(client: client, group: group, log: configuration.log.with(component: "test-invoke").lines(at: .warn))
        // A runtime of its own: a test never reads or fills a node's authorizer cache.
        pipelineConfiguration = configuration.pipelineConfiguration
        renderer = MappingTemplateRenderer(log: configuration.log.with(component: "mapping").lines(at: .error))
    }

    package func shutdown() async {
        await client.shutdown()
        group.shutdown()
    }

    /// Compiles the definition and checks the request's path against the target; the run is the
    /// returned value's `start`. Pure apart from compiling: no I/O until `start`.
    package func prepareTestInvoke(_ test: TestInvokeRequest) throws(TestInvokeRefusal) -> TestInvokeRun {
        let definition: DeploymentContent
        let verb: String
        let path: String
        var authorizer: Authorizer?
        switch test.target {
        case .method(let resourceId, let httpMethod):
            guard let resource = test.definition.resources.first(where: { $0.id == resourceId }) else {
                throw TestInvokeRefusal("Invalid Resource identifier specified")
            }
            definition = TestInvokeDefinition.method(test.definition)
            verb = httpMethod == "ANY" ? "GET" : httpMethod
            if let given = test.pathWithQueryString {
                path = given
            } else {
                guard !resource.path.contains("{") else {
                    throw TestInvokeRefusal("pathWithQueryString is required: the resource path \(resource.path) has parameters")
                }
                path = resource.path
            }
        case .authorizer(let authorizerId):
            guard let found = test.definition.authorizers?.first(where: { $0.id == authorizerId }) else {
                throw TestInvokeRefusal("Invalid Authorizer identifier specified")
            }
            authorizer = found
            definition = TestInvokeDefinition.authorizer(test.definition, authorizer: found)
            verb = "GET"
            path = test.pathWithQueryString ?? "/"
        }
        guard path.hasPrefix("/") else { throw TestInvokeRefusal("pathWithQueryString must start with '/': \(path)") }

        let entry = TestInvokeDefinition.stage(definition, restApiId: test.restApiId, variables: test.stageVariables)
        let snapshot: CompiledSnapshot
        do {
            snapshot = try SnapshotCompiler.compile(Snapshot(revision: 0, stages: [entry], apiKeys: [], usagePlans: [],
                                                             account: Account(), nodes: []))
        } catch {
            throw TestInvokeRefusal(error.message)
        }
        guard case .found(let stage) = snapshot.lookup(restApiId: test.restApiId[...], stage: TestInvokeDefinition.stageName[...]) else {
            throw TestInvokeRefusal("The definition of API \(test.restApiId) did not compile into a stage")
        }
        let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if case .method(let resourceId, let httpMethod) = test.target {
            guard let (route, _) = stage.route(method: verb, path: pathOnly), route.resourceId == resourceId,
                  route.httpMethod == httpMethod else {
                throw TestInvokeRefusal("pathWithQueryString \(path) does not address \(httpMethod) on this resource")
            }
        }

        var configuration = pipelineConfiguration
        configuration.accountId = test.accountId
        configuration.region = test.region
        let recorder = RecordingInvoker(invoker)
        let pipeline = RequestPipeline(configuration: configuration, invoker: recorder, renderer: renderer)
        let request = Self.request(test, verb: verb, path: path)
        let loop = group.loops[0]
        let lambdaAuthorizer = authorizer.map { $0.type != "COGNITO_USER_POOLS" } ?? false
        let isAuthorizerTest = authorizer != nil
        return TestInvokeRun { deliver in
            let capture = TestInvokeCapture(started: Syscall.monotonicNanos()) { response, log, result, latency in
                var answer = TestInvokeResult(status: response.status, headers: response.headers.fields, body: response.body,
                                              log: log, latencyMillis: latency)
                if isAuthorizerTest {
                    answer.authorizer = lambdaAuthorizer ? Self.lambdaOutcome(recorder.firstResponse)
                        : TestInvokeResult.AuthorizerOutcome(claims: result?.claims.map { Dictionary($0.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }) })
                }
                deliver(answer)
            }
            // On the runner's own loop (never a node's, never the control plane's store queue): the
            // chains are built there, then the request runs on it.
            loop.execute {
                let chains = pipeline.chains(for: snapshot, features: [TestInvokeCaptureFilter(capture: capture)])
                pipeline.handle(request, connection: ClientConnection(remoteAddress: "127.0.0.1", localPort: 0), snapshot: snapshot,
                                chains: chains, eventLoop: loop) { capture.response($0) }
            }
        }
    }

    /// The test request as the pipeline receives it: `{api}.execute-api.{region}.amazonaws.com`,
    /// `/test-invoke-stage{path}`, the headers (each multi-value header's values after the single
    /// one of the same name, without repeating it) and the body.
    static func request(_ test: TestInvokeRequest, verb: String, path: String) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add("Host", "\(test.restApiId).execute-api.\(test.region).amazonaws.com")
        for (name, value) in test.headers.sorted(by: { $0.key < $1.key }) { headers.add(name, value) }
        for (name, values) in test.multiValueHeaders.sorted(by: { $0.key < $1.key }) {
            for value in values where test.headers[name] != value { headers.add(name, value) }
        }
        let body = Array((test.body ?? "").utf8)
        if !body.isEmpty && headers["Content-Length"] == nil { headers.add("Content-Length", String(body.count)) }
        return HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(verb), target: "/" + TestInvokeDefinition.stageName + path,
                                                 headers: headers), body: body)
    }

    /// A Lambda authorizer's answer as the test reports it: its `principalId`, `policyDocument` (as
    /// JSON text) and `context` (values as strings); nil when it was not called or returned no object.
    static func lambdaOutcome(_ response: UpstreamResponse?) -> TestInvokeResult.AuthorizerOutcome? {
        guard let response, !response.headers.contains("X-Amz-Function-Error"),
              let value = try? JSONParser.parse(response.body), case .object = value else { return nil }
        var outcome = TestInvokeResult.AuthorizerOutcome()
        if case .string(let principal)? = value["principalId"] { outcome.principalId = principal }
        outcome.policy = value["policyDocument"]?.serialized()
        if case .object(let members)? = value["context"] {
            for (key, member) in members {
                switch member {
                case .string(let text): outcome.context[key] = text
                case .null: continue
                default: outcome.context[key] = member.serialized()
                }
            }
        }
        return outcome
    }
}
