import ControlPlane
import Foundation
import Testing
import Shared

/// Cluster limits across real processes: a control plane and three nodes gossiping on loopback
/// UDP. Each test starts its own cluster (the shared one does not gossip).
@Suite(.serialized, .timeLimit(.minutes(3))) struct LimitsEndToEndTests {
    /// An API with a keyed MOCK method `GET /q` on stage `v1`, a usage plan with a DAY quota and one
    /// key in it, and a probe key in a quota-free plan (created last: a node that accepts the probe
    /// key has every earlier change).
    struct QuotaApi {
        let apiId: String
        let planId: String
        let keyId: String
        let key: String
        let probeKey: String
    }

    static func quotaApi(_ cluster: Cluster, limit: Int, offset: Int = 0, fast: Bool) async throws -> QuotaApi {
        let admin = cluster.admin
        let api = try await ApiBuilder.create(admin, name: "limits")
        let resource = try await api.resource("q")
        _ = try await admin.call(.PUT, "/restapis/\(api.id)/resources/\(resource)/methods/GET",
                                 json: ["authorizationType": "NONE", "apiKeyRequired": true])
        try await api.integration(resource, "GET", ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200}"#]])
        try await api.methodResponse(resource, "GET", "200")
        try await api.integrationResponse(resource, "GET", "200", ["responseTemplates": ["application/json": "ok"]])
        try await api.deploy(stage: "v1")
        let key = "quota-key-" + UUID().uuidString
        let keyId = try await admin.call(.POST, "/apikeys", json: ["name": "quota", "enabled": true, "value": key])["id"] as! String
        let planId = try await admin.call(.POST, "/usageplans", json: [
            "name": "quota", "apiStages": [["apiId": api.id, "stage": "v1"]], "quota": ["limit": limit, "offset": offset, "period": "DAY"],
            "tags": fast ? [QuotaRule.modeTag: "fast"] : [:],
        ])["id"] as! String
        _ = try await admin.call(.POST, "/usageplans/\(planId)/keys", json: ["keyId": keyId, "keyType": "API_KEY"])
        let probeKey = "probe-key-" + UUID().uuidString
        let probeId = try await admin.call(.POST, "/apikeys", json: ["name": "probe", "enabled": true, "value": probeKey])["id"] as! String
        let probePlan = try await admin.call(.POST, "/usageplans", json: ["name": "probe", "apiStages": [["apiId": api.id, "stage": "v1"]]])
        _ = try await admin.call(.POST, "/usageplans/\(probePlan["id"] as! String)/keys", json: ["keyId": probeId, "keyType": "API_KEY"])
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/v1/q", headers: [("x-api-key", probeKey)]).status) == 200
        }
        guard ready != nil else { throw ProcessError("the quota API did not reach every node") }
        return QuotaApi(apiId: api.id, planId: planId, keyId: keyId, key: key, probeKey: probeKey)
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// Today's `[used, remaining]` for the quota key, from GetUsage.
    static func usage(_ cluster: Cluster, _ api: QuotaApi) async throws -> [Int] {
        let day = today()
        let usage = try await cluster.admin.call(.GET, "/usageplans/\(api.planId)/usage",
                                                 query: [("keyId", api.keyId), ("startDate", day), ("endDate", day)])
        return ((usage["values"] as? [String: [[Int]]])?[api.keyId]?.first) ?? []
    }

    /// Waits until GetUsage reports `used` today; returns the last pair seen.
    static func awaitUsage(_ cluster: Cluster, _ api: QuotaApi, used: Int, within timeout: Duration) async throws -> [Int] {
        let deadline = ContinuousClock.now + timeout
        var last: [Int] = []
        repeat {
            last = try await usage(cluster, api)
            if last.first == used { return last }
            try await Task.sleep(for: .milliseconds(50))
        } while ContinuousClock.now < deadline
        return last
    }

    /// A node's merged DAY count for the quota key (its debug endpoint).
    static func nodeCount(_ cluster: Cluster, port: Int, _ api: QuotaApi) async -> Int? {
        guard let response = try? await cluster.send(port: port, "/_tollgate/debug/quota?planId=\(api.planId)&keyId=\(api.keyId)",
                                                     headers: [("Authorization", "Bearer \(Cluster.clusterSecret)")]),
              response.status == 200,
              let counters = response.json["counters"] as? [[String: Any]] else { return nil }
        return counters.first { $0["period"] as? String == "DAY" }?["used"] as? Int ?? 0
    }

    @Test func aStrictQuotaIsNeverExceededAndGetUsageMatchesWhatWasAdmitted() async throws {
        let cluster = try await Cluster.start(nodes: 3, gossip: true)
        defer { Task { await cluster.stop() } }
        // Limit 64 less offset 4: the plan is created today, so today is its initial period and 60 get through.
        let api = try await Self.quotaApi(cluster, limit: 64, offset: 4, fast: false)
        let ports = cluster.nodePorts
        var admitted = 0, exceeded = 0, throttled = 0
        func burst(_ count: Int) async {
            let statuses = await withTaskGroup(of: (Int, String).self) { group in
                for index in 0..<count {
                    group.addTask {
                        let response = try? await cluster.invoke(port: ports[index % ports.count], apiId: api.apiId, "/v1/q",
                                                                 headers: [("x-api-key", api.key)])
                        return (response?.status ?? 0, response?.text ?? "")
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            for (status, body) in statuses {
                if status == 200 { admitted += 1 }
                if status == 429, body == #"{"message":"Limit Exceeded"}"# { exceeded += 1 }
                if status == 429, body == #"{"message":"Too Many Requests"}"# { throttled += 1 }
            }
        }
        // Traffic spread over every node until the quota is used up (rights move on demand).
        let deadline = ContinuousClock.now + .seconds(30)
        while admitted < 60, ContinuousClock.now < deadline {
            await burst(6)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(admitted == 60, "admitted \(admitted) (limit exceeded \(exceeded), rights pending \(throttled))")
        let usage = try await Self.awaitUsage(cluster, api, used: admitted, within: .seconds(5))
        #expect(usage == [admitted, 60 - admitted])
        print("strict quota 64 less offset 4 over 3 nodes: admitted \(admitted), limit exceeded \(exceeded), rights pending \(throttled)")

        // Once every node has heard, nothing more gets through anywhere, and the answer is Limit Exceeded.
        _ = await cluster.untilEveryNode(within: .seconds(5)) { port in await Self.nodeCount(cluster, port: port, api) == 60 }
        let before = exceeded
        await burst(30)
        #expect(admitted == 60, "strict mode admitted \(admitted) for a quota of 64 less offset 4")
        #expect(exceeded - before == 30)
        #expect(try await Self.usage(cluster, api) == [60, 0])
    }

    /// `tollgate control-plane` without `--gossip` joins the gossip anyway (on its listen port's
    /// number), so strict quotas hold and GetUsage counts (before: fast mode, GetUsage 0).
    @Test func aControlPlaneWithoutGossipFlagsEnforcesStrictQuotasAndReportsUsage() async throws {
        let cluster = try await Cluster.start(nodes: 3, gossip: true, controlPlaneGossipFlag: false)
        defer { Task { await cluster.stop() } }
        let api = try await Self.quotaApi(cluster, limit: 20, fast: false)
        let ports = cluster.nodePorts
        var admitted = 0
        for index in 0..<45 {
            let response = try await cluster.invoke(port: ports[index % ports.count], apiId: api.apiId, "/v1/q",
                                                    headers: [("x-api-key", api.key)])
            if response.status == 200 { admitted += 1 }
        }
        #expect(admitted == 20)
        let usage = try await Self.awaitUsage(cluster, api, used: admitted, within: .seconds(5))
        #expect(usage == [20, 0], "GetUsage \(usage) after \(admitted) admitted")
    }

    /// `--limits off` drops throttles and quotas, never the API key check: a keyed method on such a
    /// node still answers 403 Forbidden without a key (before: served to anyone).
    @Test func aNodeWithLimitsOffStillRequiresApiKeys() async throws {
        let cluster = try await Cluster.start(nodes: 1, nodeArguments: [0: ["--limits", "off"]])
        defer { Task { await cluster.stop() } }
        let api = try await Self.quotaApi(cluster, limit: 1, fast: true)
        let port = cluster.nodePorts[0]
        let missing = try await cluster.invoke(port: port, apiId: api.apiId, "/v1/q")
        #expect(missing.status == 403)
        #expect(missing.headers["x-amzn-ErrorType"] == "ForbiddenException")
        let wrong = try await cluster.invoke(port: port, apiId: api.apiId, "/v1/q", headers: [("x-api-key", "not-a-key-" + UUID().uuidString)])
        #expect(wrong.status == 403)
        // The quota of 1 is not enforced with the limits off: both calls with the key are served.
        for _ in 0..<2 {
            let served = try await cluster.invoke(port: port, apiId: api.apiId, "/v1/q", headers: [("x-api-key", api.key)])
            #expect(served.status == 200)
        }
    }

    @Test func usageConvergesAfterRestartsOfANodeEveryNodeAndTheControlPlane() async throws {
        let cluster = try await Cluster.start(nodes: 3, gossip: true)
        defer { Task { await cluster.stop() } }
        let api = try await Self.quotaApi(cluster, limit: 1_000, fast: true)
        let ports = cluster.nodePorts
        var admitted = 0
        for (node, count) in [(0, 30), (1, 20), (2, 10)] {
            for _ in 0..<count {
                let response = try await cluster.invoke(port: ports[node], apiId: api.apiId, "/v1/q", headers: [("x-api-key", api.key)])
                if response.status == 200 { admitted += 1 }
            }
        }
        #expect(admitted == 60)
        #expect(try await Self.awaitUsage(cluster, api, used: 60, within: .seconds(5)) == [60, 940])

        // node-1 dies and comes back as a new process (fresh replica, same id and gossip port).
        cluster.node(1).kill()
        let reborn = try await cluster.startNode(1)
        for _ in 0..<5 {
            let response = try await cluster.invoke(port: reborn.port, apiId: api.apiId, "/v1/q", headers: [("x-api-key", api.key)])
            if response.status == 200 { admitted += 1 }
        }
        #expect(admitted == 65)
        // A correctness bound, not a speed goal: generous for a loaded 2-core CI machine.
        let converged = await cluster.untilEveryNode(within: .seconds(15)) { port in await Self.nodeCount(cluster, port: port, api) == 65 }
        #expect(converged != nil, "nodes did not converge on 65 after node-1's restart")
        #expect(try await Self.awaitUsage(cluster, api, used: 65, within: .seconds(5)) == [65, 935])

        // The control plane is killed (after its once-a-second write) and restarted on the same ports.
        try await Task.sleep(for: .milliseconds(1_500))
        let port = try #require(Int(cluster.controlPlaneURL.split(separator: ":").last ?? ""))
        cluster.killControlPlane()
        try await cluster.restartControlPlane(port: port)
        #expect(try await Self.usage(cluster, api) == [65, 935])

        // Every node restarts: each is seeded again from its peers and the control plane.
        for index in 0..<3 { await cluster.node(index).stop() }
        for index in 0..<3 { try await cluster.startNode(index) }
        let reseeded = await cluster.untilEveryNode(within: .seconds(5)) { port in await Self.nodeCount(cluster, port: port, api) == 65 }
        #expect(reseeded != nil, "restarted nodes did not relearn the count")
        let response = try await cluster.invoke(port: cluster.nodePorts[0], apiId: api.apiId, "/v1/q", headers: [("x-api-key", api.key)])
        #expect(response.status == 200)
        #expect(try await Self.awaitUsage(cluster, api, used: 66, within: .seconds(5)) == [66, 934])
    }
}
