import Foundation
import Testing
import Shared

/// The stage cache through the real control plane and nodes, against a backend that counts what
/// it receives: a hit never reaches it, an entry expires after its TTL, and FlushStageCache
/// empties the stage's cache on every node (docs/request-lifecycle.md, "Stage cache").
@Suite(.serialized, .timeLimit(.minutes(3))) struct StageCacheEndToEndTests {
    @Test func aCachedGETSkipsTheBackendUntilItsTTLRunsOutOrTheStageIsFlushed() async throws {
        let cluster = try await SharedCluster.cluster()
        let backend = try CountingBackend()
        defer { Task { await backend.stop() } }
        let api = try await ApiBuilder.create(cluster.admin, name: "stage-cache")
        for path in ["pets", "short"] {
            let resource = try await api.resource(path)
            try await api.method(resource, "GET", requestParameters: ["method.request.querystring.type": false])
            try await api.integration(resource, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "http://127.0.0.1:\(backend.port)/\(path)",
                                                        "cacheKeyParameters": ["method.request.querystring.type"]])
        }
        _ = try await cluster.admin.call(.POST, "/restapis/\(api.id)/deployments", json: ["stageName": "prod", "cacheClusterEnabled": true])
        let stage = try await cluster.admin.call(.PATCH, "/restapis/\(api.id)/stages/prod", json: ["patchOperations": [
            ["op": "replace", "path": "/*/*/caching/enabled", "value": "true"],
            ["op": "replace", "path": "/short/GET/caching/enabled", "value": "true"],
            ["op": "replace", "path": "/short/GET/caching/ttlInSeconds", "value": "1"],
        ]])
        #expect(stage["cacheClusterStatus"] as? String == "AVAILABLE")

        @Sendable func count(_ path: String) -> Int { backend.paths.filter { $0 == path }.count }
        @Sendable func get(_ port: Int, _ target: String) async -> HTTPResponse? {
            try? await cluster.invoke(port: port, apiId: api.id, target)
        }
        // Every node serves the cached stage: a second identical GET leaves the backend's count alone.
        let cached = await cluster.untilEveryNode(within: .seconds(15)) { port in
            guard await get(port, "/prod/pets?type=\(port)")?.status == 200 else { return false }
            let before = count("/pets")
            return await get(port, "/prod/pets?type=\(port)")?.status == 200 && count("/pets") == before
        }
        #expect(cached != nil, "the cached stage did not reach every node")

        // A hit: the body is the backend's, its count unchanged; another key value misses.
        let port = cluster.nodePorts[0]
        let before = count("/pets")
        let hit = await get(port, "/prod/pets?type=\(port)")
        #expect(hit?.status == 200 && hit.map { String(decoding: $0.body, as: UTF8.self) } == "reached")
        #expect(hit?.headers["X-Cache"] == nil)
        #expect(count("/pets") == before)
        _ = await get(port, "/prod/pets?type=other")
        #expect(count("/pets") == before + 1)

        // TTL 1 s: served from the cache at once, fetched again once the second has passed. The
        // entry is stored during the first GET, so no earlier than `started`: it cannot expire
        // before `started + 1 s`, however slowly the machine runs.
        let started = ContinuousClock.now
        _ = await get(port, "/prod/short")
        let shortBefore = count("/short")
        _ = await get(port, "/prod/short")
        #expect(count("/short") == shortBefore, "within its TTL the entry answers")
        var expired = false
        while !expired, ContinuousClock.now - started < .seconds(10) {
            try await Task.sleep(for: .milliseconds(200))
            _ = await get(port, "/prod/short")
            expired = count("/short") > shortBefore
        }
        #expect(expired, "the entry outlived its TTL")
        #expect(ContinuousClock.now - started >= .milliseconds(900), "the entry expired before its TTL")

        // FlushStageCache reaches every node with the next snapshot: each fetches its key again, once.
        let beforeFlush = count("/pets")
        _ = try await cluster.admin.call(.DELETE, "/restapis/\(api.id)/stages/prod/cache/data")
        let flushed = await cluster.untilEveryNode(within: .seconds(15)) { port in
            let before = count("/pets")
            _ = await get(port, "/prod/pets?type=\(port)")
            return count("/pets") > before
        }
        #expect(flushed != nil, "the flush did not reach every node")
        #expect(count("/pets") == beforeFlush + cluster.nodePorts.count, "one fetch per node refills the flushed entry")
    }
}
