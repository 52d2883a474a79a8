import Testing
@testable import ControlPlane
import Shared

/// apigatewayv2 TagResource / UntagResource / GetTags on API and stage ARNs.
@Suite struct AdminAPIV2TagsTests {
    static func encoded(_ arn: String) -> String {
        arn.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F")
    }

    @Test func tagsAnApiAndAStageByArn() throws {
        let h = try AdminHarness()
        let api = try #require(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP", "tags": ["a": "1"]]).string("apiId"))
        let arn = Self.encoded("arn:aws:apigateway:us-east-1::/apis/\(api)")
        #expect(h.call("GET", "/v2/tags/\(arn)")["tags"] as? [String: String] == ["a": "1"])
        #expect(h.call("POST", "/v2/tags/\(arn)", ["tags": ["b": "2"]]).status == 201)
        #expect(h.call("GET", "/v2/apis/\(api)")["tags"] as? [String: String] == ["a": "1", "b": "2"])
        #expect(h.call("DELETE", "/v2/tags/\(arn)?tagKeys=a&tagKeys=b").status == 204)
        #expect(h.call("GET", "/v2/tags/\(arn)")["tags"] as? [String: String] == [:])
        h.call("POST", "/v2/apis/\(api)/stages", ["stageName": "prod"])
        let stageArn = Self.encoded("arn:aws:apigateway:us-east-1::/apis/\(api)/stages/prod")
        #expect(h.call("POST", "/v2/tags/\(stageArn)", ["tags": ["s": "t"]]).status == 201)
        #expect(h.call("GET", "/v2/apis/\(api)/stages/prod")["tags"] as? [String: String] == ["s": "t"])
    }

    @Test func unknownResourcesAndBadTagsAreRefused() throws {
        let h = try AdminHarness()
        #expect(h.call("GET", "/v2/tags/\(Self.encoded("arn:aws:apigateway:us-east-1::/apis/nope"))").status == 404)
        #expect(h.call("GET", "/v2/tags/\(Self.encoded("arn:aws:apigateway:us-east-1::/restapis/x"))").status == 400)
        let api = try #require(h.call("POST", "/v2/apis", ["name": "x", "protocolType": "HTTP"]).string("apiId"))
        let arn = Self.encoded("arn:aws:apigateway:us-east-1::/apis/\(api)")
        #expect(h.call("POST", "/v2/tags/\(arn)", ["tags": ["aws:x": "1"]]).status == 400)
        #expect(h.call("GET", "/v2/tags/\(Self.encoded("arn:aws:apigateway:us-east-1::/apis/\(api)/stages/nope"))").status == 404)
    }
}
