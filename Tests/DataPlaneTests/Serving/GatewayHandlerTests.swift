import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// An invoker that holds every call until `release` answers it.
private final class HeldInvoker: IntegrationInvoker {
    private let held = Mutex<[@Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void]>([])
    var count: Int { held.withLock { $0.count } }

    func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
        held.withLock { $0.append(completion) }
    }

    func release(_ response: UpstreamResponse) {
        for completion in held.withLock({ list in defer { list.removeAll() }; return list }) { completion(.success(response)) }
    }
}

@Suite(.timeLimit(.minutes(1))) struct GatewayHandlerTests {
    typealias F = PipelineFixtures

    /// Snapshot A serves `GET /prod/held` through HTTP_PROXY; snapshot B has no API at all.
    static func snapshotA() throws -> CompiledSnapshot {
        try F.snapshot(F.content([("/held", ["GET": F.method("GET", F.proxyIntegration("http://backend:8080/held"))])]))
    }

    static func snapshotB() throws -> CompiledSnapshot {
        try SnapshotCompiler.compile(Snapshot(revision: 43, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: []))
    }

    /// Runs the handler on `loop` as the server would and returns the response.
    static func send(_ request: HTTPRequest, to handler: GatewayHandler, on loop: EventLoop) async -> HTTPResponse {
        await withCheckedContinuation { continuation in
            loop.execute {
                let context = HTTPRequestContext(remoteAddress: "127.0.0.1", remotePort: 40000, localPort: 8080, eventLoop: loop,
                                                 receivedAtNanos: 0)
                handler.handle(request, context: context, responder: HTTPResponder { continuation.resume(returning: $0) })
            }
        }
    }

    @Test func answers503UntilTheFirstSnapshotIsLoaded() async {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(), invoker: RecordingInvoker())
        let handler = GatewayHandler(slots: ServingSlots(loops: group.loops), bootstrap: pipeline)
        let health = await Self.send(F.request("GET", "/_tollgate/health", host: "localhost"), to: handler, on: group.loops[0])
        #expect(health.status == 503)
        let api = await Self.send(F.request("GET", "/prod/held"), to: handler, on: group.loops[0])
        #expect(api.status == 503)
    }

    @Test func inFlightRequestFinishesOnTheSnapshotItStartedWith() async throws {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let invoker = HeldInvoker()
        let slots = ServingSlots(loops: group.loops)
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(), invoker: invoker)
        slots.publishAndWait(ServingConfiguration(snapshot: try Self.snapshotA(), pipeline: pipeline))
        let handler = GatewayHandler(slots: slots, bootstrap: pipeline)

        async let inFlight = Self.send(F.request("GET", "/prod/held"), to: handler, on: loop)
        let deadline = ContinuousClock.now + .seconds(5)
        while invoker.count == 0, ContinuousClock.now < deadline { await Task.yield() }
        #expect(invoker.count == 1)

        // Snapshot B (no API) goes live on the loop while the request waits for its upstream.
        slots.publishAndWait(ServingConfiguration(snapshot: try Self.snapshotB(), pipeline: pipeline))
        let after = await Self.send(F.request("GET", "/prod/held"), to: handler, on: loop)
        #expect(after.status == 404, "new requests see snapshot B")

        invoker.release(UpstreamResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array("from A".utf8)))
        let finished = await inFlight
        #expect(finished.status == 200, "the request started on A is answered by A's route")
        #expect(finished.body == Array("from A".utf8))
        let health = await Self.send(F.request("GET", "/_tollgate/health"), to: handler, on: loop)
        #expect(String(decoding: health.body, as: UTF8.self) == #"{"status":"ok","revision":43}"#)
    }
}
