import Testing
@testable import SnapshotBench
@testable import ControlPlane
import Shared

@Suite struct SnapshotBenchmarkTests {
    @Test func fixtureIsServableAndHasTheRequestedShape() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        #expect(try SnapshotBenchmark.fill(store, apis: 3, resources: 20, now: 1_700_000_000) == 3)
        let encoded = try SnapshotBuilder.buildEncoded(store, now: 1_700_000_000)
        let snapshot = try SnapshotCodec.decode(encoded.bytes)
        #expect(snapshot.stages.count == 3)
        for stage in snapshot.stages {
            let methods = stage.deployment.resources.compactMap { $0.resourceMethods?["GET"] }
            #expect(stage.deployment.resources.count == 21 && methods.count == 20)
            #expect(methods.allSatisfy { $0.methodIntegration?.type == "HTTP_PROXY" })
            #expect(AdminAPI.compilerDeploymentCheck(stage.deployment) == nil)
        }
        let compiled = try SnapshotCompiler.compile(snapshot)
        guard case .found(let stage) = compiled.lookup(restApiId: snapshot.stages[0].restApiId[...], stage: "prod") else {
            Issue.record("stage not compiled")
            return
        }
        #expect(stage.routes.count == 20)
        #expect(stage.route(method: "GET", path: "/r0/42")?.route.pathParameterNames == ["id"])
    }

    @Test(arguments: [
        ([], true), (["--apis", "10", "--resources", "4", "--runs", "1"], true),
        (["--apis"], false), (["--apis", "0"], false), (["--bogus", "1"], false), (["--runs", "x"], false),
    ] as [([String], Bool)])
    func parsesOnlyPositiveCountsOfKnownFlags(_ arguments: [String], _ valid: Bool) {
        #expect((SnapshotBenchmark.parse(arguments) != nil) == valid)
    }
}
