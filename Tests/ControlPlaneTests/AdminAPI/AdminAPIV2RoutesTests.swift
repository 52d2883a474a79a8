import Testing
@testable import ControlPlane
import Shared

/// apigatewayv2 routes and integrations.
@Suite struct AdminAPIV2RoutesTests {
    static let lambda = "arn:aws:lambda:us-east-1:123456789012:function:hello"

    static func httpApi(_ h: AdminHarness) throws -> String {
        try #require(h.call("POST", "/v2/apis", ["name": "pets", "protocolType": "HTTP"]).string("apiId"))
    }

    static func lambdaIntegration(_ h: AdminHarness, _ api: String) throws -> String {
        try #require(h.call("POST", "/v2/apis/\(api)/integrations", ["integrationType": "AWS_PROXY", "integrationUri": lambda,
                                                                     "payloadFormatVersion": "2.0"]).string("integrationId"))
    }

    @Test func createsGetsListsUpdatesAndDeletesARoute() throws {
        let h = try AdminHarness()
        let api = try Self.httpApi(h)
        #expect(h.call("GET", "/v2/apis/\(api)/routes").items.isEmpty)
        let integration = try Self.lambdaIntegration(h, api)
        let created = h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /pets/{id}", "target": "integrations/\(integration)"])
        #expect(created.status == 201 && created.string("authorizationType") == "NONE" && created["apiKeyRequired"] as? Bool == false)
        let id = try #require(created.string("routeId"))
        #expect(h.call("GET", "/v2/apis/\(api)/routes/\(id)").string("routeKey") == "GET /pets/{id}")
        #expect(h.call("PATCH", "/v2/apis/\(api)/routes/\(id)", ["routeKey": "ANY /{proxy+}"]).string("routeKey") == "ANY /{proxy+}")
        #expect(h.call("GET", "/v2/apis/\(api)/routes").items.count == 1)
        #expect(h.call("DELETE", "/v2/apis/\(api)/routes/\(id)").status == 204)
        let gone = h.call("GET", "/v2/apis/\(api)/routes/\(id)")
        #expect(gone.status == 404 && gone.message == "Invalid Route identifier specified \(id)")
    }

    @Test func routeKeysAreValidatedAndUnique() throws {
        let h = try AdminHarness()
        let api = try Self.httpApi(h)
        let bad = h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET pets"])
        #expect(bad.status == 400 && bad.errorType == "BadRequestException" && bad.message == "Invalid route key specified: GET pets")
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /{proxy+}/x"]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "$default"]).status == 201)
        let duplicate = h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "$default"])
        #expect(duplicate.status == 409 && duplicate.errorType == "ConflictException")
        #expect(h.call("GET", "/v2/apis/\(api)/routes").items.count == 1)
    }

    @Test func aRouteTargetsOnlyAnIntegrationOfItsApi() throws {
        let h = try AdminHarness()
        let api = try Self.httpApi(h)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "target": "integrations/nope123"]).status == 404)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "target": "t"]).status == 400)
        let integration = try Self.lambdaIntegration(h, api)
        let route = try #require(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "target": "integrations/\(integration)"]).string("routeId"))
        let refused = h.call("DELETE", "/v2/apis/\(api)/integrations/\(integration)")
        #expect(refused.status == 409)
        h.call("DELETE", "/v2/apis/\(api)/routes/\(route)")
        #expect(h.call("DELETE", "/v2/apis/\(api)/integrations/\(integration)").status == 204)
    }

    @Test func webSocketOnlyRouteMembersAreRefusedOnHTTPApis() throws {
        let h = try AdminHarness()
        let api = try Self.httpApi(h)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "apiKeyRequired": true]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "requestModels": ["a": "b"]]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "authorizationType": "CUSTOM"]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "authorizationType": "JWT", "authorizerId": "x"]).status == 404)
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "authorizationType": "AWS_IAM"]).status == 201)
    }

    // MARK: - Integrations

    @Test func integrationsHaveAWSDefaultsAndAreUpdatable() throws {
        let h = try AdminHarness()
        let api = try Self.httpApi(h)
        let created = h.call("POST", "/v2/apis/\(api)/integrations", ["integrationType": "HTTP_PROXY", "integrationUri": "https://b.example/{proxy}",
                                                                      "integrationMethod": "GET",
                                                                      "requestParameters": ["overwrite:path": "$request.path"]])
        #expect(created.status == 201 && created["timeoutInMillis"] as? Int == 30_000 && created.string("connectionType") == "INTERNET")
        #expect(created.string("payloadFormatVersion") == "1.0")
        let id = try #require(created.string("integrationId"))
        let updated = h.call("PATCH", "/v2/apis/\(api)/integrations/\(id)", ["timeoutInMillis": 5000, "description": "d"])
        #expect(updated["timeoutInMillis"] as? Int == 5000 && updated.string("integrationUri") == "https://b.example/{proxy}")
        #expect(h.call("PATCH", "/v2/apis/\(api)/integrations/\(id)", ["timeoutInMillis": 40_000]).status == 400)
        #expect(h.call("GET", "/v2/apis/\(api)/integrations/\(id)")["timeoutInMillis"] as? Int == 5000)
        let remapped = h.call("PATCH", "/v2/apis/\(api)/integrations/\(id)",
                              ["requestParameters": ["overwrite:path": "", "append:header.x-a": "$context.requestId"]])
        #expect(remapped["requestParameters"] as? [String: String] == ["append:header.x-a": "$context.requestId"])
        let unknown = h.call("GET", "/v2/apis/\(api)/integrations/unknown")
        #expect(unknown.status == 404 && unknown.message == "Invalid Integration identifier specified unknown")
    }

    @Test func integrationTypesFollowTheProtocol() throws {
        let h = try AdminHarness()
        let api = try Self.httpApi(h)
        #expect(h.call("POST", "/v2/apis/\(api)/integrations", ["integrationType": "MOCK"]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/integrations", ["integrationType": "AWS_PROXY", "integrationUri": Self.lambda]).status == 400)
        #expect(h.call("POST", "/v2/apis/\(api)/integrations", ["integrationType": "HTTP_PROXY", "integrationUri": "https://b.example",
                                                                "integrationMethod": "GET",
                                                                "requestParameters": ["overwrite:body": "x"]]).status == 400)
        // Mappings nodes could not apply: a reserved header, a value naming nothing known, a status code that is none.
        for (request, response) in [(["overwrite:header.Authorization": "x"], [String: [String: String]]()),
                                    (["append:header.x-a": "$request.cookie.a"], [:]),
                                    ([:], ["200": ["append:header.x-amzn-Remapped-x": "a"]]),
                                    ([:], ["200": ["overwrite:statuscode": "abc"]])] as [([String: String], [String: [String: String]])] {
            let answer = h.call("POST", "/v2/apis/\(api)/integrations", ["integrationType": "HTTP_PROXY", "integrationUri": "https://b.example",
                                                                         "integrationMethod": "GET", "requestParameters": request,
                                                                         "responseParameters": response])
            #expect(answer.status == 400, "\(request) \(response)")
        }
        let ws = try #require(h.call("POST", "/v2/apis", ["name": "c", "protocolType": "WEBSOCKET",
                                                          "routeSelectionExpression": "$request.body.action"]).string("apiId"))
        let mock = h.call("POST", "/v2/apis/\(ws)/integrations", ["integrationType": "MOCK"])
        #expect(mock.status == 201 && mock["timeoutInMillis"] as? Int == 29_000)
    }
}
