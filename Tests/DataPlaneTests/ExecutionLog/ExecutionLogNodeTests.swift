import Foundation
import Testing
@testable import DataPlane
@testable import Shared

/// Execution logs through a running node: `prod` logs every request at INFO, `dev` only failed
/// ones at ERROR, each to `{--access-log-dir}/API-Gateway-Execution-Logs_{apiId}/{stage}.log`;
/// a stage with logging OFF carries no filter.
@Suite(.timeLimit(.minutes(1))) struct ExecutionLogNodeTests {
    /// `AccessLogNodeTests`' API (`GET /which` MOCK, `GET /locked` refused 401), with method
    /// settings `*/*` INFO on prod and ERROR on dev, and no access logs.
    static func snapshot() -> Snapshot {
        var snapshot = AccessLogNodeTests.snapshot()
        for index in snapshot.stages.indices {
            snapshot.stages[index].stage.accessLogSettings = nil
            var setting = MethodSetting()
            setting.loggingLevel = snapshot.stages[index].stage.stageName == "prod" ? "INFO" : "ERROR"
            snapshot.stages[index].stage.methodSettings = ["*/*": setting]
        }
        var off = snapshot.stages[0]
        off.stage.stageName = "quiet"
        off.stage.methodSettings = ["*/*": MethodSetting()]
        snapshot.stages.append(off)
        return snapshot
    }

    @Test func infoLogsEveryRequestAndErrorOnlyTheFailedOnes() async throws {
        let controlPlane = try FakeControlPlane()
        controlPlane.publish(SnapshotCodec.encode(Self.snapshot()), revision: 1)
        let directory = SyncFixtures.temporaryDirectory()
        let logDirectory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory); SyncFixtures.remove(logDirectory) }
        var configuration = DataPlaneNodeTests.configuration(controlPlanePort: controlPlane.port, directory: directory, logs: LogLines())
        configuration.accessLogDirectory = logDirectory
        let node = try DataPlaneNode(configuration: configuration)
        let port = try node.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let host = "\(SyncFixtures.apiId).execute-api.localhost"

        let ready = await DataPlaneNodeTests.eventually {
            (try? await DataPlaneNodeTests.get(client, port: port, "/quiet/which", host: host))?.status == 200
        }
        #expect(ready)
        let served = try await DataPlaneNodeTests.get(client, port: port, "/prod/which", host: host)
        let refused = try await DataPlaneNodeTests.get(client, port: port, "/prod/locked", host: host)
        let devServed = try await DataPlaneNodeTests.get(client, port: port, "/dev/which", host: host)
        let devRefused = try await DataPlaneNodeTests.get(client, port: port, "/dev/locked", host: host)
        let statuses: [Int] = [served.status, refused.status, devServed.status, devRefused.status]
        #expect(statuses == [200, 401, 200, 401])
        let group_ = logDirectory + "/API-Gateway-Execution-Logs_\(SyncFixtures.apiId)"
        let lines = { (stage: String) in
            (FileManager.default.contents(atPath: "\(group_)/\(stage).log").map { String(decoding: $0, as: UTF8.self) } ?? "")
                .split(separator: "\n").map(String.init)
        }
        let written = await DataPlaneNodeTests.eventually(.seconds(10)) { lines("prod").count >= 15 && lines("dev").count >= 2 }
        #expect(written)
        await node.shutdown()
        await client.shutdown()
        group.shutdown()
        await controlPlane.stop()

        let id = { (response: HTTPResponse) in response.headers["x-amzn-RequestId"] ?? "?" }
        let prod = lines("prod")
        #expect(prod.count == 15, "\(prod)")  // 8 lines for the MOCK, 7 for the refusal (no integration call)
        #expect(prod.contains { $0.hasSuffix("(\(id(served))) HTTP Method: GET, Resource Path: /which") })
        #expect(prod.contains { $0.hasSuffix("(\(id(served))) Method completed with status: 200") })
        #expect(prod.contains { $0.hasSuffix("(\(id(refused))) Method completed with status: 401") })
        #expect(prod.contains { $0.contains("(\(id(refused))) Execution failed: UNAUTHORIZED: ") })
        let dev = lines("dev")
        #expect(dev.count == 2, "\(dev)")
        #expect(dev.allSatisfy { $0.contains("(\(id(devRefused))) ") })
        #expect(dev.last?.hasSuffix("Method completed with status: 401") == true)
        #expect(!FileManager.default.fileExists(atPath: "\(group_)/quiet.log"))
        #expect(node.accessLogs.droppedLines == 0)
    }
}
