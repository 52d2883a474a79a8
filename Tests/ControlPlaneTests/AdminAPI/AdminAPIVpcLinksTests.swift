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

    // MARK: - Integrations through a link

    /// An API whose root has a GET method, and a link with `targets`; returns the integration URL and the link id.
    static func apiAndLink(_ h: AdminHarness, targets: [String]) throws -> (integration: String, link: String) {
        let (id, root) = h.createApi()
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "NONE"])
        let link = try #require(h.call("POST", "/vpclinks", ["name": "l", "targetArns": targets]).string("id"))
        return ("/restapis/\(id)/resources/\(root)/methods/GET/integration", link)
    }

    @Test func anIntegrationThroughALinkWithAddressTargetsIsAccepted() throws {
        let h = try AdminHarness()
        let (integration, link) = try Self.apiAndLink(h, targets: ["127.0.0.1:9000"])
        let put = h.call("PUT", integration, ["type": "HTTP_PROXY", "httpMethod": "ANY", "uri": "http://backend.internal/{proxy}",
                                              "connectionType": "VPC_LINK", "connectionId": link])
        #expect(put.status == 201 && put.string("connectionType") == "VPC_LINK" && put.string("connectionId") == link)
        // A stage variable is resolved per stage on the nodes, so any value is accepted here.
        let viaVariable = h.call("PUT", integration, ["type": "HTTP", "httpMethod": "GET", "uri": "http://backend.internal/",
                                                      "connectionType": "VPC_LINK", "connectionId": "${stageVariables.vpcLinkId}"])
        #expect(viaVariable.status == 201)
    }

    @Test(arguments: [
        (["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "http://b/", "connectionType": "VPC_LINK"],
         "connectionId must be specified when connectionType is VPC_LINK"),
        (["type": "MOCK", "connectionType": "VPC_LINK", "connectionId": "LINK"],
         "VPC_LINK connectionType is only supported for HTTP and HTTP_PROXY integrations"),
        (["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "http://b/", "connectionType": "VPC_LINK", "connectionId": "nosuch"],
         "Invalid VPC link identifier specified: nosuch"),
    ])
    func integrationsThroughLinksAreChecked(body: [String: String], message: String) throws {
        let h = try AdminHarness()
        let (integration, link) = try Self.apiAndLink(h, targets: ["127.0.0.1:9000"])
        let result = h.call("PUT", integration, body.mapValues { $0 == "LINK" ? link : $0 })
        #expect(result.status == 400 && result.message == message)
    }

    @Test func aLinkToALoadBalancerArnCannotCarryIntegrations() throws {
        let h = try AdminHarness()
        let (integration, link) = try Self.apiAndLink(h, targets: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/1"])
        let result = h.call("PUT", integration, ["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "http://b/",
                                                 "connectionType": "VPC_LINK", "connectionId": link])
        #expect(result.status == 400)
        #expect(result.message?.hasPrefix("VPC link \(link) cannot be used by Tollgate: its targetArns must be addresses host:port") == true)
        // UpdateIntegration is checked the same way.
        h.call("PUT", integration, ["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "http://b/"])
        let patched = h.patch(integration, [("replace", "/connectionType", "VPC_LINK"), ("replace", "/connectionId", link)])
        #expect(patched.status == 400)
    }

    @Test func linksReachTheSnapshotAndBumpTheRevision() throws {
        let h = try AdminHarness()
        let before = try h.store.read { tx in try tx.revision() }
        let id = try #require(h.call("POST", "/vpclinks", ["name": "l", "targetArns": ["10.0.0.1:80"]]).string("id"))
        let snapshot = try SnapshotBuilder.build(h.store, now: 0)
        #expect(snapshot.vpcLinks == [SnapshotVpcLink(id: id, targetArns: ["10.0.0.1:80"])])
        #expect(snapshot.revision > before)
        #expect(h.call("DELETE", "/vpclinks/\(id)").status == 202)
        let after = try SnapshotBuilder.build(h.store, now: 0)
        #expect(after.vpcLinks == nil && after.revision > snapshot.revision)
    }
}
