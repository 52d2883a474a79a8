import Testing
import Synchronization
@testable import DataPlane
@testable import Shared

/// The canary split in the pipeline: an injected draw picks the canary deployment per request,
/// which runs with its stage-variable overrides and `$context.isCanaryRequest` true.
@Suite struct RequestPipelineCanaryTests {
    typealias F = PipelineFixtures
    static let template = "$context.isCanaryRequest $context.deploymentId $stageVariables.who"

    static func content(_ body: String) -> DeploymentContent {
        F.content([("/mock", ["GET": F.method("GET", Integration(
            type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
            integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": body])]))])])
    }

    static func snapshot(percent: Double?) throws -> CompiledSnapshot {
        var stage = Stage(deploymentId: "main01", stageName: "prod", variables: ["who": "main", "keep": "k"], createdDate: 0, lastUpdatedDate: 0)
        if let percent {
            stage.canarySettings = CanarySettings(percentTraffic: percent, deploymentId: "cana01", stageVariableOverrides: ["who": "canary"],
                                                  useStageCache: false)
        }
        let entry = SnapshotStage(restApiId: F.apiId, stage: stage, deployment: content("main " + template),
                                  canaryDeployment: percent == nil ? nil : content("canary " + template))
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [entry], apiKeys: [], usagePlans: [], account: Account(), nodes: []))
    }

    /// Runs `count` requests with draws k/count (evenly spaced, deterministic); returns the bodies.
    static func bodies(_ snapshot: CompiledSnapshot, count: Int) -> [String] {
        let next = Mutex(0)
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker(),
                                       identifierSource: FixedIdentifiers(), clock: { F.now },
                                       canaryDraw: { next.withLock { value in defer { value += 1 }; return Double(value) / Double(count) } })
        let chains = pipeline.chains(for: snapshot, features: [])
        let box = ResponseBox()
        for _ in 0..<count {
            pipeline.handle(F.request("GET", "/prod/mock"), connection: F.connection, snapshot: snapshot, chains: chains) { box.put($0) }
        }
        return box.responses.map { String(decoding: $0.body, as: UTF8.self) }
    }

    @Test(arguments: [(10.0, 1_000, 100), (0.0, 200, 0), (100.0, 200, 200), (37.5, 800, 300)])
    func percentTrafficOfRequestsReachTheCanary(percent: Double, count: Int, canary: Int) throws {
        let bodies = Self.bodies(try Self.snapshot(percent: percent), count: count)
        #expect(bodies.count == count)
        #expect(bodies.filter { $0 == "canary true cana01 canary" }.count == canary)
        #expect(bodies.filter { $0 == "main false main01 main" }.count == count - canary)
    }

    /// AWS: "present only when you enabled a canary". Absent, it is an undefined reference, which
    /// the template engine renders as written (Velocity's rule for a reference with no value).
    @Test func stageWithoutCanaryHasNoIsCanaryRequest() throws {
        #expect(Self.bodies(try Self.snapshot(percent: nil), count: 3)
                == Array(repeating: "main $context.isCanaryRequest main01 main", count: 3))
    }
}
