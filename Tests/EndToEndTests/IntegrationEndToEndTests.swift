import Foundation
import Testing
import Shared

/// Every integration type through real nodes, the echo backend and the test Lambda server.
@Suite(.serialized, .timeLimit(.minutes(2))) struct IntegrationEndToEndTests {
    /// The echo document's header list as (name, value) pairs.
    static func headers(_ echo: [String: Any]) -> [(String, String)] {
        (echo["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
    }

    static func header(_ name: String, in echo: [String: Any]) -> String? {
        headers(echo).last { $0.0.lowercased() == name.lowercased() }?.1
    }

    @Test func httpProxyPassesMethodPathQueryHeadersAndBodyThrough() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[0], apiId: api.id, "/test/echo/a/b%20c?x=1&y=two&x=3", method: .PUT,
                                                headers: [("X-Custom", "custom value"), ("Content-Type", "text/plain")],
                                                body: Array("hello upstream".utf8))
        #expect(response.status == 200)
        let echo = response.json
        #expect(echo["method"] as? String == "PUT")
        #expect(echo["path"] as? String == "/a/b%20c")
        #expect(echo["query"] as? String == "x=1&y=two&x=3")
        #expect(echo["body"] as? String == "hello upstream")
        #expect(Self.header("X-Custom", in: echo) == "custom value")
        #expect(Self.header("X-Forwarded-For", in: echo) == "127.0.0.1")
        #expect(Self.header("X-Forwarded-Proto", in: echo) == "http")
        #expect(Self.header("X-Forwarded-Port", in: echo) == String(cluster.nodePorts[0]))
        #expect(Self.header("X-Amzn-Apigateway-Api-Id", in: echo) == api.id)
        #expect(Self.header("Host", in: echo) == "127.0.0.1:\(cluster.echo.port)")
        // The upstream's framing headers come back remapped, as AWS does.
        #expect(response.headers["x-amzn-Remapped-Content-Length"] != nil)
    }

    @Test func clientForwardedForIsExtended() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[1], apiId: api.id, "/test/echo/xff",
                                                headers: [("X-Forwarded-For", "198.51.100.1")])
        #expect(Self.header("X-Forwarded-For", in: response.json) == "198.51.100.1, 127.0.0.1")
    }

    @Test func httpIntegrationMapsRequestParameters() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[1], apiId: api.id, "/test/items/42?page=7&ignored=1",
                                                headers: [("X-Filter", "red")])
        #expect(response.status == 200)
        let echo = response.json
        #expect(echo["method"] as? String == "GET")
        #expect(echo["path"] as? String == "/things/42")
        let query = echo["queryParameters"] as? [String: [String]] ?? [:]
        #expect(query == ["filter": ["red"], "p": ["7"]], "only mapped parameters reach an HTTP integration")
        #expect(Self.header("X-Static", in: echo) == "fixed-value")
        #expect(Self.header("X-Filter", in: echo) == nil)
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func stageVariablesAreSubstitutedInTheIntegrationUri() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[2], apiId: api.id, "/test/stagevar")
        #expect(response.status == 200)
        #expect(response.json["path"] as? String == "/from-stage")
    }

    @Test func integrationTimeoutAnswers504() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let started = ContinuousClock.now
        let response = try await cluster.invoke(port: cluster.nodePorts[0], apiId: api.id, "/test/slow")
        let elapsed = ContinuousClock.now - started
        #expect(response.status == 504)
        #expect(response.text == #"{"message": "Endpoint request timed out"}"#)
        // The backend answers after 1000 ms: a 504 at all means the 200 ms timeout fired first.
        #expect(elapsed >= .milliseconds(190))
    }

    @Test func requestBodiesUpTo10MiBAreAcceptedAndLargerOnesAre413() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let limit = 10 * 1024 * 1024
        let port = cluster.nodePorts[1]
        let accepted = try await cluster.invoke(port: port, apiId: api.id, "/test/upload", method: .POST,
                                                headers: [("Content-Type", "application/octet-stream")],
                                                body: [UInt8](repeating: 0x41, count: limit))
        #expect(accepted.status == 200)
        #expect(accepted.text == #"{"received":true}"#)
        let refused = try await cluster.invoke(port: port, apiId: api.id, "/test/upload", method: .POST,
                                               headers: [("Content-Type", "application/octet-stream")],
                                               body: [UInt8](repeating: 0x41, count: limit + 1))
        #expect(refused.status == 413)
    }

    @Test func tenMiBResponsePassesThroughAndALargerOneIs502() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[2], apiId: api.id, "/test/big")
        #expect(response.status == 200)
        #expect(response.body.count == 10 * 1024 * 1024)
        #expect(response.body.allSatisfy { $0 == 0x78 })
        let tooLarge = try await cluster.invoke(port: cluster.nodePorts[2], apiId: api.id, "/test/bigger")
        #expect(tooLarge.status == 502)
        #expect(tooLarge.text == #"{"message": "Internal server error"}"#)
    }

    @Test func binaryBodyReachesTheBackendByteForByte() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        var body: [UInt8] = []
        for round in 0..<1024 { body += (0...255).map { UInt8(($0 + round) & 0xFF) } }
        let response = try await cluster.invoke(port: cluster.nodePorts[0], apiId: api.id, "/test/echo/upload", method: .POST,
                                                headers: [("Content-Type", "application/octet-stream")], body: body)
        #expect(response.status == 200)
        let echo = response.json
        #expect(echo["isBase64Encoded"] as? Bool == true)
        let received = (echo["body"] as? String).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
        #expect(received == body)
    }

    @Test func lambdaProxyInvokesTheFunctionWithTheProxyEvent() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[1], apiId: api.id, "/test/fn/world?lang=en", method: .POST,
                                                headers: [("X-Custom", "from-client"), ("Content-Type", "application/json")],
                                                body: Array(#"{"hello":"lambda"}"#.utf8))
        #expect(response.status == 201)
        #expect(response.headers["X-Fn"] == "hello")
        #expect(response.headers.values("X-Multi") == ["a", "b"])
        let summary = response.json
        #expect(summary["httpMethod"] as? String == "POST")
        #expect(summary["resource"] as? String == "/fn/{name}")
        #expect(summary["path"] as? String == "/fn/world")
        #expect(summary["pathParameters"] as? [String: String] == ["name": "world"])
        #expect(summary["queryStringParameters"] as? [String: String] == ["lang": "en"])
        #expect(summary["stage"] as? String == "test")
        #expect(summary["sourceIp"] as? String == "127.0.0.1")
        #expect(summary["custom"] as? String == "from-client")
        #expect(summary["body"] as? String == #"{"hello":"lambda"}"#)
        #expect(summary["isBase64Encoded"] as? Bool == false)
    }

    @Test func malformedLambdaResultIs502() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[2], apiId: api.id, "/test/broken-fn")
        #expect(response.status == 502)
        #expect(response.text == #"{"message": "Internal server error"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "InternalServerErrorException")
    }

    @Test func lambdaCustomIntegrationMapsTemplatesAndSelectsErrorsByMessage() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let ok = try await cluster.invoke(port: cluster.nodePorts[0], apiId: api.id, "/test/calc?a=12", method: .POST,
                                          headers: [("Content-Type", "application/json")], body: Array(#"{"b": 4}"#.utf8))
        #expect(ok.status == 200)
        #expect(ok.text == #"{"quotient": 3, "from": "test"}"#)
        let error = try await cluster.invoke(port: cluster.nodePorts[1], apiId: api.id, "/test/calc?a=1", method: .POST,
                                             headers: [("Content-Type", "application/json")], body: Array(#"{"b": 0}"#.utf8))
        #expect(error.status == 400)
        #expect(error.headers["X-Error-Type"] == "ZeroDivisionError")
        #expect(error.text == #"{"error": "Division by zero"}"#)
    }
}
