import ControlPlane
import Foundation
import Testing
import Shared

/// Access logs across real processes: UpdateStage sets AWS's JSON example format and a log-group
/// ARN, and a node started with `--access-log-dir` writes one JSON line per request of the stage:
/// served (200), refused by the API key filter (403), matching no resource (403) and throttled (429), each with the request id
/// and status the client got.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AccessLogEndToEndTests {
    static let format = #"{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength", "responseType":"$context.error.responseType" }"#

    @Test func aStagesRequestsAreWrittenToItsLogGroupAsJSONLines() async throws {
        let logs = NSTemporaryDirectory() + "tollgate-access-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        let cluster = try await Cluster.start(nodes: 1, nodeArguments: [0: ["--access-log-dir", logs]])
        do {
            let admin = cluster.admin
            let api = try await ApiBuilder.create(admin, name: "access-logs")
            let open = try await api.resource("q")
            try await api.mock(open, body: "ok")
            let keyed = try await api.resource("k")
            _ = try await admin.call(.PUT, "/restapis/\(api.id)/resources/\(keyed)/methods/GET",
                                     json: ["authorizationType": "NONE", "apiKeyRequired": true])
            try await api.integration(keyed, "GET", ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200}"#]])
            try await api.methodResponse(keyed, "GET", "200")
            try await api.integrationResponse(keyed, "GET", "200")
            try await api.deploy(stage: "v1")
            _ = try await admin.call(.PATCH, "/restapis/\(api.id)/stages/v1", json: ["patchOperations": [
                ["op": "replace", "path": "/accessLogSettings/format", "value": Self.format],
                ["op": "replace", "path": "/accessLogSettings/destinationArn", "value": "arn:aws:logs:us-east-1:123456789012:log-group:/e2e/access"],
                ["op": "replace", "path": "/*/*/throttling/rateLimit", "value": "1"],
                ["op": "replace", "path": "/*/*/throttling/burstLimit", "value": "1"],
            ]])
            let port = cluster.nodePorts[0]
            let file = logs + "/e2e/access.log"
            let lines = { () -> [[String: String]] in
                let text = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
                return text.split(separator: "\n").compactMap {
                    (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: String]
                }
            }
            // Ready once a request of the stage shows up in the file (the settings reached the node).
            var ready = false
            for _ in 0..<200 where !ready {
                let probe = try? await cluster.invoke(port: port, apiId: api.id, "/v1/q")
                try await Task.sleep(for: .milliseconds(50))
                ready = probe.map { response in lines().contains { $0["requestId"] == response.headers["x-amzn-RequestId"] } } ?? false
            }
            #expect(ready)

            var responses: [HTTPResponse] = [try await cluster.invoke(port: port, apiId: api.id, "/v1/k"),
                                             try await cluster.invoke(port: port, apiId: api.id, "/v1/nothing")]
            for _ in 0..<10 { responses.append(try await cluster.invoke(port: port, apiId: api.id, "/v1/q")) }
            #expect(responses[0].status == 403)
            #expect(responses[1].status == 403)
            #expect(responses.contains { $0.status == 429 })
            let ids = responses.compactMap { $0.headers["x-amzn-RequestId"] }
            var byId: [String: [String: String]] = [:]
            for _ in 0..<200 {
                byId = Dictionary(lines().map { ($0["requestId"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
                if ids.allSatisfy({ byId[$0] != nil }) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            for (index, response) in responses.enumerated() {
                let line = try #require(byId[response.headers["x-amzn-RequestId"] ?? "?"])
                #expect(line["status"] == String(response.status))
                #expect(line["responseLength"] == String(response.body.count))
                #expect(line["extendedRequestId"] == response.headers["x-amz-apigw-id"])
                #expect(line["ip"] == "127.0.0.1")
                #expect(line["caller"] == "-")
                #expect(line["httpMethod"] == "GET")
                #expect(line["protocol"] == "HTTP/1.1")
                let (type, resource) = index == 0 ? ("INVALID_API_KEY", "/k") : index == 1
                    ? ("MISSING_AUTHENTICATION_TOKEN", "-") : (response.status == 200 ? "-" : "THROTTLED", "/q")
                #expect(line["responseType"] == type)
                #expect(line["resourcePath"] == resource)
            }
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}
