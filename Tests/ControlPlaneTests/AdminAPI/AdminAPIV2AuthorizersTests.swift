import Testing
@testable import ControlPlane
import Shared

/// apigatewayv2 authorizers (JWT and REQUEST) and the routes that use them.
@Suite struct AdminAPIV2AuthorizersTests {
    static var jwt: [String: Any] { ["authorizerType": "JWT", "name": "jwt", "identitySource": ["$request.header.Authorization"],
                                     "jwtConfiguration": ["issuer": "https://issuer.example", "audience": ["api"]]] }
    static let invocation = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"

    @Test func jwtAuthorizersNeedAnIssuerAnAudienceAndOneIdentitySource() throws {
        let h = try AdminHarness()
        let api = try AdminAPIV2RoutesTests.httpApi(h)
        let created = h.call("POST", "/v2/apis/\(api)/authorizers", Self.jwt)
        #expect(created.status == 201 && created.string("authorizerType") == "JWT")
        let id = try #require(created.string("authorizerId"))
        #expect((h.call("GET", "/v2/apis/\(api)/authorizers/\(id)")["jwtConfiguration"] as? [String: Any])?["issuer"] as? String == "https://issuer.example")
        var noAudience = Self.jwt
        noAudience["jwtConfiguration"] = ["issuer": "https://issuer.example"]
        #expect(h.call("POST", "/v2/apis/\(api)/authorizers", noAudience).status == 400)
        var httpIssuer = Self.jwt
        httpIssuer["jwtConfiguration"] = ["issuer": "http://issuer.example", "audience": ["a"]]
        #expect(h.call("POST", "/v2/apis/\(api)/authorizers", httpIssuer).status == 400)
        var twoSources = Self.jwt
        twoSources["identitySource"] = ["$request.header.A", "$request.header.B"]
        #expect(h.call("POST", "/v2/apis/\(api)/authorizers", twoSources).status == 400)
        #expect(h.call("GET", "/v2/apis/\(api)/authorizers").items.count == 1)
    }

    @Test func requestAuthorizersNeedALambdaAndAPayloadFormat() throws {
        let h = try AdminHarness()
        let api = try AdminAPIV2RoutesTests.httpApi(h)
        let base: [String: Any] = ["authorizerType": "REQUEST", "name": "lambda", "authorizerUri": Self.invocation,
                                   "identitySource": ["$request.header.Authorization"]]
        let noFormat = h.call("POST", "/v2/apis/\(api)/authorizers", base)
        #expect(noFormat.status == 400 && noFormat.message == "AuthorizerPayloadFormatVersion is a required parameter for REQUEST authorizer")
        var simple = base
        simple["authorizerPayloadFormatVersion"] = "1.0"
        simple["enableSimpleResponses"] = true
        #expect(h.call("POST", "/v2/apis/\(api)/authorizers", simple).status == 400)
        simple["authorizerPayloadFormatVersion"] = "2.0"
        simple["authorizerResultTtlInSeconds"] = 300
        let created = h.call("POST", "/v2/apis/\(api)/authorizers", simple)
        #expect(created.status == 201 && created["authorizerResultTtlInSeconds"] as? Int == 300)
        var noCacheKey = simple
        noCacheKey["identitySource"] = [String]()
        #expect(h.call("POST", "/v2/apis/\(api)/authorizers", noCacheKey).status == 400)
        simple["authorizerResultTtlInSeconds"] = 3601
        #expect(h.call("POST", "/v2/apis/\(api)/authorizers", simple).status == 400)
        // Identity sources nodes cannot read (a `$context` variable they do not resolve, one part of a comma list).
        simple["authorizerResultTtlInSeconds"] = 0
        for sources in [["$context.made.up"], ["$request.header.A, $request.cookie.b"]] {
            simple["identitySource"] = sources
            #expect(h.call("POST", "/v2/apis/\(api)/authorizers", simple).status == 400, "\(sources)")
        }
        simple["identitySource"] = ["$request.header.A, $request.querystring.b", "$context.stage"]
        simple["name"] = "lambda-two-sources"
        #expect(h.call("POST", "/v2/apis/\(api)/authorizers", simple).status == 201)
    }

    @Test func routesUseAuthorizersOfTheMatchingTypeAndHoldThem() throws {
        let h = try AdminHarness()
        let api = try AdminAPIV2RoutesTests.httpApi(h)
        let jwt = try #require(h.call("POST", "/v2/apis/\(api)/authorizers", Self.jwt).string("authorizerId"))
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "authorizationType": "CUSTOM", "authorizerId": jwt]).status == 400)
        let route = h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /", "authorizationType": "JWT", "authorizerId": jwt,
                                                              "authorizationScopes": ["read"]])
        #expect(route.status == 201 && route["authorizationScopes"] as? [String] == ["read"])
        #expect(h.call("POST", "/v2/apis/\(api)/routes", ["routeKey": "GET /x", "authorizationScopes": ["read"]]).status == 400)
        #expect(h.call("DELETE", "/v2/apis/\(api)/authorizers/\(jwt)").status == 409)
        #expect(h.call("PATCH", "/v2/apis/\(api)/authorizers/\(jwt)", ["name": "renamed"]).string("name") == "renamed")
        let routeId = try #require(route.string("routeId"))
        #expect(h.call("DELETE", "/v2/apis/\(api)/routes/\(routeId)").status == 204)
        #expect(h.call("DELETE", "/v2/apis/\(api)/authorizers/\(jwt)").status == 204)
        #expect(h.call("GET", "/v2/apis/\(api)/authorizers/\(jwt)").status == 404)
    }
}
