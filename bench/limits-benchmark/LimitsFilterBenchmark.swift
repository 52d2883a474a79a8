import DataPlane
import Shared

/// `LimitsBench [--requests N]` (run by bench/limits.sh; was `tollgate bench-limits-phases`): times
/// the API-key and limits filters of a keyed route's chain alone on one thread, with every AWS level
/// configured, and prints the cost per request. No sockets: the figure is the filters' CPU time,
/// without the HTTP path around them.
enum LimitsFilterBenchmark {
    package static func main(_ arguments: [String]) -> Int32 {
        var requests = 2_000_000
        if let index = arguments.firstIndex(of: "--requests"), index + 1 < arguments.count, let n = Int(arguments[index + 1]) {
            requests = n
        }
        do {
            let (limits, snapshot, request) = try fixture()
            guard case .api(let apiId, let stageName, let path, _) = InvokeTarget.resolve(host: request.headers["Host"], path: request.head.path),
                  case .found(let stage) = snapshot.lookup(restApiId: apiId, stage: stageName),
                  let (route, match) = stage.route(method: "GET", path: path) else { return 1 }
            let phases = limits.filterFactories(for: snapshot).compactMap { $0.makeFilter(for: route, on: stage) }
            guard phases.count == 2 else { return 1 }
            let connection = ClientConnection(remoteAddress: "127.0.0.1", remotePort: 1, localPort: 2)
            let identifiers = RequestIdentifiers(requestId: "r", extendedRequestId: "e", traceId: "t")
            func run(_ count: Int, phases: [any RequestFilter]) -> (UInt64, Int) {
                var admitted = 0
                let start = Syscall.monotonicNanos()
                for _ in 0..<count {
                    var invocation = Invocation(request: request, connection: connection, stage: stage, route: route, match: match, path: path,
                                                identifiers: identifiers, requestTimeEpochMillis: 0, accountId: "1")
                    var ok = true
                    for phase in phases {
                        if case .proceed = phase.onRequest(&invocation) { continue }
                        ok = false
                        break
                    }
                    if ok { admitted += 1 }
                }
                return (Syscall.monotonicNanos() - start, admitted)
            }
            _ = run(requests / 10, phases: phases)
            let (base, _) = run(requests, phases: [])
            let (nanos, admitted) = run(requests, phases: phases)
            let apiKeyOnly = run(requests, phases: [phases[0]]).0
            print("limits filters: \(requests) requests, \(admitted) admitted")
            print(String(format: "  invocation alone %.2f µs, + API key filter %.2f µs, + limits filter %.2f µs per request",
                         Double(base) / Double(requests) / 1000, Double(apiKeyOnly - base) / Double(requests) / 1000,
                         Double(nanos - apiKeyOnly) / Double(requests) / 1000))
            PipelineBenchmark.run(limits: limits, snapshot: snapshot, keyed: request, requests: requests / 4)
            return 0
        } catch {
            print("LimitsBench failed: \(error)")
            return 1
        }
    }

    /// One keyed GET method with a stage method throttle, a plan throttle, a plan method throttle,
    /// the account throttle and a fast quota, all far above what the loop reaches.
    static func fixture() throws -> (NodeLimits, CompiledSnapshot, HTTPRequest) {
        let key = "benchmark-key-0123456789abcdef"
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let rootId = "root000001"
        let responses = ["200": MethodResponse(statusCode: "200")]
        let resource = Resource(id: "res0000001", parentId: rootId, pathPart: "p", path: "/p",
                                resourceMethods: ["GET": Method(httpMethod: "GET", apiKeyRequired: true, methodResponses: responses,
                                                                methodIntegration: mock)])
        // `/open`: no key, no stage setting (the whole-pipeline figures, `PipelineBenchmark`).
        let open = Resource(id: "res0000002", parentId: rootId, pathPart: "open", path: "/open",
                            resourceMethods: ["GET": Method(httpMethod: "GET", methodResponses: responses, methodIntegration: mock)])
        let content = DeploymentContent(api: RestApi(id: "benchapi01", name: "bench", createdDate: 0, rootResourceId: rootId),
                                        resources: [Resource(id: rootId, path: "/"), resource, open])
        var setting = MethodSetting()
        setting.throttlingRateLimit = 1e6
        setting.throttlingBurstLimit = 1_000_000
        let stage = Stage(deploymentId: "dep", stageName: "v1", methodSettings: ["p/GET": setting], createdDate: 0, lastUpdatedDate: 0)
        let big = ThrottleSettings(burstLimit: 1_000_000, rateLimit: 1e6)
        let plan = UsagePlan(id: "plan01", name: "bench", apiStages: [ApiStage(apiId: "benchapi01", stage: "v1", throttle: ["/p/GET": big])],
                             throttle: big, quota: QuotaSettings(limit: 1_000_000_000, period: "DAY"), tags: [QuotaRule.modeTag: "fast"])
        var account = Account()
        account.throttleSettings = ThrottleSettings(burstLimit: 1_000_000, rateLimit: 1e6)
        let snapshot = try SnapshotCompiler.compile(Snapshot(
            revision: 1, stages: [SnapshotStage(restApiId: "benchapi01", stage: stage, deployment: content)],
            apiKeys: [SnapshotApiKey(id: "key01", valueSHA256: Digest.sha256Hex(key.utf8), enabled: true)],
            usagePlans: [SnapshotUsagePlan(plan: plan, keyIds: ["key01"], strictQuota: false)], account: account, nodes: []))
        let limits = try NodeLimits(configuration: .init(nodeID: NodeID("bench"), clusterSecret: "bench"))
        limits.apply(snapshot)
        let request = HTTPRequest(head: HTTPRequestHead(method: .GET, target: "/v1/p",
                                                        headers: HTTPHeaders([("Host", "benchapi01.execute-api.localhost"), ("x-api-key", key)])))
        return (limits, snapshot, request)
    }
}
