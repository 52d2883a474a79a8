import Foundation
import Testing
@testable import ControlPlane
import Shared

/// The control plane's `/_tollgate/health` (readiness = the database takes a write) and
/// `/_tollgate/metrics`, over HTTP on a running service.
@Suite(.timeLimit(.minutes(1))) struct ControlPlaneHandlerHealthTests {
    typealias Harness = ControlPlaneServiceTests.Harness

    static func get(_ harness: Harness, _ target: String) async throws -> HTTPResponse {
        try await harness.client.execute(HTTPClientRequest(
            host: "127.0.0.1", port: harness.port, method: .GET, target: target, headers: ["Host": "127.0.0.1:\(harness.port)"],
            connectTimeout: .seconds(5), responseTimeout: .seconds(20)))
    }

    @Test func healthIsReadyWhileTheDatabaseTakesWritesAndNotWhileAnotherWriterHoldsIt() async throws {
        let harness = try Harness()
        let ready = try await Self.get(harness, "/_tollgate/health")
        #expect(ready.status == 200)
        let body = try JSONParser.parse(ready.body)
        #expect(body["status"] == .string("ok"))
        #expect(body["database"] == .string("writable"))

        // Another connection holds the write lock: BEGIN IMMEDIATE waits out the busy timeout (5 s)
        // and fails, so the control plane is not ready. Reads alone would still succeed.
        let other = try SQLiteDatabase(path: harness.directory + "/" + ConfigStore.fileName, create: false)
        try other.execute("BEGIN IMMEDIATE")
        let blocked = try await Self.get(harness, "/_tollgate/health")
        #expect(blocked.status == 503)
        #expect(String(decoding: blocked.body, as: UTF8.self) == #"{"status":"unavailable","database":"not writable"}"#)
        try other.execute("ROLLBACK")
        other.close()

        // The check wrote nothing: the revision did not move.
        #expect(try await Self.get(harness, "/_tollgate/health").status == 200)
        #expect(try harness.service.store.revision() == (try JSONParser.parse(ready.body))["revision"].flatMap {
            if case .number(let value) = $0 { return Int64(value) } else { return nil }
        })
        await harness.stop()
    }

    @Test func metricsCountAdminCallsByOperationAndStatus() async throws {
        let harness = try Harness()
        _ = try await harness.admin.call(.POST, "/restapis", json: ["name": "counted"])
        _ = try await harness.admin.call(.GET, "/restapis")
        _ = try await harness.admin.call(.GET, "/restapis")
        _ = try? await harness.admin.call(.GET, "/restapis/nosuchapi")
        // Unsigned: refused before routing.
        let refused = try await Self.get(harness, "/restapis").status
        #expect(refused == 403 || refused == 400)

        let scrape = try await Self.get(harness, "/_tollgate/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.headers["Content-Type"] == PrometheusExposition.contentType)
        let text = String(decoding: scrape.body, as: UTF8.self)
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"tollgate_control_plane_admin_requests_total{operation="CreateRestApi",status="201"} 1"#), "\(text)")
        #expect(lines.contains(#"tollgate_control_plane_admin_requests_total{operation="GetRestApis",status="200"} 2"#))
        #expect(lines.contains(#"tollgate_control_plane_admin_requests_total{operation="GetRestApi",status="404"} 1"#))
        #expect(lines.contains(#"tollgate_control_plane_admin_requests_total{operation="unauthenticated",status="\#(refused)"} 1"#))
        #expect(lines.contains("tollgate_control_plane_parked_polls 0"))
        #expect(lines.contains(#"tollgate_control_plane_nodes{state="live"} 0"#))
        // One write transaction at least: the CreateRestApi commit.
        #expect(lines.contains { $0.hasPrefix("tollgate_control_plane_sqlite_commit_seconds_count ") && $0 != "tollgate_control_plane_sqlite_commit_seconds_count 0" })
        // Every loop of the server has a busy-time series; the loops that answered these calls worked.
        let busy = lines.filter { $0.hasPrefix("tollgate_event_loop_busy_seconds_total{loop=") }
        #expect(busy.count == harness.service.configuration.threads, "\(text)")
        #expect(busy.contains { Double($0.split(separator: " ").last ?? "") ?? 0 > 0 }, "\(busy)")
        if let result = try Promtool.check(text) {
            #expect(result.status == 0, "promtool: \(result.output)")
        }
        await harness.stop()
    }
}
