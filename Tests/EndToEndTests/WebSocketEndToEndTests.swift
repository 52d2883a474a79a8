import Foundation
import Synchronization
import Testing
import ControlPlane
import Shared

/// WebSocket APIs through a real control plane and a real node, with the test client built on the
/// codec's client role: `$connect` through a Lambda (accepted, refused) and a MOCK (refused), MOCK
/// and Lambda message routes, AWS's `Forbidden` frame for a message no route takes, `@connections`
/// (unsigned refused; signed POST reaching the client, GetConnection, 410 after close) and
/// `$disconnect`.
@Suite(.serialized, .timeLimit(.minutes(3))) struct WebSocketEndToEndTests {
    static let functionsArn = "arn:aws:lambda:us-east-1:000000000000:function:"

    /// `{eventType} {connectionId}` of every event the stand-in saw, for the `$disconnect` check.
    static let events = Mutex<[String]>([])

    static let function: LambdaInvokeServer.Function = { name, event in
        let context = event["requestContext"] as? [String: Any] ?? [:]
        let seen = "\(context["eventType"] as? String ?? "") \(context["connectionId"] as? String ?? "")"
        events.withLock { $0.append(seen) }
        switch name {
        case "connect":
            let headers = event["headers"] as? [String: String] ?? [:]
            return .init(body: Array((headers["X-Deny"] == nil ? #"{"statusCode":200}"# : #"{"statusCode":403}"#).utf8))
        case "authorizer":
            let headers = event["headers"] as? [String: String] ?? [:]
            let effect = headers["Auth"] == "letmein" ? "Allow" : "Deny"
            let arn = event["methodArn"] as? String ?? ""
            let result: [String: Any] = [
                "principalId": "user-7", "context": ["tier": "gold"],
                "policyDocument": ["Version": "2012-10-17", "Statement": [["Effect": effect, "Action": "execute-api:Invoke", "Resource": arn]]],
            ]
            return .init(body: Array(try! JSONSerialization.data(withJSONObject: result)))
        case "echo":
            let summary: [String: Any] = [
                "principal": (context["authorizer"] as? [String: Any])?["principalId"] ?? "",
                "routeKey": context["routeKey"] ?? "", "eventType": context["eventType"] ?? "", "connectionId": context["connectionId"] ?? "",
                "stage": context["stage"] ?? "", "body": event["body"] ?? "", "direction": context["messageDirection"] ?? "",
                "sourceIp": (context["identity"] as? [String: Any])?["sourceIp"] ?? "",
            ]
            let body = String(decoding: try! JSONSerialization.data(withJSONObject: summary), as: UTF8.self)
            return .init(body: Array(try! JSONSerialization.data(withJSONObject: ["statusCode": 200, "body": body])))
        default:
            return .init(body: Array(#"{"statusCode":200}"#.utf8))
        }
    }

    static func create(_ admin: AdminClient, _ body: [String: Any], at path: String) async throws -> String {
        let created = try await admin.call(.POST, path, json: body)
        return try #require((created["apiId"] ?? created["integrationId"] ?? created["routeId"]) as? String)
    }

    /// A WebSocket API `chat` on stage `prod`: `$connect` and `$disconnect` through Lambdas, a two-way
    /// `echo` route to a Lambda, a one-way `mock` route; no `$default`.
    static func chatApi(_ cluster: Cluster) async throws -> String {
        let admin = cluster.admin
        let api = try await create(admin, ["name": "chat", "protocolType": "WEBSOCKET", "routeSelectionExpression": "$request.body.action"],
                                   at: "/v2/apis")
        func integration(_ body: [String: Any]) async throws -> String {
            try await create(admin, body, at: "/v2/apis/\(api)/integrations")
        }
        let connect = try await integration(["integrationType": "AWS_PROXY", "integrationUri": functionsArn + "connect"])
        let disconnect = try await integration(["integrationType": "AWS_PROXY", "integrationUri": functionsArn + "disconnect"])
        let echo = try await integration(["integrationType": "AWS_PROXY", "integrationUri": functionsArn + "echo"])
        let mock = try await integration(["integrationType": "MOCK", "requestTemplates": ["$default": #"{"statusCode": 200}"#]])
        let http = try await integration(["integrationType": "HTTP_PROXY", "integrationMethod": "POST",
                                          "integrationUri": "http://127.0.0.1:\(cluster.echo.port)/ws"])
        for (key, target, twoWay) in [("$connect", connect, false), ("$disconnect", disconnect, false), ("echo", echo, true), ("mock", mock, false),
                                      ("http", http, true)] {
            var route: [String: Any] = ["routeKey": key, "target": "integrations/\(target)"]
            if twoWay { route["routeResponseSelectionExpression"] = "$default" }
            _ = try await create(admin, route, at: "/v2/apis/\(api)/routes")
        }
        _ = try await admin.call(.POST, "/v2/apis/\(api)/stages", json: ["stageName": "prod"])
        _ = try await admin.call(.POST, "/v2/apis/\(api)/deployments", json: ["stageName": "prod"])
        return api
    }

    static func host(_ api: String, _ port: Int) -> String { "\(api).execute-api.localhost:\(port)" }

    /// Connects until the node serves the API (it learns it at its next poll).
    static func connect(_ port: Int, _ api: String, headers: [(String, String)] = []) async -> TestWebSocketClient? {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            // 404 until the node's snapshot has the API (REST's answer for an unknown host).
            if let client = await TestWebSocketClient.connectAsync(port: port, host: host(api, port), path: "/prod", headers: headers),
               client.status != 404 {
                return client
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test func connectRouteMessagesAndManagement() async throws {
        let cluster = try await Cluster.start(nodes: 1, lambda: Self.function)
        defer { Task { await cluster.stop() } }
        let api = try await Self.chatApi(cluster)
        let port = cluster.nodePorts[0]

        // $connect through the Lambda: accepted with 101.
        let client = try #require(await Self.connect(port, api))
        #expect(client.status == 101)
        #expect(client.head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))

        // A $connect Lambda answering 403 refuses the upgrade with 403.
        let refused = try #require(await TestWebSocketClient.connectAsync(port: port, host: Self.host(api, port), path: "/prod",
                                                                          headers: [("X-Deny", "1")]))
        #expect(refused.status == 403)

        // Two-way Lambda route: the function's body comes back as a message.
        client.send(#"{"action":"echo","text":"hi"}"#)
        let echoed = try #require(await client.receiveTextAsync())
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(echoed.utf8)) as? [String: Any])
        #expect(summary["routeKey"] as? String == "echo" && summary["eventType"] as? String == "MESSAGE")
        #expect(summary["body"] as? String == #"{"action":"echo","text":"hi"}"# && summary["stage"] as? String == "prod")
        #expect(summary["direction"] as? String == "IN" && summary["sourceIp"] as? String == "127.0.0.1")
        let connectionId = try #require(summary["connectionId"] as? String)
        #expect(connectionId.count == 16)

        // Two-way HTTP_PROXY route: the message is the body, the response body comes back.
        client.send(#"{"action":"http"}"#)
        let proxied = try #require(await client.receiveTextAsync())
        let echo = try #require(try JSONSerialization.jsonObject(with: Data(proxied.utf8)) as? [String: Any])
        #expect(echo["path"] as? String == "/ws" && echo["method"] as? String == "POST" && echo["body"] as? String == #"{"action":"http"}"#)

        // One-way MOCK route: nothing back; then a message no route takes: AWS's Forbidden frame.
        client.send(#"{"action":"mock"}"#)
        client.send(#"{"action":"nothing"}"#)
        let forbidden = try #require(await client.receiveTextAsync())
        #expect(forbidden.hasPrefix(#"{"message": "Forbidden", "connectionId":"\#(connectionId)", "requestId":""#))

        // @connections fails closed without a signature.
        let encodedId = PercentEncoding.encode(connectionId, keeping: .unreserved)
        let unsigned = try await cluster.invoke(port: port, apiId: api, "/prod/@connections/\(encodedId)", method: .POST, body: Array("x".utf8))
        #expect(unsigned.status == 403)

        // Signed by an IAM user allowed execute-api:ManageConnections: the data reaches the client.
        let keys = try await Self.managementUser(cluster)
        await Self.untilIAMServed(cluster, port: port, api: api, connectionId: encodedId, keys: keys)
        let posted = try await Self.manage(cluster, port: port, api: api, .POST, encodedId, keys: keys, body: Array("pushed".utf8))
        #expect(posted.status == 200)
        #expect(await client.receiveTextAsync() == "pushed")
        let info = try await Self.manage(cluster, port: port, api: api, .GET, encodedId, keys: keys)
        #expect(info.status == 200)
        #expect((info.json["identity"] as? [String: Any])?["sourceIp"] as? String == "127.0.0.1")
        #expect((info.json["identity"] as? [String: Any])?["userAgent"] as? String == "tollgate-test")
        #expect((info.json["connectedAt"] as? String)?.hasSuffix("Z") == true && info.json["lastActiveAt"] != nil)
        let tooBig = try await Self.manage(cluster, port: port, api: api, .POST, encodedId, keys: keys,
                                           body: [UInt8](repeating: 0x61, count: 128 * 1024 + 1))
        #expect(tooBig.status == 413 && tooBig.headers["x-amzn-ErrorType"] == "PayloadTooLargeException")

        // The client closes: the node runs $disconnect and the id is gone (410).
        client.close(1000)
        if case .close(let frame)? = await client.receiveAsync() { #expect(frame.code == .normal) } else { Issue.record("no close echoed") }
        var gone = try await Self.manage(cluster, port: port, api: api, .POST, encodedId, keys: keys, body: Array("late".utf8))
        for _ in 0..<50 where gone.status != 410 {
            try await Task.sleep(for: .milliseconds(20))
            gone = try await Self.manage(cluster, port: port, api: api, .POST, encodedId, keys: keys, body: Array("late".utf8))
        }
        #expect(gone.status == 410 && gone.headers["x-amzn-ErrorType"] == "GoneException")
        var disconnected = false
        for _ in 0..<100 where !disconnected {
            disconnected = Self.events.withLock { $0.contains("DISCONNECT \(connectionId)") }
            if !disconnected { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(disconnected)
    }

    @Test func aMockConnectAnsweringNon2xxRefusesTheUpgradeAndStagesMustExist() async throws {
        let cluster = try await Cluster.start(nodes: 1)
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        let api = try await Self.create(admin, ["name": "closed", "protocolType": "WEBSOCKET", "routeSelectionExpression": "$request.body.action"],
                                        at: "/v2/apis")
        let deny = try await Self.create(admin, ["integrationType": "MOCK", "requestTemplates": ["$default": #"{"statusCode": 403}"#]],
                                         at: "/v2/apis/\(api)/integrations")
        _ = try await Self.create(admin, ["routeKey": "$connect", "target": "integrations/\(deny)"], at: "/v2/apis/\(api)/routes")
        _ = try await admin.call(.POST, "/v2/apis/\(api)/stages", json: ["stageName": "prod"])
        _ = try await admin.call(.POST, "/v2/apis/\(api)/deployments", json: ["stageName": "prod"])
        let port = cluster.nodePorts[0]
        let refused = try #require(await Self.connect(port, api))
        #expect(refused.status == 403)
        let noStage = try #require(await TestWebSocketClient.connectAsync(port: port, host: Self.host(api, port), path: "/dev"))
        #expect(noStage.status == 403)
    }

    /// SIGTERM: every connection is closed with 1001 "Going away" and its `$disconnect` runs
    /// before the node exits.
    @Test func aDrainClosesConnectionsWithGoingAwayAndRunsDisconnect() async throws {
        let cluster = try await Cluster.start(nodes: 1, lambda: Self.function)
        defer { Task { await cluster.stop() } }
        let api = try await Self.chatApi(cluster)
        let client = try #require(await Self.connect(cluster.nodePorts[0], api))
        #expect(client.status == 101)
        client.send(#"{"action":"echo"}"#)
        let echoed = try #require(await client.receiveTextAsync())
        let connectionId = try #require((try JSONSerialization.jsonObject(with: Data(echoed.utf8)) as? [String: Any])?["connectionId"] as? String)
        async let closing = client.receiveAsync()
        #expect(await cluster.node(0).stop() == 0)
        guard case .close(let frame)? = await closing else {
            Issue.record("no close frame before the node exited")
            return
        }
        #expect(frame.code == .goingAway && frame.reason == "Going away")
        #expect(Self.events.withLock { $0.contains("DISCONNECT \(connectionId)") })
    }

    /// AWS_IAM on `$connect`: an unsigned upgrade is refused (403), one signed by an allowed IAM
    /// user connects.
    @Test func anIamConnectNeedsASignedUpgrade() async throws {
        let cluster = try await Cluster.start(nodes: 1)
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        let api = try await Self.create(admin, ["name": "iam", "protocolType": "WEBSOCKET", "routeSelectionExpression": "$request.body.action"],
                                        at: "/v2/apis")
        let mock = try await Self.create(admin, ["integrationType": "MOCK", "requestTemplates": ["$default": #"{"statusCode": 200}"#]],
                                         at: "/v2/apis/\(api)/integrations")
        _ = try await Self.create(admin, ["routeKey": "$connect", "target": "integrations/\(mock)", "authorizationType": "AWS_IAM"],
                                  at: "/v2/apis/\(api)/routes")
        _ = try await admin.call(.POST, "/v2/apis/\(api)/stages", json: ["stageName": "prod"])
        _ = try await admin.call(.POST, "/v2/apis/\(api)/deployments", json: ["stageName": "prod"])
        let port = cluster.nodePorts[0]
        let keys = try await Self.managementUser(cluster)
        let unsigned = try #require(await Self.connect(port, api))
        #expect(unsigned.status == 403)
        func signedHeaders() -> [(String, String)] {
            var headers = HTTPHeaders()
            headers.add("Host", Self.host(api, port))
            let signer = SigV4Signer(credentials: keys, region: "us-east-1", service: "execute-api")
            let signed = signer.sign(HTTPRequest(head: HTTPRequestHead(method: .GET, target: "/prod", headers: headers)),
                                     at: Int64(Date().timeIntervalSince1970))
            return signed.headers.fields.filter { $0.name.lowercased() != "host" }.map { ($0.name, $0.value) }
        }
        // The node learns the user at its next poll: until then a signed upgrade is refused too.
        var client = await TestWebSocketClient.connectAsync(port: port, host: Self.host(api, port), path: "/prod", headers: signedHeaders())
        let deadline = ContinuousClock.now + .seconds(15)
        while client?.status != 101, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            client = await TestWebSocketClient.connectAsync(port: port, host: Self.host(api, port), path: "/prod", headers: signedHeaders())
        }
        #expect(client?.status == 101)
    }

    /// A REQUEST Lambda authorizer on `$connect`: a missing identity source is 401 without a call,
    /// a Deny policy 403, an Allow connects and the principal reaches later events.
    @Test func aConnectRequestAuthorizerDecidesTheUpgrade() async throws {
        let cluster = try await Cluster.start(nodes: 1, lambda: Self.function)
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        let api = try await Self.create(admin, ["name": "authz", "protocolType": "WEBSOCKET", "routeSelectionExpression": "$request.body.action"],
                                        at: "/v2/apis")
        let authorizer = try #require(try await admin.call(.POST, "/v2/apis/\(api)/authorizers", json: [
            "name": "gate", "authorizerType": "REQUEST", "identitySource": ["route.request.header.Auth"],
            "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\(Self.functionsArn)authorizer/invocations",
        ])["authorizerId"] as? String)
        let mock = try await Self.create(admin, ["integrationType": "MOCK", "requestTemplates": ["$default": #"{"statusCode": 200}"#]],
                                         at: "/v2/apis/\(api)/integrations")
        let echo = try await Self.create(admin, ["integrationType": "AWS_PROXY", "integrationUri": Self.functionsArn + "echo"],
                                         at: "/v2/apis/\(api)/integrations")
        _ = try await Self.create(admin, ["routeKey": "$connect", "target": "integrations/\(mock)", "authorizationType": "CUSTOM",
                                          "authorizerId": authorizer], at: "/v2/apis/\(api)/routes")
        _ = try await Self.create(admin, ["routeKey": "echo", "target": "integrations/\(echo)", "routeResponseSelectionExpression": "$default"],
                                  at: "/v2/apis/\(api)/routes")
        _ = try await admin.call(.POST, "/v2/apis/\(api)/stages", json: ["stageName": "prod"])
        _ = try await admin.call(.POST, "/v2/apis/\(api)/deployments", json: ["stageName": "prod"])
        let port = cluster.nodePorts[0]
        let missing = try #require(await Self.connect(port, api))
        #expect(missing.status == 401)
        let denied = try #require(await Self.connect(port, api, headers: [("Auth", "wrong")]))
        #expect(denied.status == 403)
        let client = try #require(await Self.connect(port, api, headers: [("Auth", "letmein")]))
        #expect(client.status == 101)
        client.send(#"{"action":"echo"}"#)
        let echoed = try #require(await client.receiveTextAsync())
        #expect((try JSONSerialization.jsonObject(with: Data(echoed.utf8)) as? [String: Any])?["principal"] as? String == "user-7")
    }

    /// A route throttle of 0/0 refuses every message with the throttle frame; binary messages go to `$default`.
    @Test func routeThrottlesAnswerTheThrottleFrame() async throws {
        let cluster = try await Cluster.start(nodes: 1)
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        let api = try await Self.create(admin, ["name": "busy", "protocolType": "WEBSOCKET", "routeSelectionExpression": "$request.body.action"],
                                        at: "/v2/apis")
        let mock = try await Self.create(admin, ["integrationType": "MOCK"], at: "/v2/apis/\(api)/integrations")
        _ = try await Self.create(admin, ["routeKey": "$default", "target": "integrations/\(mock)"], at: "/v2/apis/\(api)/routes")
        _ = try await admin.call(.POST, "/v2/apis/\(api)/stages", json: [
            "stageName": "prod", "routeSettings": ["$default": ["throttlingBurstLimit": 0, "throttlingRateLimit": 0]],
        ])
        _ = try await admin.call(.POST, "/v2/apis/\(api)/deployments", json: ["stageName": "prod"])
        let client = try #require(await Self.connect(cluster.nodePorts[0], api))
        #expect(client.status == 101)
        client.send("plain text")
        #expect(await client.receiveTextAsync()?.hasPrefix(#"{"message": "Too many requests", "connectionId":""#) == true)
        client.send([1, 2, 3], opcode: .binary)
        #expect(await client.receiveTextAsync()?.hasPrefix(#"{"message": "Too many requests""#) == true)
    }

    // MARK: - IAM

    /// Creates an IAM user allowed `execute-api:ManageConnections` and returns its keys.
    static func managementUser(_ cluster: Cluster) async throws -> SigV4Credentials {
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["execute-api:ManageConnections","execute-api:Invoke"],"Resource":"*"}]}"#
        _ = try await iam(cluster, "CreateUser", [("UserName", "pusher")])
        _ = try await iam(cluster, "PutUserPolicy", [("UserName", "pusher"), ("PolicyName", "manage"), ("PolicyDocument", policy)])
        let created = try await iam(cluster, "CreateAccessKey", [("UserName", "pusher")])
        let id = try #require(value("AccessKeyId", in: created))
        let secret = try #require(value("SecretAccessKey", in: created))
        return SigV4Credentials(accessKeyId: id, secretAccessKey: secret)
    }

    static func iam(_ cluster: Cluster, _ action: String, _ parameters: [(String, String)]) async throws -> String {
        var form = "Action=\(action)&Version=2010-05-08"
        for (name, value) in parameters { form += "&\(name)=" + PercentEncoding.encode(value, keeping: .unreserved) }
        let endpoint = try #require(HTTPEndpointAddress(cluster.controlPlaneURL))
        var headers = HTTPHeaders()
        headers.add("Host", endpoint.hostHeader)
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        let signer = SigV4Signer(credentials: Cluster.credentials, region: "us-east-1", service: "iam")
        let request = HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/", headers: headers), body: Array(form.utf8))
        let signed = signer.sign(request, at: Int64(Date().timeIntervalSince1970))
        let response = try await cluster.client.execute(HTTPClientRequest(
            host: endpoint.host, port: endpoint.port, method: .POST, target: "/", headers: signed.headers, body: Array(form.utf8),
            connectTimeout: .seconds(5), responseTimeout: .seconds(10)))
        #expect(response.status == 200, "\(action): \(String(decoding: response.body, as: UTF8.self))")
        return String(decoding: response.body, as: UTF8.self)
    }

    static func value(_ name: String, in body: String) -> String? {
        guard let start = body.range(of: "<\(name)>"), let end = body.range(of: "</\(name)>", range: start.upperBound..<body.endIndex)
        else { return nil }
        return String(body[start.upperBound..<end.lowerBound])
    }

    /// A `@connections` call signed for `execute-api`.
    static func manage(_ cluster: Cluster, port: Int, api: String, _ method: HTTPMethod, _ encodedId: String, keys: SigV4Credentials,
                       body: [UInt8] = []) async throws -> HTTPResponse {
        let target = "/prod/@connections/\(encodedId)"
        var headers = HTTPHeaders()
        headers.add("Host", host(api, port))
        let signer = SigV4Signer(credentials: keys, region: "us-east-1", service: "execute-api")
        let signed = signer.sign(HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: body),
                                 at: Int64(Date().timeIntervalSince1970))
        return try await cluster.client.execute(HTTPClientRequest(
            host: "127.0.0.1", port: port, method: method, target: target, headers: signed.headers, body: body,
            connectTimeout: .seconds(5), responseTimeout: .seconds(10)))
    }

    /// Waits until the node has the IAM user (its next snapshot): GetConnection stops answering 403.
    static func untilIAMServed(_ cluster: Cluster, port: Int, api: String, connectionId: String, keys: SigV4Credentials) async {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if let answer = try? await manage(cluster, port: port, api: api, .GET, connectionId, keys: keys), answer.status != 403 { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
