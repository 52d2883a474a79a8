import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// A stand-in control plane: serves whatever snapshot bytes it holds, 304 after a short hold when
/// the poller is current, and records every poll's query.
final class FakeControlPlane: Sendable {
    private let state = Mutex<(bytes: [UInt8], revision: Int64, queries: [String])>(([], 0, []))
    private let group = EventLoopGroup(threads: 1)
    private let server: HTTPServer
    let port: Int

    init() throws {
        let handler = Handler()
        server = HTTPServer(configuration: .init(), group: group, handler: handler)
        port = try server.start()
        handler.owner.withLock { $0 = self }
    }

    func publish(_ bytes: [UInt8], revision: Int64) { state.withLock { $0.bytes = bytes; $0.revision = revision } }
    var queries: [String] { state.withLock { $0.queries } }

    func stop() async {
        await server.shutdown(gracePeriod: .milliseconds(100))
        group.shutdown()
    }

    fileprivate func answer(_ request: HTTPRequest, loop: EventLoop, responder: HTTPResponder) {
        guard request.headers["Authorization"] == "Bearer test-secret" else { return responder.respond(HTTPResponse(status: 401)) }
        let query = String(request.head.query ?? "")
        let (bytes, revision) = state.withLock { state in
            state.queries.append(query)
            return (state.bytes, state.revision)
        }
        let after = query.split(separator: "&").first { $0.hasPrefix("after=") }.flatMap { Int64($0.dropFirst(6)) }
        if revision == 0 || after == revision {
            _ = loop.schedule(after: .milliseconds(20)) { responder.respond(HTTPResponse(status: 304)) }
            return
        }
        responder.respond(HTTPResponse(status: 200, headers: ["X-Tollgate-Revision": String(revision)], body: bytes))
    }

    private final class Handler: HTTPServerHandler {
        let owner = Mutex<FakeControlPlane?>(nil)
        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            owner.withLock { $0 }?.answer(request, loop: context.eventLoop, responder: responder)
        }
    }
}

/// A phase that answers every routed request with the revision it was built for.
private struct RevisionPhase: RequestFilter {
    let name = "revision"
    let revision: Int64
    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        .respond(HTTPResponse(status: 299, body: Array("phase for revision \(revision)".utf8)))
    }
}

@Suite(.timeLimit(.minutes(1))) struct DataPlaneNodeTests {
    static func configuration(controlPlanePort: Int, directory: String, logs: LogLines,
                              phases: @escaping @Sendable (CompiledSnapshot) -> [any RequestFilter] = { _ in [] },
                              hook: (@Sendable (Snapshot, CompiledSnapshot) -> Void)? = nil) -> DataPlaneNode.Configuration {
        DataPlaneNode.Configuration(
            controlPlane: HTTPEndpointAddress(host: "127.0.0.1", port: controlPlanePort), stateDirectory: directory, nodeId: "node-t",
            clusterSecret: "test-secret", gossipAddress: "127.0.0.1:7946", threads: 2,
            pollTiming: .init(backoffBase: .milliseconds(20), backoffCap: .milliseconds(100)),
            shutdownGracePeriod: .milliseconds(200), filterFactories: { EveryRoute.factories(phases($0)) }, onSnapshotApplied: hook, log: logs.processLog)
    }

    static func get(_ client: HTTPClient, port: Int, _ target: String, host: String = "127.0.0.1") async throws -> HTTPResponse {
        try await client.execute(HTTPClientRequest(host: "127.0.0.1", port: port, target: target, headers: ["Host": host],
                                                   connectTimeout: .seconds(2), responseTimeout: .seconds(5)))
    }

    /// The port of a control plane that was started and stopped: polls to it are refused.
    static func unreachableControlPlanePort() async throws -> Int {
        let controlPlane = try FakeControlPlane()
        let port = controlPlane.port
        await controlPlane.stop()
        return port
    }

    /// Polls `body` until it returns true, for at most `timeout`.
    /// 30 s: a bound on liveness, not a speed check (the full suite runs beside 3-node end-to-end
    /// tests that keep both cores busy; 5 s ran out there at `be8f80c`).
    static func eventually(_ timeout: Duration = .seconds(30), _ body: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await body() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func phasesAreBuiltForEachSnapshotAndTheHookSeesEveryApply() async throws {
        let controlPlane = try FakeControlPlane()
        controlPlane.publish(SyncFixtures.bytes(revision: 1), revision: 1)
        let directory = SyncFixtures.temporaryDirectory()
        let logs = LogLines()
        let hooked = Mutex<[Int64]>([])
        let node = try DataPlaneNode(configuration: Self.configuration(
            controlPlanePort: controlPlane.port, directory: directory, logs: logs,
            phases: { [RevisionPhase(revision: $0.revision)] }, hook: { snapshot, compiled in
                hooked.withLock { $0.append(snapshot.revision == compiled.revision ? compiled.revision : -1) }
            }))
        let port = try node.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let host = "\(SyncFixtures.apiId).execute-api.localhost"

        let first = await Self.eventually {
            (try? await Self.get(client, port: port, "/prod/which", host: host))?.body == Array("phase for revision 1".utf8)
        }
        #expect(first)
        controlPlane.publish(SyncFixtures.bytes(revision: 2, body: "v2"), revision: 2)
        let second = await Self.eventually {
            (try? await Self.get(client, port: port, "/prod/which", host: host))?.body == Array("phase for revision 2".utf8)
        }
        #expect(second)
        // The hook runs right after the snapshot is live on every loop.
        #expect(await Self.eventually { hooked.withLock { $0 } == [1, 2] })
        #expect(node.servingRevision == 2)

        // The next poll reports what was applied, with the node id and gossip address.
        let reported = await Self.eventually { controlPlane.queries.contains { $0.contains("applied=2") } }
        #expect(reported)
        #expect(controlPlane.queries.last?.contains("node=node-t") == true)
        #expect(controlPlane.queries.last?.contains("gossip=127.0.0.1%3A7946") == true)

        await node.shutdown()
        await client.shutdown()
        group.shutdown()
        await controlPlane.stop()
        SyncFixtures.remove(directory)
    }

    @Test func bootServesTheDiskCacheBeforeTheControlPlaneAnswers() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        try SnapshotDiskCache(directory: directory).write(SyncFixtures.bytes(revision: 5))
        // A control plane that is not there: polls fail and back off.
        let deadPort = try await Self.unreachableControlPlanePort()
        let logs = LogLines()
        let node = try DataPlaneNode(configuration: Self.configuration(controlPlanePort: deadPort, directory: directory, logs: logs))
        let port = try node.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)

        let health = try await Self.get(client, port: port, "/_tollgate/health")
        #expect(health.status == 200)
        // No poll was answered (the control plane is not there) and the snapshot carries no epoch.
        #expect(String(decoding: health.body, as: UTF8.self) == #"{"status":"ok","revision":5,"lastPollAgeSeconds":null}"#)
        let routed = try await Self.get(client, port: port, "/prod/which", host: "\(SyncFixtures.apiId).execute-api.localhost")
        #expect(routed.status == 200)
        #expect(routed.body == Array("v1".utf8))
        #expect(await Self.eventually { logs.all.contains { $0.hasPrefix("control plane unreachable") } })

        await node.shutdown()
        await client.shutdown()
        group.shutdown()
        SyncFixtures.remove(directory)
    }

    @Test func withoutCacheOrControlPlaneTheNodeAnswers503() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        let deadPort = try await Self.unreachableControlPlanePort()
        let logs = LogLines()
        let node = try DataPlaneNode(configuration: Self.configuration(controlPlanePort: deadPort, directory: directory, logs: logs))
        let port = try node.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        #expect(try await Self.get(client, port: port, "/_tollgate/health").status == 503)
        #expect(logs.all.first?.hasPrefix("no usable snapshot in ") == true)
        #expect(logs.records.first.map { ($0.component, $0.level) } ?? ("", .debug) == ("sync", .warn))
        await node.shutdown()
        await client.shutdown()
        group.shutdown()
        SyncFixtures.remove(directory)
    }

    @Test func aBodyOverTheLimitIsRefusedAsAPIGatewayDoesBeforeItIsRead() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        let deadPort = try await Self.unreachableControlPlanePort()
        let node = try DataPlaneNode(configuration: Self.configuration(controlPlanePort: deadPort, directory: directory, logs: LogLines()))
        let port = try node.start()
        // Only the head is sent: the refusal is decided from Content-Length.
        let head = "POST /prod/upload HTTP/1.1\r\nHost: \(SyncFixtures.apiId).execute-api.localhost\r\nContent-Length: \(RequestPipeline.maxPayloadBytes + 1)\r\n\r\n"
        let answer = try #require(RawExchange.send(Array(head.utf8), toPort: port))
        let response = try #require(RawExchange.response(answer))
        #expect(response.status == 413)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"Request Too Long"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "RequestTooLongException")
        #expect(response.headers["x-amzn-RequestId"] != nil && response.headers["Date"] != nil)
        #expect(response.headers["Connection"] == "close")
        await node.shutdown()
        SyncFixtures.remove(directory)
    }
    // MARK: - Snapshot size

    /// Snapshots are not API traffic: one over the 10 MiB payload cap is fetched, applied and served.
    @Test func aSnapshotOverTenMebibytesReachesTheNode() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        let controlPlane = try FakeControlPlane()
        let large = SyncFixtures.bytes(revision: 3, fillerKiB: 11 * 1024)
        #expect(large.count > 10 * 1024 * 1024)
        controlPlane.publish(large, revision: 3)
        let logs = LogLines()
        let node = try DataPlaneNode(configuration: Self.configuration(controlPlanePort: controlPlane.port, directory: directory, logs: logs))
        _ = try node.start()
        #expect(await Self.eventually(.seconds(20)) { node.servingRevision == 3 }, "\(logs.all)")
        #expect(!logs.all.contains { $0.hasPrefix("control plane unreachable") }, "\(logs.all)")
        // Persisted after it went live, whole.
        #expect(await Self.eventually { (try? SnapshotDiskCache(directory: directory).read()) == large })
        await node.shutdown()
        await controlPlane.stop()
        SyncFixtures.remove(directory)
    }

    /// Over the node's own limit (a control plane that ignores `limit=`): refused before the body
    /// is read, the old snapshot keeps serving, and the next poll reports it as the node's error.
    @Test func aSnapshotOverTheNodesLimitIsReportedAsItsError() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        try SnapshotDiskCache(directory: directory).write(SyncFixtures.bytes(revision: 5))
        let controlPlane = try FakeControlPlane()
        controlPlane.publish(SyncFixtures.bytes(revision: 6, body: String(repeating: "y", count: 100_000)), revision: 6)
        let logs = LogLines()
        var configuration = Self.configuration(controlPlanePort: controlPlane.port, directory: directory, logs: logs)
        configuration.maximumSnapshotBytes = 65_536
        let node = try DataPlaneNode(configuration: configuration)
        _ = try node.start()
        let reported = await Self.eventually {
            controlPlane.queries.contains { $0.contains("error=the%20snapshot%20is%20over%20this%20node%27s%20limit%20of%2065536%20bytes") }
        }
        #expect(reported, "\(controlPlane.queries.suffix(3))")
        #expect(controlPlane.queries.allSatisfy { $0.contains("limit=65536") })
        #expect(node.servingRevision == 5)
        #expect(logs.all.contains { $0.hasPrefix("rejected snapshot revision ? from control plane: the snapshot is over this node's limit") },
                "\(logs.all)")
        #expect(!logs.all.contains { $0.hasPrefix("control plane unreachable") }, "a refused snapshot is not an outage")
        await node.shutdown()
        await controlPlane.stop()
        SyncFixtures.remove(directory)
    }
}
