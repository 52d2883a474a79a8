import Foundation
import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Traces through a running node: `prod` has `tracingEnabled`, `dev` not. One local server is
/// both the HTTP_PROXY backend (it records the trace headers it gets) and the OTLP collector.
@Suite(.timeLimit(.minutes(1))) struct TracingNodeTests {
    /// Records every request and answers 200.
    final class RecordingServer: Sendable {
        private let requests = Mutex<[HTTPRequest]>([])
        private let group = EventLoopGroup(threads: 1)
        private let server: HTTPServer
        let port: Int

        init() throws {
            let handler = Handler()
            server = HTTPServer(configuration: .init(), group: group, handler: handler)
            port = try server.start()
            handler.owner.withLock { $0 = self }
        }

        var received: [HTTPRequest] { requests.withLock { $0 } }
        func record(_ request: HTTPRequest) { requests.withLock { $0.append(request) } }

        func stop() async {
            await server.shutdown(gracePeriod: .milliseconds(100))
            group.shutdown()
        }

        private final class Handler: HTTPServerHandler {
            let owner = Mutex<RecordingServer?>(nil)
            func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
                owner.withLock { $0 }?.record(request)
                responder.respond(HTTPResponse(status: 200, body: Array("ok".utf8)))
            }
        }
    }

    static func snapshot(backendPort: Int) -> Snapshot {
        var snapshot = SyncFixtures.snapshot(revision: 1)
        var entry = snapshot.stages[0]
        var up = Resource(id: "up00000001", parentId: "root000001", pathPart: "up", path: "/up")
        up.resourceMethods = ["GET": Method(httpMethod: "GET", authorizationType: "NONE",
                                            methodIntegration: Integration(type: "HTTP_PROXY", httpMethod: "GET",
                                                                           uri: "http://127.0.0.1:\(backendPort)/backend"))]
        entry.deployment.resources.append(up)
        var dev = entry
        dev.stage.stageName = "dev"
        entry.stage.tracingEnabled = true
        snapshot.stages = [entry, dev]
        return snapshot
    }

    @Test func tracedStagesExportSpansAndTraceHeadersReachTheBackend() async throws {
        let recorder = try RecordingServer()
        let controlPlane = try FakeControlPlane()
        controlPlane.publish(SnapshotCodec.encode(Self.snapshot(backendPort: recorder.port)), revision: 1)
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        var configuration = DataPlaneNodeTests.configuration(controlPlanePort: controlPlane.port, directory: directory, logs: LogLines())
        configuration.otlpEndpoint = LambdaEndpoint(url: "http://127.0.0.1:\(recorder.port)/v1/traces")
        configuration.traceExportInterval = .milliseconds(50)
        let node = try DataPlaneNode(configuration: configuration)
        let port = try node.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let host = "\(SyncFixtures.apiId).execute-api.localhost"
        func get(_ target: String, _ headers: [(String, String)] = []) async throws -> HTTPResponse {
            var all = HTTPHeaders([("Host", host)])
            for (name, value) in headers { all.add(name, value) }
            return try await client.execute(HTTPClientRequest(host: "127.0.0.1", port: port, target: target, headers: all,
                                                              connectTimeout: .seconds(2), responseTimeout: .seconds(5)))
        }

        let ready = await DataPlaneNodeTests.eventually { (try? await get("/dev/which"))?.status == 200 }
        #expect(ready)
        let traced = try await get("/prod/up")
        let w3c = try await get("/dev/up", [("traceparent", TraceContextTests.valid), ("tracestate", "congo=t61rcWkgMzE")])
        let plain = try await get("/dev/up")
        let statuses: [Int] = [traced.status, w3c.status, plain.status]
        #expect(statuses == [200, 200, 200])
        let exported = await DataPlaneNodeTests.eventually(.seconds(10)) {
            recorder.received.contains { $0.head.path == "/v1/traces" }
        }
        #expect(exported)
        await node.shutdown()
        await client.shutdown()
        group.shutdown()
        await controlPlane.stop()
        await recorder.stop()

        let backend = recorder.received.filter { $0.head.path == "/backend" }
        try #require(backend.count == 3)
        // The traced stage creates a traceparent for the trace its X-Ray header names.
        let tracedContext = TraceContext(RequestIdentifiers(requestId: traced.headers["x-amzn-RequestId"] ?? "",
                                                            extendedRequestId: "", traceId: traced.headers["X-Amzn-Trace-Id"] ?? ""))
        #expect(backend[0].headers.values("traceparent") == [tracedContext.traceparent])
        // A client's traceparent continues its trace with the gateway as the new parent; its
        // tracestate goes on; the X-Ray header names the same trace.
        #expect(backend[1].headers.values("traceparent").count == 1)
        let sent = try #require(backend[1].headers["traceparent"])
        #expect(sent.hasPrefix("00-0af7651916cd43dd8448eb211c80319c-") && !sent.contains("b7ad6b7169203331") && sent.hasSuffix("-01"))
        #expect(backend[1].headers["tracestate"] == "congo=t61rcWkgMzE")
        #expect(backend[1].headers["X-Amzn-Trace-Id"] == "Root=1-0af76519-16cd43dd8448eb211c80319c;Parent=b7ad6b7169203331;Sampled=1")
        // Neither: only X-Ray's header, as AWS sends.
        #expect(backend[2].headers["traceparent"] == nil)
        #expect(backend[2].headers["X-Amzn-Trace-Id"] != nil)

        // The traced stage's request only: its span and the HTTP integration's child, in OTLP/HTTP JSON.
        let documents = try recorder.received.filter { $0.head.path == "/v1/traces" }.map { try JSONParser.parse($0.body) }
        let spans = documents.flatMap { document -> [JSONValue] in
            guard case .array(let resources)? = document["resourceSpans"] else { return [] }
            return resources.flatMap { resource -> [JSONValue] in
                guard case .array(let scopes)? = resource["scopeSpans"] else { return [] }
                return scopes.flatMap { scope -> [JSONValue] in
                    guard case .array(let spans)? = scope["spans"] else { return [] }
                    return spans
                }
            }
        }
        try #require(spans.count == 2)
        #expect(spans[0]["traceId"] == .string(tracedContext.traceId))
        #expect(spans[0]["spanId"] == .string(tracedContext.spanId))
        #expect(spans[0]["name"] == .string("sync/prod"))  // SyncFixtures' API is named "sync"
        #expect(spans[0]["kind"] == .number(2))
        // The integration's span: a CLIENT child of the request's, inside it in time.
        #expect(spans[1]["traceId"] == .string(tracedContext.traceId))
        #expect(spans[1]["parentSpanId"] == .string(tracedContext.spanId))
        #expect(spans[1]["spanId"] != spans[0]["spanId"])
        #expect(spans[1]["kind"] == .number(3))
        #expect(spans[1]["name"].map { "\($0)".contains("Integration") } == true, "\(spans[1])")
        func nanos(_ span: JSONValue, _ key: String) -> UInt64? {
            if case .string(let text)? = span[key] { return UInt64(text) }
            return nil
        }
        let (start, end) = (try #require(nanos(spans[0], "startTimeUnixNano")), try #require(nanos(spans[0], "endTimeUnixNano")))
        let (childStart, childEnd) = (try #require(nanos(spans[1], "startTimeUnixNano")), try #require(nanos(spans[1], "endTimeUnixNano")))
        #expect(start <= childStart && childStart <= childEnd && childEnd <= end, "\(start) \(childStart) \(childEnd) \(end)")
        #expect(recorder.received.first { $0.head.path == "/v1/traces" }?.headers["Content-Type"] == "application/json")
        #expect(node.traces.droppedSpans == 0 && node.traces.failedSpans == 0 && node.traces.exportedSpans == 2)
    }
}
