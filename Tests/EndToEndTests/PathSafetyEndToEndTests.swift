import Foundation
import Testing
import Shared

/// Path traversal and upstream answers through a real node (clusters of their own): nginx as the
/// backend judges whether any request left the integration URI's `/base/`, and a raw-socket
/// backend sends statuses no HTTP server should.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PathSafetyEndToEndTests {
    /// Greedy `{proxy+}` vectors: raw, encoded, mixed case, double-encoded, encoded separators,
    /// backslash, NUL, `;` parameters.
    static let greedyVectors = [
        "/prod/../admin", "/prod/%2e%2e/admin", "/prod/%2E%2E/admin", "/prod/.%2e/admin", "/prod/%2e./admin", "/prod/.%2E/admin",
        "/prod/x/../../admin", "/prod/x/%2e%2e/%2e%2e/admin", "/prod/./../admin", "/prod/base/../../admin",
        "/prod/..%2fadmin", "/prod/..%2Fadmin", "/prod/x/..%2f..%2fadmin", "/prod/%2e%2e%2fadmin", "/prod/%2E%2E%2Fadmin",
        "/prod/.%2e%2fadmin", "/prod/x/..%2f%2e%2e%2fadmin", "/prod/%252e%252e/admin", "/prod/%252e%252e%252fadmin",
        "/prod/..%252fadmin", "/prod/..%5cadmin", "/prod/..%5Cadmin", "/prod/..%00/admin", "/prod/%00/../admin", "/prod/..;/admin",
        "/prod/x/%2e%2e%2f%2e%2e%2fadmin",
        // A single-segment parameter, `/one/{id}` → `/base/{id}`.
        "/prod/one/..%2fadmin", "/prod/one/%2e%2e%2fadmin", "/prod/one/%252e%252e%252fadmin", "/prod/one/..%2f..%2fadmin",
        "/prod/one/..", "/prod/one/%2e%2e",
    ]

    /// A query value mapped into a path parameter, `/q?p=…` → `/base/{p}`.
    static let queryVectors = [
        "../admin", "..%2Fadmin", "%2e%2e%2fadmin", "..", "%2e%2e", "%252e%252e%252fadmin", "..%5Cadmin", "..%00", "a/../../admin",
        "%2E%2E%2F%2E%2E%2Fadmin", "..%2F..%2Fadmin", "./../admin", "..;/admin",
    ]

    @Test(.enabled(if: NginxProcess.binary != nil, "nginx is not installed: run scripts/bootstrap (it installs nginx)"))
    func noVectorReachesAnNginxPathOutsideTheIntegrationBase() async throws {
        let nginx = try await NginxProcess.start()
        let cluster = try await Cluster.start(nodes: 1)
        do {
            let backend = "http://127.0.0.1:\(nginx.port)/base"
            // The judge works: straight to nginx, a traversal does reach the secret.
            let direct = try await cluster.send(port: nginx.port, "/base/%2e%2e/admin")
            #expect(direct.text == "SECRET", "nginx must resolve %2e%2e itself for this test to mean anything")

            let api = try await ApiBuilder.create(cluster.admin, name: "traversal")
            let proxy = try await api.resource("{proxy+}")
            try await api.method(proxy, "ANY", requestParameters: ["method.request.path.proxy": true])
            try await api.integration(proxy, "ANY", ["type": "HTTP_PROXY", "httpMethod": "ANY", "uri": "\(backend)/{proxy}",
                                                     "requestParameters": ["integration.request.path.proxy": "method.request.path.proxy"]])
            let one = try await api.resource("{id}", under: try await api.resource("one"))
            try await api.method(one, "GET", requestParameters: ["method.request.path.id": true])
            try await api.integration(one, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "\(backend)/{id}",
                                                   "requestParameters": ["integration.request.path.id": "method.request.path.id"]])
            let query = try await api.resource("q")
            try await api.method(query, "GET", requestParameters: ["method.request.querystring.p": false])
            try await api.integration(query, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "\(backend)/{p}",
                                                     "requestParameters": ["integration.request.path.p": "method.request.querystring.p"]])
            try await api.deploy(stage: "prod")
            let port = cluster.nodePorts[0]
            let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
                (try? await cluster.invoke(port: port, apiId: api.id, "/prod/hello").text) == "inside /base/hello"
            }
            try #require(ready != nil, "the API did not reach the node")

            // Controls: what stays inside `/base/` is served.
            for (target, body) in [("/prod/a/../hello", "inside /base/hello"), ("/prod/q?p=hello", "inside /base/hello"),
                                   ("/prod/q?p=a/b", "inside /base/a/b"), ("/prod/one/v1.2", "inside /base/v1.2"),
                                   ("/prod/a/%2e%2e/b", "inside /base/b")] {
                let response = try await cluster.invoke(port: port, apiId: api.id, target)
                #expect(response.status == 200 && response.text == body, "\(target): \(response.status) \(response.text)")
            }

            for target in Self.greedyVectors + Self.queryVectors.map({ "/prod/q?p=\($0)" }) {
                let response = try await cluster.invoke(port: port, apiId: api.id, target)
                #expect(!response.text.contains("SECRET"), "\(target) reached /admin")
                // Refused, or (`/%00/../admin` resolves to `/admin` under the stage) kept inside.
                let inside = response.status == 200 && response.text.hasPrefix("inside /base/")
                #expect([400, 403].contains(response.status) || inside, "\(target): \(response.status) \(response.text)")
            }
        } catch {
            Issue.record(error)
        }
        await cluster.stop()
        nginx.stop()
    }

    @Test func upstreamStatusesThatAreNoFinalAnswerAre502AndInterimOnesAreSkipped() async throws {
        let final = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nfinal"
        let upstream = try RawUpstream(answers: [
            "/s101": "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nraw bytes of another protocol",
            "/s600": "HTTP/1.1 600 Beyond\r\nContent-Length: 6\r\nConnection: close\r\n\r\nBEYOND",
            "/s999": "HTTP/1.1 999 Custom\r\nContent-Length: 6\r\nConnection: close\r\n\r\nCUSTOM",
            "/s099": "HTTP/1.1 099 Low\r\nContent-Length: 3\r\nConnection: close\r\n\r\nLOW",
            "/s1000": "HTTP/1.1 1000 Big\r\nContent-Length: 3\r\nConnection: close\r\n\r\nBIG",
            "/i100": "HTTP/1.1 100 Continue\r\n\r\n" + final,
            "/i103": "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" + final,
            "/i100-103": "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </b.css>\r\n\r\n" + final,
        ])
        let cluster = try await Cluster.start(nodes: 1)
        do {
            let api = try await ApiBuilder.create(cluster.admin, name: "statuses")
            let proxy = try await api.resource("{proxy+}")
            try await api.method(proxy, "ANY", requestParameters: ["method.request.path.proxy": true])
            try await api.integration(proxy, "ANY", ["type": "HTTP_PROXY", "httpMethod": "ANY", "uri": "http://127.0.0.1:\(upstream.port)/{proxy}",
                                                     "requestParameters": ["integration.request.path.proxy": "method.request.path.proxy"]])
            try await api.deploy(stage: "prod")
            let port = cluster.nodePorts[0]
            let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
                (try? await cluster.invoke(port: port, apiId: api.id, "/prod/i100").text) == "final"
            }
            try #require(ready != nil, "the API did not reach the node")

            for path in ["s101", "s600", "s999", "s099", "s1000"] {
                // A 101 passed through would be refused by this test's own client: record and go on.
                guard let response = try? await cluster.invoke(port: port, apiId: api.id, "/prod/\(path)") else {
                    Issue.record("\(path): the node's answer is not a readable HTTP response")
                    continue
                }
                #expect(response.status == 502, "\(path): \(response.status)")
                #expect(response.text == #"{"message": "Internal server error"}"#, "\(path): \(response.text)")
                #expect(response.headers["Upgrade"] == nil)
            }
            for path in ["i100", "i103", "i100-103"] {
                let response = try await cluster.invoke(port: port, apiId: api.id, "/prod/\(path)")
                #expect(response.status == 200 && response.text == "final", "\(path): \(response.status) \(response.text)")
                #expect(response.headers["Link"] == nil, "an interim response's headers are not forwarded")
            }
        } catch {
            Issue.record(error)
        }
        await cluster.stop()
        await upstream.stop()
    }
}
