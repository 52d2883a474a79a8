import Foundation
import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPITagsTests {
    static func path(_ arn: String) -> String {
        "/tags/" + arn.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    @Test func tagUntagAndGetOnAStageShowInGetStage() throws {
        let h = try AdminHarness()
        let api = h.deployedApi().id
        let arn = "arn:aws:apigateway:us-east-1::/restapis/\(api)/stages/prod"
        #expect(h.call("PUT", Self.path(arn), ["tags": ["k": "v", "k2": "v2"]]).status == 204)
        #expect(h.call("GET", "/restapis/\(api)/stages/prod")["tags"] as? [String: String] == ["k": "v", "k2": "v2"])
        #expect(h.call("DELETE", Self.path(arn) + "?tagKeys=k").status == 204)
        #expect(h.call("GET", Self.path(arn))["tags"] as? [String: String] == ["k2": "v2"])
        h.call("DELETE", Self.path(arn) + "?tagKeys=k2")
        #expect(h.call("GET", Self.path(arn))["tags"] as? [String: String] == [:])
        #expect(h.call("GET", "/restapis/\(api)/stages/prod")["tags"] == nil)
    }

    @Test func everyTaggableKindKeepsItsTags() throws {
        let h = try AdminHarness()
        let api = h.createApi().id
        let key = h.call("POST", "/apikeys", ["name": "k"]).string("id")!
        let plan = h.call("POST", "/usageplans", ["name": "p"]).string("id")!
        h.call("POST", "/domainnames", ["domainName": "d.example.com"])
        let link = h.call("POST", "/vpclinks", ["name": "l", "targetArns": ["arn:nlb"]]).string("id")!
        let cert = h.call("POST", "/clientcertificates", [String: Any]()).string("clientCertificateId")!
        let kinds: [(String, String)] = [("/restapis/\(api)", "/restapis/\(api)"), ("/apikeys/\(key)", "/apikeys/\(key)"),
                                         ("/usageplans/\(plan)", "/usageplans/\(plan)"),
                                         ("/domainnames/d.example.com", "/domainnames/d.example.com"),
                                         ("/vpclinks/\(link)", "/vpclinks/\(link)"), ("/clientcertificates/\(cert)", "/clientcertificates/\(cert)")]
        for (arnPath, getPath) in kinds {
            let arn = "arn:aws:apigateway:us-east-1::\(arnPath)"
            #expect(h.call("PUT", Self.path(arn), ["tags": ["team": "x"]]).status == 204, "\(arnPath)")
            #expect(h.call("GET", getPath)["tags"] as? [String: String] == ["team": "x"], "\(arnPath)")
        }
        let revision = try h.store.revision()
        h.call("PUT", Self.path("arn:aws:apigateway:us-east-1::/usageplans/\(plan)"), ["tags": ["tollgate:quota-mode": "fast"]])
        #expect(try h.store.revision() > revision)  // nodes read the quota-mode tag
    }

    @Test func unknownResourcesBadArnsAndBadTagsAreRefused() throws {
        let h = try AdminHarness()
        let api = h.createApi().id
        #expect(h.call("PUT", Self.path("arn:aws:apigateway:us-east-1::/restapis/nope"), ["tags": ["a": "b"]]).message
            == "Invalid API identifier specified 123456789012:nope")
        #expect(h.call("GET", Self.path("arn:aws:apigateway:us-east-1::/restapis/\(api)/stages/none")).message
            == "Invalid Stage identifier specified")
        for arn in ["nope", "arn:aws:s3:::bucket", "arn:aws:apigateway:us-east-1::/restapis/\(api)/deployments/x"] {
            #expect(h.call("GET", Self.path(arn)).status == 400, "\(arn)")
        }
        let arn = "arn:aws:apigateway:us-east-1::/restapis/\(api)"
        #expect(h.call("PUT", Self.path(arn), ["tags": ["aws:x": "y"]]).status == 400)
        #expect(h.call("PUT", Self.path(arn), ["tags": ["": "y"]]).status == 400)
        #expect(h.call("PUT", Self.path(arn), ["tags": ["k": String(repeating: "v", count: 257)]]).status == 400)
        let many = Dictionary(uniqueKeysWithValues: (0..<51).map { ("k\($0)", "v") })
        #expect(h.call("PUT", Self.path(arn), ["tags": many]).status == 400)
        #expect(h.call("PUT", Self.path(arn), [String: Any]()).errorType == "ValidationException")
        #expect(h.call("GET", "/restapis/\(api)")["tags"] == nil)
    }
}
