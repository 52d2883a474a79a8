import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIGatewayResponsesTests {
    static let template = #"{"message":$context.error.messageString}"#

    @Test func typesNeverPutAnswerAWSsDefaults() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let all = h.call("GET", "/restapis/\(id)/gatewayresponses?limit=500").items
        #expect(all.count == 21)
        #expect(all.allSatisfy { $0["defaultResponse"] as? Bool == true })
        #expect(all.allSatisfy { ($0["responseTemplates"] as? [String: String]) == ["application/json": Self.template] })
        #expect(all.allSatisfy { ($0["responseParameters"] as? [String: String]) == [:] })
        let codes = Dictionary(uniqueKeysWithValues: all.map { ($0["responseType"] as! String, $0["statusCode"] as? String) })
        #expect(codes["UNAUTHORIZED"] == "401" && codes["ACCESS_DENIED"] == "403" && codes["THROTTLED"] == "429")
        #expect(codes["INTEGRATION_TIMEOUT"] == "504" && codes["REQUEST_TOO_LARGE"] == "413" && codes["UNSUPPORTED_MEDIA_TYPE"] == "415")
        #expect(codes["DEFAULT_4XX"] == .some(nil) && codes["DEFAULT_5XX"] == .some(nil))
        let one = h.call("GET", "/restapis/\(id)/gatewayresponses/MISSING_AUTHENTICATION_TOKEN")
        #expect(one.status == 200 && one.string("statusCode") == "403" && one["defaultResponse"] as? Bool == true)
        #expect(h.call("GET", "/restapis/\(id)/gatewayresponses").items.count == 21)  // AWS's page holds them all
    }

    @Test func putReplacesTheDefaultAndDeleteRestoresIt() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let base = "/restapis/\(id)/gatewayresponses/DEFAULT_4XX"
        let put = h.call("PUT", base, ["statusCode": "418", "responseParameters": ["gatewayresponse.header.X-Teapot": "'yes'"],
                                       "responseTemplates": ["application/json": #"{"teapot":true}"#]])
        #expect(put.status == 201 && put["defaultResponse"] as? Bool == false && put.string("statusCode") == "418")
        #expect(h.call("GET", base).string("statusCode") == "418")
        let listed = h.call("GET", "/restapis/\(id)/gatewayresponses").items.first { $0["responseType"] as? String == "DEFAULT_4XX" }
        #expect(listed?["defaultResponse"] as? Bool == false)
        #expect(h.call("DELETE", base).status == 202)
        #expect(h.call("GET", base)["defaultResponse"] as? Bool == true)
        let again = h.call("DELETE", base)
        #expect(again.status == 404 && again.message == "Gateway response type not defined on api")
    }

    @Test func unknownTypesAndBadValuesAreRefused() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let unknown = h.call("GET", "/restapis/\(id)/gatewayresponses/NOPE")
        #expect(unknown.errorType == "ValidationException")
        #expect(unknown.message?.hasPrefix("1 validation error detected: Value 'NOPE' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [ACCESS_DENIED, API_CONFIGURATION_ERROR,") == true)
        let base = "/restapis/\(id)/gatewayresponses/THROTTLED"
        #expect(h.call("PUT", base, ["statusCode": "42"]).message == "Invalid status code specified: 42")
        #expect(h.call("PUT", base, ["responseTemplates": ["application/json": ""]]).message == "Invalid null or empty value in responseTemplates")
        #expect(h.call("PUT", base, ["responseParameters": ["gatewayresponse.body.x": "'v'"]]).status == 400)
        #expect(h.call("PUT", base, ["responseParameters": ["gatewayresponse.header.x": "nowhere.x"]]).status == 400)
        #expect(h.call("PUT", base, ["responseParameters": ["gatewayresponse.header.x": "method.request.header.y",
                                                            "gatewayresponse.header.z": "context.requestId"]]).status == 201)
        #expect(h.call("GET", "/restapis/nope/gatewayresponses").message == "Invalid API identifier specified 123456789012:nope")
    }

    @Test func updateGatewayResponsePatchPaths() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let base = "/restapis/\(id)/gatewayresponses/UNAUTHORIZED"
        // Patching a type never put starts from its default.
        let updated = h.patch(base, [("replace", "/statusCode", "403"), ("add", "/responseParameters/gatewayresponse.header.WWW-Authenticate", "'Bearer'"),
                                     ("replace", "/responseTemplates/application~1json", #"{"m":$context.error.messageString}"#)])
        #expect(updated.status == 200 && updated["defaultResponse"] as? Bool == false && updated.string("statusCode") == "403")
        #expect((updated["responseParameters"] as? [String: String])?["gatewayresponse.header.WWW-Authenticate"] == "'Bearer'")
        #expect((updated["responseTemplates"] as? [String: String])?["application/json"] == #"{"m":$context.error.messageString}"#)
        #expect(h.patch(base, [("add", "/statusCode", "401")]).message == "Invalid patch path /statusCode")
        #expect(h.patch(base, [("replace", "/responseParameters/gatewayresponse.header.Nope", "'x'")]).message == "Invalid parameter name specified")
        #expect(h.patch(base, [("add", "/responseTemplates/text~1plain", nil)]).message == "Invalid null or empty value in responseTemplates")
        #expect(h.patch(base, [("replace", "/bogus", "x")]).message == "Invalid patch path /bogus")
        let removed = h.patch(base, [("remove", "/responseParameters/gatewayresponse.header.WWW-Authenticate", nil)])
        #expect(removed["responseParameters"] == nil)
        #expect(h.call("GET", base).string("statusCode") == "403")
    }

    @Test func aCustomisedResponseDeploysButACustomisedRequestTooLargeDoesNot() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let base = "/restapis/\(deployed.id)/gatewayresponses/ACCESS_DENIED"
        #expect(h.call("PUT", base, ["statusCode": "401", "responseParameters": ["gatewayresponse.header.X-Denied": "'yes'"],
                                     "responseTemplates": ["application/json": Self.template]]).status == 201)
        #expect(h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod"]).status == 201)
        #expect(h.call("PUT", "/restapis/\(deployed.id)/gatewayresponses/REQUEST_TOO_LARGE", ["statusCode": "400"]).status == 201)
        let refused = h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod"])
        #expect(refused.status == 400 && refused.message?.contains("REQUEST_TOO_LARGE") == true)
    }
}
