import Foundation
import Synchronization
import Testing
@testable import DataPlane
@testable import Shared
import TestSupport

/// `/_tollgate/metrics` and `/_tollgate/health` of a real node serving a snapshot from its disk
/// cache (the control plane is not there), after a known sequence of requests.
@Suite(.timeLimit(.minutes(1))) struct NodeMetricsTests {
    static let apiId = "metricsapi1"

    /// `/ok` (MOCK 200, detailed metrics on), `/cached` (MOCK 200 through the stage cache),
    /// `/keyed` (API key required: 403 without one), `/down` (HTTP_PROXY to a closed port: 504),
    /// `/throttled` (method throttle 0/0: 429), all on stage `prod` of API `shop`.
    static func snapshot(deadPort: Int) -> Snapshot {
        func mock(apiKeyRequired: Bool = false) -> Method {
            Method(httpMethod: "GET", apiKeyRequired: apiKeyRequired, methodResponses: ["200": MethodResponse(statusCode: "200")],
                   methodIntegration: Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                                  integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: [
                                                      "application/json": #"{"ok":true}"#])]))
        }
        func resource(_ name: String, _ method: Method) -> Resource {
            var resource = Resource(id: "\(name)00001", parentId: "root000001", pathPart: name, path: "/\(name)")
            resource.resourceMethods = ["GET": method]
            return resource
        }
        let down = Method(httpMethod: "GET", methodIntegration: Integration(type: "HTTP_PROXY", httpMethod: "GET",
                                                                          uri: "http://127.0.0.1:\(deadPort)/down", timeoutInMillis: 2000))
        let content = DeploymentContent(api: RestApi(id: apiId, name: "shop", createdDate: 0, rootResourceId: "root000001"),
                                        resources: [Resource(id: "root000001", path: "/"), resource("ok", mock()), resource("cached", mock()),
                                                    resource("keyed", mock(apiKeyRequired: true)), resource("down", down),
                                                    resource("throttled", mock())])
        var detailed = MethodSetting()
        detailed.metricsEnabled = true
        var cached = MethodSetting()
        cached.cachingEnabled = true
        var throttled = MethodSetting()
        throttled.throttlingBurstLimit = 0
        throttled.throttlingRateLimit = 0
        let stage = Stage(deploymentId: "dep1", stageName: "prod", cacheClusterEnabled: true, cacheClusterSize: "0.5",
                          cacheClusterStatus: "AVAILABLE",
                          methodSettings: ["ok/GET": detailed, "cached/GET": cached, "throttled/GET": throttled],
                          createdDate: 0, lastUpdatedDate: 0)
        return Snapshot(revision: 7, epoch: "epoch-a", stages: [SnapshotStage(restApiId: apiId, stage: stage, deployment: content)],
                        apiKeys: [], usagePlans: [], account: Account(), nodes: [])
    }

    /// A started node with cluster limits (keys and throttles), serving `snapshot(deadPort:)`.
    struct Running {
        let node: DataPlaneNode
        let limits: NodeLimits
        let port: Int
        let directory: String
        let group = EventLoopGroup(threads: 1)
        let client: HTTPClient
        /// The refusing port of `/down` and of the absent control plane.
        let deadPort: RefusingPort

        init(metricsListen: Bool = false) async throws {
            // Refusing for the whole test: `/down`'s backend and the absent control plane.
            let refusing = try RefusingPort()
            deadPort = refusing
            let dead = refusing.port
            directory = SyncFixtures.temporaryDirectory()
            try SnapshotDiskCache(directory: directory).write(SnapshotCodec.encode(NodeMetricsTests.snapshot(deadPort: dead)))
            let limits = try NodeLimits(configuration: .init(nodeID: NodeID("node-m"), clusterSecret: "test-secret"))
            self.limits = limits
            var configuration = DataPlaneNode.Configuration(
                controlPlane: HTTPEndpointAddress(host: "127.0.0.1", port: dead), stateDirectory: directory, nodeId: "node-m",
                clusterSecret: "test-secret", threads: 2,
                pollTiming: .init(backoffBase: .milliseconds(20), backoffCap: .milliseconds(100)),
                shutdownGracePeriod: .milliseconds(200), filterFactories: limits.chainFeatures(limitsOn: true))
            if metricsListen { configuration.metricsListen = ("127.0.0.1", 0) }
            configuration.quotaStatistics = { [limits] in limits.quotaStatistics }
            node = try DataPlaneNode(configuration: configuration)
            limits.start()
            port = try node.start()
            client = HTTPClient(group: group)
        }

        func get(_ target: String, api: Bool = true, port: Int? = nil) async throws -> HTTPResponse {
            try await client.execute(HTTPClientRequest(
                host: "127.0.0.1", port: port ?? self.port, target: target,
                headers: ["Host": api ? "\(NodeMetricsTests.apiId).execute-api.localhost" : "127.0.0.1"],
                connectTimeout: .seconds(2), responseTimeout: .seconds(5)))
        }

        func stop() async {
            await node.shutdown()
            limits.shutdown()
            await client.shutdown()
            group.shutdown()
            deadPort.close()
            SyncFixtures.remove(directory)
        }
    }

    /// The value of the sample whose line starts with `series ` (name and labels exactly), nil when absent.
    static func value(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    static let stage = #"api_id="metricsapi1",api_name="shop",stage="prod""#
    static let okMethod = stage + #",method="GET",resource="/ok""#

    @Test func countsAKnownSequenceOfRequestsWithAWSMetricNames() async throws {
        let running = try await Running()
        var statuses: [String: [Int]] = [:]
        for path in ["/prod/ok", "/prod/ok", "/prod/ok", "/prod/cached", "/prod/cached", "/prod/keyed", "/prod/down",
                     "/prod/throttled", "/prod/throttled", "/prod/nothing/here"] {
            statuses[path, default: []].append(try await running.get(path).status)
        }
        #expect(statuses == ["/prod/ok": [200, 200, 200], "/prod/cached": [200, 200], "/prod/keyed": [403], "/prod/down": [504],
                             "/prod/throttled": [429, 429], "/prod/nothing/here": [403]])

        // Completion hooks run right after the response is handed over: wait until all seven
        // stage-level requests are counted (a bound on liveness, not a speed check). The unrouted
        // 403 (Missing Authentication Token) counts into the stage's series, as CloudWatch counts it.
        var text = ""
        let counted = await DataPlaneNodeTests.eventually {
            text = (try? await running.get("/_tollgate/metrics", api: false)).map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            return Self.value(text, "tollgate_api_requests_total{\(Self.stage)}") == 7
                && Self.value(text, "tollgate_api_requests_total{\(Self.okMethod)}") == 3
        }
        #expect(counted, "\(text)")
        let s = Self.stage
        // The detailed series (metricsEnabled on /ok GET) holds /ok alone; the stage series the rest.
        #expect(Self.value(text, "tollgate_api_4xx_errors_total{\(Self.okMethod)}") == 0)
        #expect(Self.value(text, "tollgate_api_latency_seconds_count{\(Self.okMethod)}") == 3)
        #expect(Self.value(text, "tollgate_api_4xx_errors_total{\(s)}") == 4)
        #expect(Self.value(text, "tollgate_api_5xx_errors_total{\(s)}") == 1)
        // The 0/0 method setting refused them: the method level.
        #expect(Self.value(text, "tollgate_api_throttled_requests_total{\(s),level=\"method\"}") == 2)
        #expect(Self.value(text, "tollgate_api_throttled_requests_total{\(s),level=\"account\"}") == 0)
        #expect(Self.value(text, "tollgate_api_quota_exceeded_requests_total{\(s)}") == 0)
        #expect(Self.value(text, "tollgate_api_cache_hits_total{\(s)}") == 1)
        #expect(Self.value(text, "tollgate_api_cache_misses_total{\(s)}") == 1)
        #expect(Self.value(text, "tollgate_api_latency_seconds_count{\(s)}") == 7)
        #expect(Self.value(text, "tollgate_api_latency_seconds_bucket{\(s),le=\"+Inf\"}") == 7)
        // The integration ran for the cache miss and the failed proxy only.
        #expect(Self.value(text, "tollgate_api_integration_latency_seconds_count{\(s)}") == 2)
        #expect(Self.value(text, #"tollgate_upstream_failures_total{type="connection_refused"}"#) == 1)
        // No per-path series: stage-level requests carry no method or resource label.
        #expect(!text.contains(#"resource="/cached""#))
        #expect(!text.contains(#"resource="/nothing"#))
        #expect(Self.value(text, "tollgate_snapshot_revision") == 7)
        #expect(Self.value(text, #"tollgate_snapshot_epoch_info{epoch="epoch-a"}"#) == 1)
        #expect(Self.value(text, "tollgate_snapshot_applied_total") == 1)
        #expect((Self.value(text, #"tollgate_connections_accepted_total{listener="http"}"#) ?? 0) >= 1)
        #expect(Self.value(text, #"tollgate_connections_refused_total{listener="http",reason="tls_handshake_failed"}"#) == 0)
        // The failed proxy opened the one upstream connection (refused, so closed again); MOCKs open none.
        #expect(Self.value(text, "tollgate_upstream_connections_opened_total") == 1)
        #expect(Self.value(text, "tollgate_upstream_connections_open") == 0)
        // Both loops are listed, and the ones that served requests were busy for some time.
        let busy = ["tollgate-loop-0", "tollgate-loop-1"].map { Self.value(text, "tollgate_event_loop_busy_seconds_total{loop=\"\($0)\"}") }
        #expect(busy.allSatisfy { $0 != nil } && busy.compactMap { $0 }.reduce(0, +) > 0, "\(busy)")
        // No usage plan in this snapshot: the limits engine keeps no quota counter and waits for no rights.
        #expect(Self.value(text, "tollgate_quota_counters") == 0)
        #expect(Self.value(text, "tollgate_quota_rights_held") == 0)
        #expect(Self.value(text, "tollgate_quota_parked_requests") == 0)
        if let result = try Promtool.check(text) {
            #expect(result.status == 0, "promtool: \(result.output)")
        }
        await running.stop()
    }

    @Test func healthReportsRevisionEpochAndPollAge() async throws {
        let running = try await Running()
        let health = try await running.get("/_tollgate/health", api: false)
        #expect(health.status == 200)
        let body = try JSONParser.parse(health.body)
        #expect(body["status"] == .string("ok"))
        #expect(body["revision"] == .number(7))
        #expect(body["epoch"] == .string("epoch-a"))
        // The control plane is not there: no poll was ever answered.
        #expect(body["lastPollAgeSeconds"] == .null)
        await running.stop()
    }

    @Test func metricsListenMovesScrapesOffTheAPIListener() async throws {
        let running = try await Running(metricsListen: true)
        let metricsPort = try #require(running.node.metricsPort)
        let onApi = try await running.get("/_tollgate/metrics", api: false)
        #expect(onApi.status != 200)
        #expect(!String(decoding: onApi.body, as: UTF8.self).contains("tollgate_api_requests_total"))
        let scrape = try await running.get("/_tollgate/metrics", api: false, port: metricsPort)
        #expect(scrape.status == 200)
        #expect(scrape.headers["Content-Type"] == PrometheusExposition.contentType)
        #expect(String(decoding: scrape.body, as: UTF8.self).contains("# TYPE tollgate_api_requests_total counter"))
        // No API is served on the metrics listener; health is.
        #expect(try await running.get("/prod/ok", port: metricsPort).status == 404)
        #expect(try await running.get("/_tollgate/health", api: false, port: metricsPort).status == 200)
        await running.stop()
    }
}
