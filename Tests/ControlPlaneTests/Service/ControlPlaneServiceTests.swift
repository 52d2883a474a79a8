import Foundation
import Synchronization
import Testing
@testable import ControlPlane
import Shared

/// The control-plane process in-process on 127.0.0.1:0: admin calls over SigV4 and snapshot long-polls.
@Suite(.timeLimit(.minutes(2))) struct ControlPlaneServiceTests {
    static let credentials = SigV4Credentials(accessKeyId: "AKIDSERVICETEST00001", secretAccessKey: "service-test-secret")
    static let clusterSecret = "service-test-cluster-secret"

    /// A running service plus clients; `stop()` shuts everything down and removes the data directory.
    struct Harness: Sendable {
        let service: ControlPlaneService
        let port: Int
        let group: EventLoopGroup
        let client: HTTPClient
        let admin: AdminClient
        let directory: String

        init(testInvoker: (any TestInvoker)? = nil) throws {
            directory = NSTemporaryDirectory() + "tollgate-cp-service-" + UUID().uuidString
            var configuration = ControlPlaneService.Configuration(
                dataDirectory: directory, adminAccessKeyId: ControlPlaneServiceTests.credentials.accessKeyId,
                adminSecretAccessKey: ControlPlaneServiceTests.credentials.secretAccessKey,
                clusterSecret: ControlPlaneServiceTests.clusterSecret)
            configuration.testInvoker = testInvoker
            service = try ControlPlaneService(configuration: configuration)
            port = try service.start()
            group = EventLoopGroup(threads: 1)
            client = HTTPClient(group: group)
            admin = AdminClient(endpoint: HTTPEndpointAddress(host: "127.0.0.1", port: port),
                                credentials: ControlPlaneServiceTests.credentials, client: client)
        }

        func poll(after: Int64?, wait: Double, secret: String = ControlPlaneServiceTests.clusterSecret, node: String = "n1") async throws -> HTTPResponse {
            var target = "/_tollgate/v1/snapshot?wait=\(wait)&node=\(node)"
            if let after { target += "&after=\(after)" }
            return try await client.execute(HTTPClientRequest(
                host: "127.0.0.1", port: port, method: .GET, target: target,
                headers: ["Host": "127.0.0.1:\(port)", "Authorization": "Bearer \(secret)"],
                connectTimeout: .seconds(5), responseTimeout: .seconds(30)))
        }

        func stop() async {
            await service.shutdown(gracePeriod: .seconds(1))
            await client.shutdown()
            group.shutdown()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func snapshotPollsNeedTheClusterSecret() async throws {
        let harness = try Harness()
        let response = try await harness.poll(after: nil, wait: 0, secret: "wrong")
        #expect(response.status == 401)
        await harness.stop()
    }

    @Test func everyAnswerCarriesADateHeader() async throws {
        let harness = try Harness()
        let refused = try await harness.poll(after: nil, wait: 0, secret: "wrong")
        let served = try await harness.poll(after: nil, wait: 0)
        for response in [refused, served] {
            let date = try #require(response.headers["Date"])
            #expect(date.hasSuffix(" GMT") && date.count == 29, "\(date)")
        }
        await harness.stop()
    }

    @Test func pollBehindTheRevisionGetsTheSnapshotAtOnce() async throws {
        let harness = try Harness()
        let response = try await harness.poll(after: nil, wait: 30)
        #expect(response.status == 200)
        let snapshot = try SnapshotCodec.decode(response.body)
        #expect(String(snapshot.revision) == response.headers["X-Tollgate-Revision"])
        #expect(snapshot.nodes.map(\.nodeId) == ["n1"])
        await harness.stop()
    }

    @Test func parkedPollTimesOutWith304() async throws {
        let harness = try Harness()
        let first = try await harness.poll(after: nil, wait: 0)
        let revision = try #require(first.headers["X-Tollgate-Revision"].flatMap { Int64($0) })
        let started = ContinuousClock.now
        let response = try await harness.poll(after: revision, wait: 0.3)
        #expect(response.status == 304)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        await harness.stop()
    }

    @Test func oneCommitWakesAHundredParkedPolls() async throws {
        let harness = try Harness()
        let first = try await harness.poll(after: nil, wait: 0)
        let revision = try #require(first.headers["X-Tollgate-Revision"].flatMap { Int64($0) })
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask { try await harness.poll(after: revision, wait: 20).status }
            }
            // Wait until all 100 are parked, then commit a change nodes can see (an API key).
            let deadline = ContinuousClock.now + .seconds(10)
            while harness.service.hub.parkedCount < 100, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(harness.service.hub.parkedCount == 100)
            _ = try await harness.admin.call(.POST, "/apikeys", json: ["name": "wake", "enabled": true])
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
        #expect(statuses == Array(repeating: 200, count: 100))
        await harness.stop()
    }

    @Test func adminCallsNeedASignature() async throws {
        let harness = try Harness()
        let unsigned = try await harness.client.execute(HTTPClientRequest(
            host: "127.0.0.1", port: harness.port, method: .GET, target: "/restapis",
            headers: ["Host": "127.0.0.1:\(harness.port)"], connectTimeout: .seconds(5), responseTimeout: .seconds(5)))
        #expect(unsigned.status == 403)
        #expect(unsigned.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")
        let created = try await harness.admin.call(.POST, "/restapis", json: ["name": "signed"])
        #expect((created["id"] as? String)?.count == 10)
        await harness.stop()
    }

    @Test func aBodyOverTenMiBGetsTheAdminAPIsJSONErrorNotPlainText() async throws {
        let harness = try Harness()
        // The engine refuses it from Content-Length, before SigV4 or the body; it lingers to read the rest.
        let response = try await harness.client.execute(HTTPClientRequest(
            host: "127.0.0.1", port: harness.port, method: .POST, target: "/restapis",
            headers: ["Host": "127.0.0.1:\(harness.port)", "Content-Type": "application/json"],
            body: [UInt8](repeating: 0x20, count: AdminAPI.maxBodyBytes + 1),
            connectTimeout: .seconds(5), responseTimeout: .seconds(30)))
        #expect(response.status == 413)
        #expect(response.headers["x-amzn-ErrorType"] == "RequestTooLongException")
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"Request Too Long"}"#)
        #expect(response.headers["x-amzn-RequestId"] != nil && response.headers["Date"] != nil)
        await harness.stop()
    }

    /// A test run whose result waits until `release()`: what a slow backend under test looks like.
    final class HeldInvoker: TestInvoker {
        private let held = Mutex<[@Sendable (TestInvokeResult) -> Void]>([])
        var waiting: Int { held.withLock { $0.count } }

        func prepareTestInvoke(_ request: TestInvokeRequest) throws(TestInvokeRefusal) -> TestInvokeRun {
            TestInvokeRun { [self] deliver in held.withLock { $0.append(deliver) } }
        }

        func release() {
            for deliver in held.withLock({ list in defer { list = [] }; return list }) {
                deliver(TestInvokeResult(status: 204, body: Array("held".utf8)))
            }
        }
    }

    /// TestInvokeMethod's run starts after its transaction and off the store queue: while it waits on
    /// its backend, other admin calls (reads and writes) are answered; then it answers from the run.
    @Test func aTestInvocationInFlightDoesNotHoldTheStoreQueue() async throws {
        let invoker = HeldInvoker()
        let harness = try Harness(testInvoker: invoker)
        let api = try await harness.admin.call(.POST, "/restapis", json: ["name": "held"])
        let apiId = api["id"] as! String
        let root = api["rootResourceId"] as! String
        _ = try await harness.admin.call(.PUT, "/restapis/\(apiId)/resources/\(root)/methods/GET", json: ["authorizationType": "NONE"])
        let admin = harness.admin
        let pending = Task { () async throws -> (status: Int?, body: String?) in
            let answer = try await admin.call(.POST, "/restapis/\(apiId)/resources/\(root)/methods/GET", json: [:])
            return (answer["status"] as? Int, answer["body"] as? String)
        }
        for _ in 0..<2000 where invoker.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        try #require(invoker.waiting == 1, "the test run did not start")
        // The run is parked; the store queue still answers a write and a read.
        _ = try await harness.admin.call(.POST, "/restapis", json: ["name": "meanwhile"])
        let listed = try await harness.admin.call(.GET, "/restapis")
        #expect((listed["item"] as? [[String: Any]])?.count == 2)
        invoker.release()
        let answered = try await pending.value
        #expect(answered.status == 204)
        #expect(answered.body == "held")
        await harness.stop()
    }
}
