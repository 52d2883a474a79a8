import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIVpcLinksTests {
    @Test func createGetListUpdateDelete() throws {
        let h = try AdminHarness()
        #expect(h.call("GET", "/vpclinks").items.isEmpty)
        let created = h.call("POST", "/vpclinks", ["name": "vpcl", "description": "d", "targetArns": ["arn:nlb"], "tags": ["k": "v"]])
        #expect(created.status == 202 && created.string("status") == "AVAILABLE" && created["targetArns"] as? [String] == ["arn:nlb"])
        let id = try #require(created.string("id"))
        #expect(h.call("GET", "/vpclinks/\(id)").string("name") == "vpcl")
        #expect(h.call("GET", "/vpclinks").items.count == 1)
        #expect(h.patch("/vpclinks/\(id)", [("replace", "/name", "n"), ("replace", "/description", "e")]).string("name") == "n")
        #expect(h.patch("/vpclinks/\(id)", [("replace", "/targetArns", "x")]).status == 400)
        #expect(h.patch("/vpclinks/\(id)", [("replace", "/name", "")]).status == 400)
        #expect(h.call("DELETE", "/vpclinks/\(id)").status == 202)
        let unknown = h.call("GET", "/vpclinks/\(id)")
        #expect(unknown.status == 404 && unknown.message == "VPCLink not found")
    }

    @Test func nameAndTargetsAreRequired() throws {
        let h = try AdminHarness()
        #expect(h.call("POST", "/vpclinks", ["targetArns": ["a"]]).errorType == "ValidationException")
        #expect(h.call("POST", "/vpclinks", ["name": "n"]).errorType == "ValidationException")
        #expect(h.call("POST", "/vpclinks", ["name": "n", "targetArns": [String]()]).errorType == "ValidationException")
    }
}
