import Foundation
import Testing
import Shared

/// HTTP API Lambda authorizers, AWS_IAM routes and parameter mapping through a real control plane
/// and node: the Lambda Invoke stand-in (`AuthorizerStandIn` counts calls) decides, IAM users and
/// keys come from the control plane's IAM API, the echo backend shows what mapping sent.
@Suite(.serialized, .timeLimit(.minutes(3))) struct HttpApiAuthorizationEndToEndTests {
    static let functions = "arn:aws:lambda:us-east-1:000000000000:function:"

    /// `v2-auth` answers simply by the `X-Token` identity (`allow…` allowed with a context, else
    /// denied); `v2-policy` with a 2.0 policy on the stage's GETs; `v2-backend` echoes the
    /// `requestContext.authorizer` it was given.
    static func function(_ standIn: AuthorizerStandIn) -> LambdaInvokeServer.Function {
        let counted = standIn.function
        return { name, event in
            let identity = (event["identitySource"] as? [String])?.first ?? ""
            switch name {
            case "v2-auth":
                _ = counted("v2-auth", event)  // counts the call (an unknown name answers a function error, ignored here)
                return .init(body: AuthorizerStandIn.json(["isAuthorized": identity.hasPrefix("allow"), "context": ["user": identity, "n": 1]]))
            case "v2-policy":
                _ = counted("v2-policy", event)
                let arn = event["routeArn"] as? String ?? ""
                return .init(body: AuthorizerStandIn.json(["principalId": "p", "policyDocument": AuthorizerStandIn.policy(identity == "allow" ? "Allow" : "Deny", methodArn: arn),
                                                           "context": ["tier": "gold"]]))
            case "v2-backend":
                let context = (event["requestContext"] as? [String: Any])?["authorizer"] ?? NSNull()
                let body = String(decoding: AuthorizerStandIn.json(["authorizer": context]), as: UTF8.self)
                return .init(body: AuthorizerStandIn.json(["statusCode": 200, "body": body]))
            default:
                return counted(name, event)
            }
        }
    }

    /// One IAM API call to the control plane (form POST signed for service `iam`); the XML answer.
    static func iam(_ cluster: Cluster, _ action: String, _ parameters: [(String, String)]) async throws -> String {
        let port = Int(cluster.controlPlaneURL.split(separator: ":").last!)!
        var form = "Action=\(action)&Version=2010-05-08"
        for (name, value) in parameters { form += "&\(name)=" + PercentEncoding.encode(value, keeping: .unreserved) }
        let request = HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/", headers: [
            "Host": "127.0.0.1:\(port)", "Content-Type": "application/x-www-form-urlencoded",
        ]), body: Array(form.utf8))
        let signed = SigV4Signer(credentials: Cluster.credentials, region: "us-east-1", service: "iam").sign(request, at: Int64(Date().timeIntervalSince1970))
        let response = try await cluster.send(port: port, "/", method: .POST, headers: signed.headers.fields.filter { $0.name != "Host" },
                                              body: request.body)
        #expect(response.status == 200, "\(action): \(response.text)")
        return response.text
    }

    static func value(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    @Test func lambdaAuthorizersAllowDenyAnswerSimplyAndCacheOnARealNode() async throws {
        let standIn = AuthorizerStandIn()
        let cluster = try await Cluster.start(nodes: 1, lambda: Self.function(standIn))
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        let id = try #require(try await admin.call(.POST, "/v2/apis", json: ["name": "v2auth", "protocolType": "HTTP"])["apiId"] as? String)
        let backend = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "AWS_PROXY", "integrationUri": Self.functions + "v2-backend", "payloadFormatVersion": "2.0",
        ])["integrationId"] as? String)
        func authorizer(_ function: String, simple: Bool, ttl: Int) async throws -> String {
            try #require(try await admin.call(.POST, "/v2/apis/\(id)/authorizers", json: [
                "authorizerType": "REQUEST", "name": function + "-\(ttl)", "identitySource": ["$request.header.X-Token"],
                "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\(Self.functions)\(function)/invocations",
                "authorizerPayloadFormatVersion": "2.0", "enableSimpleResponses": simple, "authorizerResultTtlInSeconds": ttl,
            ])["authorizerId"] as? String)
        }
        let simple = try await authorizer("v2-auth", simple: true, ttl: 0)
        let cached = try await authorizer("v2-auth", simple: true, ttl: 300)
        let policy = try await authorizer("v2-policy", simple: false, ttl: 0)
        for (key, authorizerId) in [("GET /simple", simple), ("GET /cached", cached), ("GET /policy", policy)] {
            _ = try await admin.call(.POST, "/v2/apis/\(id)/routes", json: [
                "routeKey": key, "target": "integrations/\(backend)", "authorizationType": "CUSTOM", "authorizerId": authorizerId,
            ])
        }
        _ = try await admin.call(.POST, "/v2/apis/\(id)/stages", json: ["stageName": "$default", "autoDeploy": true])
        let port = cluster.nodePorts[0]
        let served = await cluster.untilEveryNode(within: .seconds(15)) { port in
            (try? await cluster.invoke(port: port, apiId: id, "/simple", headers: [("X-Token", "allow-ann")]).status) == 200
        }
        #expect(served != nil, "the CUSTOM route was not served")

        // Allowed: the context reaches the integration as `requestContext.authorizer.lambda`.
        let allowed = try await cluster.invoke(port: port, apiId: id, "/simple", headers: [("X-Token", "allow-bob")])
        #expect(allowed.status == 200)
        let lambda = ((allowed.json["authorizer"] as? [String: Any])?["lambda"] as? [String: Any])
        #expect(lambda?["user"] as? String == "allow-bob")
        #expect(lambda?["n"] as? Int == 1)
        // Denied by the simple answer.
        let denied = try await cluster.invoke(port: port, apiId: id, "/simple", headers: [("X-Token", "nope")])
        #expect(denied.status == 403 && denied.text == #"{"message":"Forbidden"}"#)
        // No identity: 401 and no call.
        let before = standIn.calls("v2-auth")
        let missing = try await cluster.invoke(port: port, apiId: id, "/simple")
        #expect(missing.status == 401 && missing.text == #"{"message":"Unauthorized"}"#)
        #expect(standIn.calls("v2-auth") == before)
        // Cached for 300 s by identity: one call for three requests with the same token, another for a new token.
        for _ in 0..<3 { #expect(try await cluster.invoke(port: port, apiId: id, "/cached", headers: [("X-Token", "allow-cy")]).status == 200) }
        #expect(standIn.calls("v2-auth") == before + 1)
        #expect(try await cluster.invoke(port: port, apiId: id, "/cached", headers: [("X-Token", "allow-di")]).status == 200)
        #expect(standIn.calls("v2-auth") == before + 2)
        // Without a TTL every request calls.
        for _ in 0..<2 { _ = try await cluster.invoke(port: port, apiId: id, "/simple", headers: [("X-Token", "allow-cy")]) }
        #expect(standIn.calls("v2-auth") == before + 4)
        // A 2.0 policy answer: Allow on the stage's GETs, Deny otherwise.
        let policyAllowed = try await cluster.invoke(port: port, apiId: id, "/policy", headers: [("X-Token", "allow")])
        #expect(policyAllowed.status == 200)
        #expect(((policyAllowed.json["authorizer"] as? [String: Any])?["lambda"] as? [String: Any])?["tier"] as? String == "gold")
        #expect(try await cluster.invoke(port: port, apiId: id, "/policy", headers: [("X-Token", "deny")]).status == 403)
    }

    @Test func iamRoutesTakeSignedCallsAndRefuseWrongSignatures() async throws {
        let cluster = try await Cluster.start(nodes: 1)
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        _ = try await Self.iam(cluster, "CreateUser", [("UserName", "carol")])
        let created = try await Self.iam(cluster, "CreateAccessKey", [("UserName", "carol")])
        let credentials = SigV4Credentials(accessKeyId: try #require(Self.value("AccessKeyId", in: created)),
                                           secretAccessKey: try #require(Self.value("SecretAccessKey", in: created)))
        _ = try await Self.iam(cluster, "PutUserPolicy", [("UserName", "carol"), ("PolicyName", "invoke"), ("PolicyDocument",
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:*/*/GET/signed"}]}"#)])
        let id = try #require(try await admin.call(.POST, "/v2/apis", json: ["name": "iam", "protocolType": "HTTP"])["apiId"] as? String)
        let echo = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "HTTP_PROXY", "integrationUri": "http://127.0.0.1:\(cluster.echo.port)/echo", "integrationMethod": "ANY",
            "payloadFormatVersion": "1.0",
        ])["integrationId"] as? String)
        for key in ["GET /signed", "GET /elsewhere"] {
            _ = try await admin.call(.POST, "/v2/apis/\(id)/routes", json: ["routeKey": key, "target": "integrations/\(echo)", "authorizationType": "AWS_IAM"])
        }
        _ = try await admin.call(.POST, "/v2/apis/\(id)/stages", json: ["stageName": "$default", "autoDeploy": true])
        let port = cluster.nodePorts[0]
        @Sendable func signed(_ path: String, with keys: SigV4Credentials) -> [(String, String)] {
            let request = HTTPRequest(head: HTTPRequestHead(method: .GET, target: path, headers: ["Host": "\(id).execute-api.localhost:\(port)"]))
            let headers = SigV4Signer(credentials: keys, region: "us-east-1", service: "execute-api").sign(request, at: Int64(Date().timeIntervalSince1970)).headers
            return headers.fields.filter { $0.name != "Host" }
        }
        let served = await cluster.untilEveryNode(within: .seconds(15)) { port in
            (try? await cluster.invoke(port: port, apiId: id, "/signed", headers: signed("/signed", with: credentials)).status) == 200
        }
        #expect(served != nil, "the signed call to the AWS_IAM route was not served")
        let wrong = SigV4Credentials(accessKeyId: credentials.accessKeyId, secretAccessKey: "not-the-secret-0000000000000000000000000")
        for (what, headers) in [("unsigned", [(String, String)]()), ("wrong signature", signed("/signed", with: wrong))] {
            let response = try await cluster.invoke(port: port, apiId: id, "/signed", headers: headers)
            #expect(response.status == 403 && response.text == #"{"message":"Forbidden"}"#, "\(what)")
        }
        // Signed, but the user's policy does not allow this route.
        #expect(try await cluster.invoke(port: port, apiId: id, "/elsewhere", headers: signed("/elsewhere", with: credentials)).status == 403)
    }

    @Test func parameterMappingIsSeenByTheEchoBackend() async throws {
        let cluster = try await Cluster.start(nodes: 1)
        defer { Task { await cluster.stop() } }
        let admin = cluster.admin
        let id = try #require(try await admin.call(.POST, "/v2/apis", json: ["name": "mapping", "protocolType": "HTTP"])["apiId"] as? String)
        // A reserved header is refused at the admin API.
        do {
            _ = try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
                "integrationType": "HTTP_PROXY", "integrationUri": "http://127.0.0.1:\(cluster.echo.port)/echo", "integrationMethod": "ANY",
                "payloadFormatVersion": "1.0", "requestParameters": ["overwrite:header.Authorization": "x"],
            ])
            Issue.record("a mapping of a reserved header was accepted")
        } catch {
            #expect("\(error)".contains("400"), "\(error)")
        }
        let echo = try #require(try await admin.call(.POST, "/v2/apis/\(id)/integrations", json: [
            "integrationType": "HTTP_PROXY", "integrationUri": "http://127.0.0.1:\(cluster.echo.port)/echo", "integrationMethod": "ANY",
            "payloadFormatVersion": "1.0",
            "requestParameters": ["append:header.X-Pet": "$request.path.id", "overwrite:querystring.from": "$request.header.X-From",
                                  "remove:querystring.secret": "''", "overwrite:path": "/echo/mapped/${request.path.id}"],
            "responseParameters": ["200": ["overwrite:statuscode": "202", "append:header.X-Stage": "$context.stage"]],
        ])["integrationId"] as? String)
        _ = try await admin.call(.POST, "/v2/apis/\(id)/routes", json: ["routeKey": "GET /pets/{id}", "target": "integrations/\(echo)"])
        _ = try await admin.call(.POST, "/v2/apis/\(id)/stages", json: ["stageName": "$default", "autoDeploy": true])
        let port = cluster.nodePorts[0]
        let served = await cluster.untilEveryNode(within: .seconds(15)) { port in
            (try? await cluster.invoke(port: port, apiId: id, "/pets/1").status) == 202
        }
        #expect(served != nil, "the mapped route was not served")
        let response = try await cluster.invoke(port: port, apiId: id, "/pets/42?secret=s&keep=k", headers: [("X-From", "web")])
        #expect(response.status == 202)
        #expect(response.headers["X-Stage"] == "$default")
        let echoed = response.json
        #expect(echoed["path"] as? String == "/echo/mapped/42")
        #expect(echoed["query"] as? String == "keep=k&from=web")
        #expect(IntegrationEndToEndTests.header("X-Pet", in: echoed) == "42")
    }
}
