import Synchronization
@testable import DataPlane
@testable import Shared

/// One API (`/open` GET without a key, `/keyed` GET and POST with one), API keys in and out of a
/// usage plan, and a node whose clock the test moves by hand.
enum LimitsFixtures {
    typealias F = PipelineFixtures
    static let goodKey = "good-key-value-0123456789"
    static let disabledKey = "disabled-key-value-0123456789"
    static let orphanKey = "orphan-key-value-0123456789"
    static let otherStageKey = "other-stage-key-value-01234"
    /// Monday 2024-02-26T10:00Z.
    static let epochMillis: Int64 = 1_708_941_600_000

    static var content: DeploymentContent {
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "ok"])])
        return F.content([
            ("/open", ["GET": F.method("GET", mock)]),
            ("/keyed", ["GET": F.method("GET", mock, apiKeyRequired: true), "POST": F.method("POST", mock, apiKeyRequired: true)]),
        ])
    }

    static func setting(rate: Double, burst: Int) -> MethodSetting {
        var setting = MethodSetting()
        setting.throttlingRateLimit = rate
        setting.throttlingBurstLimit = burst
        return setting
    }

    /// The snapshot: `methodSettings` on stage prod, plan "plan1" on prod with the given throttles
    /// and quota, plan "plan2" on stage dev only.
    static func snapshot(revision: Int64 = 1, deploymentId: String = "dep1", methodSettings: [String: MethodSetting] = [:],
                         account: ThrottleSettings = ThrottleSettings(burstLimit: 5000, rateLimit: 10000),
                         planThrottle: ThrottleSettings? = nil, planMethodThrottles: [String: ThrottleSettings]? = nil,
                         quota: QuotaSettings? = nil, planTags: [String: String]? = nil, mintAuthority: ReplicaID? = nil) throws -> CompiledSnapshot {
        let prod = Stage(deploymentId: deploymentId, stageName: "prod", methodSettings: methodSettings, createdDate: 0, lastUpdatedDate: 0)
        let dev = Stage(deploymentId: deploymentId, stageName: "dev", createdDate: 0, lastUpdatedDate: 0)
        let keys = [("k-good", goodKey, true), ("k-disabled", disabledKey, false), ("k-orphan", orphanKey, true), ("k-other", otherStageKey, true)]
            .map { SnapshotApiKey(id: $0.0, valueSHA256: Digest.sha256Hex($0.1.utf8), enabled: $0.2) }
        let plan1 = UsagePlan(id: "plan1", name: "gold", apiStages: [ApiStage(apiId: F.apiId, stage: "prod", throttle: planMethodThrottles)],
                              throttle: planThrottle, quota: quota, tags: planTags)
        let plan2 = UsagePlan(id: "plan2", name: "dev", apiStages: [ApiStage(apiId: F.apiId, stage: "dev")])
        let gossip = mintAuthority.map { SnapshotGossip(nodeId: "control-plane", address: "127.0.0.1:9", mintAuthority: $0.description) }
        var accountModel = Account()
        accountModel.throttleSettings = account
        return try SnapshotCompiler.compile(Snapshot(
            revision: revision,
            stages: [SnapshotStage(restApiId: F.apiId, stage: prod, deployment: content),
                     SnapshotStage(restApiId: F.apiId, stage: dev, deployment: content)],
            apiKeys: keys,
            usagePlans: [SnapshotUsagePlan(plan: plan1, keyIds: ["k-good", "k-disabled"], strictQuota: QuotaRule.isStrict(tags: planTags)),
                         SnapshotUsagePlan(plan: plan2, keyIds: ["k-other"])],
            account: accountModel, nodes: [], gossip: gossip))
    }

    /// A clock frozen at Monday 10:00 UTC; `advance` moves both readings.
    final class ManualClock: Sendable {
        let nanos = Atomic<UInt64>(1_000_000_000)
        let millis = Atomic<Int64>(LimitsFixtures.epochMillis)
        func advance(_ duration: Duration) {
            nanos.add(duration.nanoseconds, ordering: .relaxed)
            millis.add(Int64(duration.nanoseconds / 1_000_000), ordering: .relaxed)
        }
        var clock: LimitsClock {
            LimitsClock(monotonicNanos: { self.nanos.load(ordering: .relaxed) }, epochMillis: { self.millis.load(ordering: .relaxed) })
        }
    }

    static func node(_ clock: ManualClock) throws -> NodeLimits {
        try NodeLimits(configuration: .init(nodeID: NodeID("node-1"), clusterSecret: "secret"), clock: clock.clock)
    }

    /// Runs one request through a pipeline with the node's filters (API key, limits).
    static func send(_ method: String, _ path: String, key: String? = nil, stage: String = "prod", limits: NodeLimits,
                     snapshot: CompiledSnapshot) -> HTTPResponse {
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker(),
                                       identifierSource: FixedIdentifiers(), clock: { F.now })
        let chains = pipeline.chains(for: snapshot, features: limits.filterFactories(for: snapshot))
        let box = ResponseBox()
        pipeline.handle(F.request(method, "/\(stage)\(path)", headers: key.map { [("x-api-key", $0)] } ?? []),
                        connection: F.connection, snapshot: snapshot, chains: chains) { box.put($0) }
        return box.responses.first ?? HTTPResponse(status: 0)
    }

    static func statuses(_ count: Int, _ method: String, _ path: String, key: String? = nil, limits: NodeLimits,
                         snapshot: CompiledSnapshot) -> [Int] {
        (0..<count).map { _ in send(method, path, key: key, limits: limits, snapshot: snapshot).status }
    }
}
