import Foundation
import Synchronization
import Testing
@testable import ControlPlane
import Shared

/// The snapshot endpoint's answers when the store under it fails.
@Suite(.timeLimit(.minutes(1))) struct ControlPlaneHandlerTests {
    /// A snapshot that cannot be built (here: a table gone from the database) is a generic 500 for the
    /// node; SQLite's text stays in the control plane's log, next to the request id.
    @Test func aStoreFailureBehindASnapshotPollIsAGeneric500WithTheDetailLogged() async throws {
        let directory = NSTemporaryDirectory() + "tollgate-cp-handler-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = Mutex<[String]>([])
        var configuration = ControlPlaneService.Configuration(
            dataDirectory: directory, adminAccessKeyId: ControlPlaneServiceTests.credentials.accessKeyId,
            adminSecretAccessKey: ControlPlaneServiceTests.credentials.secretAccessKey,
            clusterSecret: ControlPlaneServiceTests.clusterSecret)
        configuration.log = .messages { line in lines.withLock { $0.append(line) } }
        let service = try ControlPlaneService(configuration: configuration)
        let port = try service.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)

        // Break the database under the running service: the snapshot builder reads api_keys.
        let database = try SQLiteDatabase(path: directory + "/" + ConfigStore.fileName, create: false)
        try database.execute("DROP TABLE usage_plan_keys; DROP TABLE api_keys")

        let response = try await client.execute(HTTPClientRequest(
            host: "127.0.0.1", port: port, method: .GET, target: "/_tollgate/v1/snapshot?wait=0&node=n1",
            headers: ["Host": "127.0.0.1:\(port)", "Authorization": "Bearer \(ControlPlaneServiceTests.clusterSecret)"],
            connectTimeout: .seconds(5), responseTimeout: .seconds(10)))
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 500)
        #expect(!body.contains("api_keys") && !body.lowercased().contains("sqlite") && !body.contains(directory), "\(body)")
        let requestId = try #require(response.headers["x-amzn-RequestId"])
        let logged = lines.withLock { $0 }.filter { $0.contains(requestId) }
        #expect(logged.count == 1)
        #expect(logged.first?.contains("api_keys") == true, "\(logged)")

        await service.shutdown(gracePeriod: .seconds(1))
        await client.shutdown()
        group.shutdown()
    }
}
