import Testing
@testable import DataPlane
@testable import Shared

@Suite struct LimitsDebugEndpointTests {
    typealias L = LimitsFixtures

    func request(_ method: String, _ target: String, secret: String? = "secret") -> HTTPRequest {
        PipelineFixtures.request(method, target, host: "localhost", headers: secret.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    @Test func otherPathsAreNotAnswered() throws {
        let endpoint = LimitsDebugEndpoint(limits: try L.node(L.ManualClock()))
        #expect(endpoint.respond(to: request("GET", "/prod/open")) == nil)
        #expect(endpoint.respond(to: request("GET", "/_tollgate/health")) == nil)
    }

    @Test func everyCallNeedsTheClusterSecret() throws {
        let endpoint = LimitsDebugEndpoint(limits: try L.node(L.ManualClock()))
        #expect(endpoint.respond(to: request("GET", "/_tollgate/debug/gossip", secret: nil))?.status == 401)
        #expect(endpoint.respond(to: request("POST", "/_tollgate/debug/gossip?enabled=false", secret: "wrong"))?.status == 401)
    }

    @Test func theSwitchCutsGossipOffAndOn() throws {
        var configuration = NodeLimits.Configuration(nodeID: NodeID("n1"), clusterSecret: "secret",
                                                     gossipBind: SocketAddress(ipLiteral: "127.0.0.1", port: 0))
        configuration.gossipTick = .milliseconds(50)
        let limits = try NodeLimits(configuration: configuration)
        defer { limits.shutdown() }
        let endpoint = LimitsDebugEndpoint(limits: limits)
        let off = try #require(endpoint.respond(to: request("POST", "/_tollgate/debug/gossip?enabled=false")))
        #expect(off.status == 200)
        #expect(String(decoding: off.body, as: UTF8.self).contains(#""enabled":false"#))
        #expect(limits.gossip?.isEnabled == false)
        #expect(endpoint.respond(to: request("POST", "/_tollgate/debug/gossip?enabled=maybe"))?.status == 400)
        _ = endpoint.respond(to: request("POST", "/_tollgate/debug/gossip?enabled=true"))
        #expect(limits.gossip?.isEnabled == true)
    }

    @Test func quotaCountersAreListedPerPlanAndKey() throws {
        let limits = try L.node(L.ManualClock())
        let snapshot = try L.snapshot(quota: QuotaSettings(limit: 10, period: "DAY"))
        limits.apply(snapshot)
        _ = L.statuses(4, "GET", "/keyed", key: L.goodKey, limits: limits, snapshot: snapshot)
        let endpoint = LimitsDebugEndpoint(limits: limits)
        let response = try #require(endpoint.respond(to: request("GET", "/_tollgate/debug/quota?planId=plan1&keyId=k-good")))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#""period":"DAY","periodStart":1708905600,"used":4"#))
        #expect(endpoint.respond(to: request("GET", "/_tollgate/debug/quota?planId=plan1"))?.status == 400)
    }
}
