import Foundation
import Synchronization
import Testing
@testable import ControlPlane
import Shared

/// Each admin call that saves config asks the compiler one question, so a deployment is compiled
/// once per call (CreateDeployment onto a stage included), and a mutating call hands back the
/// revision it committed.
@Suite struct AdminConfigChecksTests {
    /// How often each check was asked.
    final class Counts: Sendable {
        private let storage = Mutex<[String: Int]>([:])
        var value: [String: Int] { storage.withLock { $0 } }
        func note(_ name: String) { storage.withLock { $0[name, default: 0] += 1 } }
    }

    /// The compiler's checks, counted.
    static func counted(_ counts: Counts) -> AdminConfigChecks {
        AdminConfigChecks(
            deployment: { counts.note("deployment"); return AdminConfigChecks.compiler.deployment($0) },
            stage: { counts.note("stage"); return AdminConfigChecks.compiler.stage($0) },
            deploymentOnStage: { counts.note("deploymentOnStage"); return AdminConfigChecks.compiler.deploymentOnStage($0) })
    }

    private struct Fixture {
        let directory: TemporaryDirectory
        let store: ConfigStore
        let api: AdminAPI
        let counts = Counts()

        init(checks: AdminConfigChecks? = nil) throws {
            directory = try TemporaryDirectory()
            store = try ConfigStore(directory: directory.path)
            api = AdminAPI(store: store, configuration: .init(), clock: { 1_700_000_000 },
                           checks: checks ?? AdminConfigChecksTests.counted(counts), quota: nil, log: .discard, catalog: .standard)
        }

        func perform(_ method: String, _ target: String, _ body: [String: Any]? = nil) -> (outcome: AdminAPI.Outcome, json: [String: Any]) {
            let bytes = body.map { Array(try! JSONSerialization.data(withJSONObject: $0)) } ?? []
            let request = HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(method), target: target,
                                                            headers: ["Content-Type": "application/json"]), body: bytes)
            let outcome = api.perform(request, identity: "AKIDADMIN", requestId: "r")
            let json = (try? JSONSerialization.jsonObject(with: Data(outcome.response.body))) as? [String: Any] ?? [:]
            return (outcome, json)
        }

        /// A REST API with one MOCK `GET /`; returns its id.
        func api(integration: [String: Any] = ["type": "MOCK"]) -> String {
            let created = perform("POST", "/restapis", ["name": "p"]).json
            let id = created["id"] as! String, root = created["rootResourceId"] as! String
            precondition(perform("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "NONE"]).outcome.response.status == 201)
            precondition(perform("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration", integration).outcome.response.status == 201)
            return id
        }

        func remove() { directory.remove() }
    }

    @Test func createDeploymentOntoAStageAsksOneCompile() throws {
        let f = try Fixture()
        defer { f.remove() }
        let id = f.api()
        #expect(f.perform("POST", "/restapis/\(id)/deployments", ["stageName": "prod"]).outcome.response.status == 201)
        #expect(f.counts.value == ["deploymentOnStage": 1])
    }

    @Test func createDeploymentWithoutAStageAndCreateStageAskOneCompileEach() throws {
        let f = try Fixture()
        defer { f.remove() }
        let id = f.api()
        let deployment = f.perform("POST", "/restapis/\(id)/deployments").json["id"] as? String ?? ""
        #expect(f.counts.value == ["deployment": 1])
        #expect(f.perform("POST", "/restapis/\(id)/stages", ["stageName": "dev", "deploymentId": deployment]).outcome.response.status == 201)
        #expect(f.counts.value == ["deployment": 1, "stage": 1])
    }

    /// Checks given one by one (as tests inject them) still run in turn, and a refusal by the stage's
    /// check leaves the audit row naming the deployment id, as when the stage was checked after the
    /// deployment was stored; a refusal of the definition names none.
    @Test(arguments: [(nil, "the stage says no", true), ("the definition says no", nil, false)] as [(String?, String?, Bool)])
    func refusalsOntoAStageKeepTheirMessageAndAuditTargets(definition: String?, stage: String?, namesDeployment: Bool) throws {
        let f = try Fixture(checks: AdminConfigChecks(deployment: { _ in definition }, stage: { _ in stage }))
        defer { f.remove() }
        let id = f.api()
        let refused = f.perform("POST", "/restapis/\(id)/deployments", ["stageName": "prod"])
        #expect(refused.outcome.response.status == 400)
        #expect(refused.json["message"] as? String == definition ?? stage)
        #expect(try f.store.read { try $0.deployments(restApiId: id) }.isEmpty)
        let row = try #require(try f.store.read { try $0.audit(since: 0, limit: 100) }.last)
        #expect(row.operation == "CreateDeployment" && row.status == 400)
        #expect(row.targets.count == (namesDeployment ? 2 : 1), "\(row.targets)")
        #expect(row.targets.first == id)
    }

    @Test func mutatingCallsHandBackTheRevisionTheyCommitted() throws {
        let f = try Fixture()
        defer { f.remove() }
        let id = f.api()
        let before = try f.store.revision()
        let deployed = f.perform("POST", "/restapis/\(id)/deployments", ["stageName": "prod"]).outcome
        #expect(deployed.committedRevision == (try f.store.revision()))
        #expect(deployed.committedRevision.map { $0 > before } == true)
        // A failed mutating call commits its audit row: the revision it reports is the store's.
        let failed = f.perform("POST", "/restapis/nope/deployments", ["stageName": "prod"]).outcome
        #expect(failed.response.status == 404)
        #expect(failed.committedRevision == (try f.store.revision()))
        // Reads and requests that reach no operation write nothing.
        #expect(f.perform("GET", "/restapis/\(id)/stages/prod").outcome.committedRevision == nil)
        #expect(f.perform("POST", "/nothing").outcome.committedRevision == nil)
    }

    @Test func commitReturnsTheRevisionItsTransactionLeft() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let start = try store.revision()
        let bumped = try store.commit { tx in try tx.bumpRevision() + 100 }
        #expect(bumped.value == start + 101)
        #expect(bumped.revision == start + 1)
        #expect(try store.commit { _ in "unchanged" }.revision == start + 1)
    }
}
