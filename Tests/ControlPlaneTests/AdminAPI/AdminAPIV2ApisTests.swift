import Testing
@testable import ControlPlane
import Shared

/// apigatewayv2 CreateApi / GetApi / GetApis / UpdateApi / DeleteApi and quick create.
@Suite struct AdminAPIV2ApisTests {
    static let lambda = "arn:aws:lambda:us-east-1:123456789012:function:hello"

    @Test func createsAnHTTPApiWithAWSDefaults() throws {
        let h = try AdminHarness()
        let created = h.call("POST", "/v2/apis", ["name": "pets", "protocolType": "HTTP", "tags": ["team": "a"]])
        #expect(created.status == 201)
        let id = try #require(created.string("apiId"))
        #expect(id.count == 10)
        #expect(created.string("apiEndpoint") == "https://\(id).execute-api.us-east-1.amazonaws.com")
        #expect(created.string("routeSelectionExpression") == "$request.method $request.path")
        #expect(created.string("apiKeySelectionExpression") == "$request.header.x-api-key")
        #expect(created["disableExecuteApiEndpoint"] as? Bool == false)
        #expect(created.string("createdDate") == "2023-11-14T22:13:20Z")
        #expect(created["tags"] as? [String: String] == ["team": "a"])
        #expect(h.call("GET", "/v2/apis/\(id)").string("name") == "pets")
    }

    @Test func webSocketApisNeedARouteSelectionExpressionAndUseWss() throws {
        let h = try AdminHarness()
        let missing = h.call("POST", "/v2/apis", ["name": "chat", "protocolType": "WEBSOCKET"])
        #expect(missing.status == 400 && missing.errorType == "BadRequestException")
        let created = h.call("POST", "/v2/apis", ["name": "chat", "protocolType": "WEBSOCKET",
                                                  "routeSelectionExpression": "$request.body.action"])
        #expect(created.status == 201 && created.string("apiEndpoint")?.hasPrefix("wss://") == true)
        #expect(created.string("routeSelectionExpression") == "$request.body.action")
        #expect(h.call("POST", "/v2/apis", ["name": "c", "protocolType": "WEBSOCKET", "routeSelectionExpression": "$request.body.a",
                                            "corsConfiguration": ["allowOrigins": ["*"]]]).status == 400)
    }

    @Test func refusesWhatAnHTTPApiCannotHonour() throws {
        let h = try AdminHarness()
        let badProtocol = h.call("POST", "/v2/apis", ["name": "x", "protocolType": "REST"])
        #expect(badProtocol.status == 400 && badProtocol.message == "Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]")
        #expect(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP", "routeSelectionExpression": "$request.body.x"]).status == 400)
        #expect(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP",
                                            "apiKeySelectionExpression": "$context.authorizer.usageIdentifierKey"]).status == 400)
        #expect(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP", "corsConfiguration": ["maxAge": 86_401]]).status == 400)
        #expect(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP",
                                            "corsConfiguration": ["allowOrigins": ["*"], "allowCredentials": true]]).status == 400)
        #expect(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP", "ipAddressType": "ipv6"]).status == 400)
        #expect(h.call("GET", "/v2/apis").items.isEmpty)
    }

    @Test func corsConfigurationIsStoredUpdatedAndDeleted() throws {
        let h = try AdminHarness()
        let cors: [String: Any] = ["allowOrigins": ["https://a.example"], "allowMethods": ["GET", "POST"], "maxAge": 300,
                                   "allowHeaders": ["content-type"], "exposeHeaders": ["x-id"], "allowCredentials": true]
        let id = try #require(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP", "corsConfiguration": cors]).string("apiId"))
        let stored = try #require(h.call("GET", "/v2/apis/\(id)")["corsConfiguration"] as? [String: Any])
        #expect(stored["maxAge"] as? Int == 300 && stored["allowOrigins"] as? [String] == ["https://a.example"])
        #expect(h.call("DELETE", "/v2/apis/\(id)/cors").status == 204)
        #expect(h.call("GET", "/v2/apis/\(id)")["corsConfiguration"] == nil)
        #expect(h.call("DELETE", "/v2/apis/\(id)/cors").status == 404)
    }

    @Test func updateChangesOnlyTheMembersSentAndDeleteRemoves() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP", "description": "d", "version": "1"]).string("apiId"))
        let updated = h.call("PATCH", "/v2/apis/\(id)", ["name": "y", "disableExecuteApiEndpoint": true])
        #expect(updated.status == 200 && updated.string("name") == "y" && updated.string("description") == "d")
        #expect(updated["disableExecuteApiEndpoint"] as? Bool == true)
        #expect(h.call("PATCH", "/v2/apis/\(id)", ["protocolType": "WEBSOCKET"]).status == 400)
        #expect(h.call("DELETE", "/v2/apis/\(id)").status == 204)
        let gone = h.call("GET", "/v2/apis/\(id)")
        #expect(gone.status == 404 && gone.errorType == "NotFoundException" && gone.message == "Invalid API identifier specified \(id)")
        #expect(h.call("DELETE", "/v2/apis/\(id)").status == 404)
    }

    @Test func getApisPagesWithMaxResultsAndNextToken() throws {
        let h = try AdminHarness()
        for index in 0..<5 { h.call("POST", "/v2/apis", ["name": "api\(index)", "protocolType": "HTTP"]) }
        #expect(h.call("GET", "/v2/apis").items.count == 5)
        var names: [String] = []
        var token: String?
        repeat {
            let page = h.call("GET", "/v2/apis?maxResults=2" + (token.map { "&nextToken=\($0)" } ?? ""))
            #expect(page.items.count <= 2)
            names += page.items.compactMap { $0["name"] as? String }
            token = page.string("nextToken")
        } while token != nil
        #expect(names == ["api0", "api1", "api2", "api3", "api4"])
        #expect(h.call("GET", "/v2/apis?maxResults=0").status == 400)
        #expect(h.call("GET", "/v2/apis?nextToken=zz").status == 400)
    }

    @Test func v2AndV1ApisLiveApartAndNeverShareAnId() throws {
        let h = try AdminHarness()
        let (restId, _) = h.createApi()
        let v2Id = try #require(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP"]).string("apiId"))
        #expect(restId != v2Id)
        // CreateApi draws ids until apiIdInUse is false: both services' ids count as taken.
        #expect(try h.store.read { tx in try tx.apiIdInUse(restId) && tx.apiIdInUse(v2Id) && !tx.apiIdInUse("zzzzzzzzzz") })
        #expect(h.call("GET", "/v2/apis/\(restId)").status == 404)
        #expect(h.call("GET", "/restapis/\(v2Id)").status == 404)
        #expect(h.call("GET", "/restapis").items.count == 1 && h.call("GET", "/v2/apis").items.count == 1)
    }

    // MARK: - Quick create

    @Test func quickCreateWithALambdaMakesAnAwsProxyRouteAndAnAutoDeployedDefaultStage() throws {
        let h = try AdminHarness()
        let created = h.call("POST", "/v2/apis", ["name": "q", "protocolType": "HTTP", "target": Self.lambda])
        #expect(created.status == 201)
        let id = try #require(created.string("apiId"))
        let integrations = h.call("GET", "/v2/apis/\(id)/integrations").items
        #expect(integrations.count == 1)
        let integration = try #require(integrations.first)
        #expect(integration["integrationType"] as? String == "AWS_PROXY" && integration["payloadFormatVersion"] as? String == "2.0")
        #expect(integration["integrationUri"] as? String == Self.lambda && integration["apiGatewayManaged"] as? Bool == true)
        let routes = h.call("GET", "/v2/apis/\(id)/routes").items
        #expect(routes.count == 1 && routes.first?["routeKey"] as? String == "$default")
        #expect(routes.first?["target"] as? String == "integrations/\(integration["integrationId"] as? String ?? "")")
        let stage = h.call("GET", "/v2/apis/\(id)/stages/$default")
        #expect(stage.status == 200 && stage["autoDeploy"] as? Bool == true && stage["apiGatewayManaged"] as? Bool == true)
        let deploymentId = try #require(stage.string("deploymentId"))
        let deployment = h.call("GET", "/v2/apis/\(id)/deployments/\(deploymentId)")
        #expect(deployment["autoDeployed"] as? Bool == true && deployment.string("deploymentStatus") == "DEPLOYED")
    }

    @Test func quickCreateWithAURLAndARouteKeyMakesAnHttpProxyIntegration() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/v2/apis", ["name": "q", "protocolType": "HTTP", "target": "https://backend.example/x",
                                                          "routeKey": "GET /pets/{id}"]).string("apiId"))
        let integration = try #require(h.call("GET", "/v2/apis/\(id)/integrations").items.first)
        #expect(integration["integrationType"] as? String == "HTTP_PROXY" && integration["integrationMethod"] as? String == "ANY")
        #expect(integration["payloadFormatVersion"] as? String == "1.0")
        #expect(h.call("GET", "/v2/apis/\(id)/routes").items.first?["routeKey"] as? String == "GET /pets/{id}")
    }

    @Test func quickCreateRefusesWhatItCannotMake() throws {
        let h = try AdminHarness()
        #expect(h.call("POST", "/v2/apis", ["name": "q", "protocolType": "HTTP", "routeKey": "GET /"]).status == 400)
        #expect(h.call("POST", "/v2/apis", ["name": "q", "protocolType": "HTTP", "target": "https://b.example",
                                            "credentialsArn": "arn:aws:iam::123456789012:role/r"]).status == 400)
        #expect(h.call("POST", "/v2/apis", ["name": "q", "protocolType": "HTTP", "target": Self.lambda, "routeKey": "GET pets"]).status == 400)
        #expect(h.call("POST", "/v2/apis", ["name": "q", "protocolType": "WEBSOCKET", "routeSelectionExpression": "$request.body.a",
                                            "target": Self.lambda]).status == 400)
        #expect(h.call("GET", "/v2/apis").items.isEmpty)
        let withRole = h.call("POST", "/v2/apis", ["name": "q", "protocolType": "HTTP", "target": Self.lambda,
                                                   "credentialsArn": "arn:aws:iam::123456789012:role/invoke"])
        let id = try #require(withRole.string("apiId"))
        #expect(h.call("GET", "/v2/apis/\(id)/integrations").items.first?["credentialsArn"] as? String == "arn:aws:iam::123456789012:role/invoke")
    }

    @Test func mutatingV2CallsAreAuditedUnderTheirService() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP"]).string("apiId"))
        h.call("POST", "/v2/apis", ["name": "x", "protocolType": "NOPE"])
        let rows = try h.store.read { tx in try tx.audit() }
        #expect(rows.map(\.operation).contains("apigatewayv2:CreateApi"))
        #expect(rows.contains { $0.operation == "apigatewayv2:CreateApi" && $0.targets == [id] && $0.status == 201 })
        #expect(rows.contains { $0.operation == "apigatewayv2:CreateApi" && $0.errorType == "BadRequestException" })
    }

    @Test func anUnhandledV2OperationAnswersNotImplemented() throws {
        let h = try AdminHarness()
        let result = h.call("GET", "/v2/vpclinks")
        #expect(result.status == 501 && result.errorType == "NotImplementedException")
    }
}
