import Testing
@testable import ControlPlane

@Suite struct AdminAPIRestApisTests {
    @Test func createReturnsAWSDefaultsAndARootResource() throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis", ["name": "pets", "description": "d"])
        #expect(result.status == 201)
        let id = try #require(result.string("id"))
        let root = try #require(result.string("rootResourceId"))
        #expect(id.count == 10 && root.count == 10)
        #expect(id.allSatisfy { $0.isLowercase || $0.isNumber })
        #expect(result.string("apiKeySource") == "HEADER")
        #expect(result["disableExecuteApiEndpoint"] as? Bool == false)
        #expect(result["createdDate"] as? Int == Int(h.clock.now))
        let endpoint = result["endpointConfiguration"] as? [String: Any]
        #expect(endpoint?["types"] as? [String] == ["EDGE"])
        #expect(endpoint?["ipAddressType"] as? String == "ipv4")
        let resources = h.call("GET", "/restapis/\(id)/resources")
        #expect(resources.items.count == 1)
        #expect(resources.items.first?["id"] as? String == root)
        #expect(resources.items.first?["path"] as? String == "/")
        #expect(resources.items.first?["parentId"] == nil)
    }

    @Test(arguments: [
        (#"{"name": "x", "description": ""}"#, "Description cannot be an empty string"),
        (#"{"name": "x", "minimumCompressionSize": 10485761}"#, "Invalid minimum compression size, must be between 0 and 10485760"),
        (#"{"name": "x", "endpointConfiguration": {"types": ["EDGE", "REGIONAL"]}}"#, "Cannot create an api with multiple Endpoint Types."),
        (#"{"name": "x", "endpointConfiguration": {"types": ["PRIVATE"], "ipAddressType": "ipv4"}}"#,
         "Only dualstack ipAddressType is supported for Private APIs."),
    ])
    func createRejectsInvalidSettingsWithAWSMessages(body: String, message: String) throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis", body)
        #expect(result.status == 400)
        #expect(result.message == message)
    }

    @Test func getListUpdateAndDelete() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi("one")
        #expect(h.call("GET", "/restapis/\(id)").string("name") == "one")
        #expect(h.call("GET", "/restapis").items.count == 1)
        let updated = h.patch("/restapis/\(id)", [
            ("replace", "/name", "two"), ("replace", "/description", "desc"),
            ("add", "/binaryMediaTypes/image~1png", nil), ("replace", "/minimumCompressionSize", "1024"),
            ("replace", "/endpointConfiguration/types/EDGE", "REGIONAL"),
        ])
        #expect(updated.status == 200)
        #expect(updated.string("name") == "two" && updated.string("description") == "desc")
        #expect(updated["binaryMediaTypes"] as? [String] == ["image/png"])
        #expect(updated["minimumCompressionSize"] as? Int == 1024)
        #expect((updated["endpointConfiguration"] as? [String: Any])?["types"] as? [String] == ["REGIONAL"])
        let removed = h.patch("/restapis/\(id)", [("remove", "/binaryMediaTypes/image~1png", nil)])
        #expect(removed["binaryMediaTypes"] == nil)
        #expect(h.patch("/restapis/\(id)", [("replace", "/binaryMediaTypes", "x")]).message == "Invalid patch path /binaryMediaTypes")
        #expect(h.patch("/restapis/\(id)", [("replace", "/id", "x")]).status == 400)
        #expect(h.call("DELETE", "/restapis/\(id)").status == 202)
        #expect(h.call("GET", "/restapis/\(id)").status == 404)
        #expect(h.call("DELETE", "/restapis/\(id)").status == 404)
    }

    @Test func cloneFromCopiesTheResourceTreeWithNewIds() throws {
        let h = try AdminHarness()
        let (source, root) = h.createApi("source")
        let pets = h.createResource(source, parent: root, "pets")
        h.putMockMethod(source, pets)
        let clone = h.call("POST", "/restapis", ["name": "copy", "cloneFrom": source])
        #expect(clone.status == 201)
        let cloneId = try #require(clone.string("id"))
        let resources = h.call("GET", "/restapis/\(cloneId)/resources?embed=methods").items
        #expect(resources.map { $0["path"] as? String } == ["/", "/pets"])
        #expect(!resources.contains { $0["id"] as? String == pets })
        let method = (resources[1]["resourceMethods"] as? [String: Any])?["GET"] as? [String: Any]
        let integration = method?["methodIntegration"] as? [String: Any]
        #expect(integration?["cacheNamespace"] as? String == resources[1]["id"] as? String)
        #expect(h.call("POST", "/restapis", ["name": "c", "cloneFrom": "missing"]).status == 404)
    }

    @Test func deletingAnApiWithStagesBumpsTheRevision() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let before = try h.store.revision()
        #expect(h.call("DELETE", "/restapis/\(deployed.id)").status == 202)
        #expect(try h.store.revision() == before + 1)
        #expect(try h.store.read { try $0.allStages() }.isEmpty)
    }

    @Test func collectionFormsOfBinaryMediaTypesAndEndpointPatches() throws {
        let h = try AdminHarness()
        let id = h.call("POST", "/restapis", ["name": "a", "description": "d"]).string("id")!
        let added = h.patch("/restapis/\(id)", [("add", "/binaryMediaTypes", "image/png"), ("add", "/binaryMediaTypes", "image/jpeg"),
                                                ("add", "/binaryMediaTypes/image~1gif", nil)])
        #expect(added["binaryMediaTypes"] as? [String] == ["image/png", "image/jpeg", "image/gif"] && added.string("description") == "d")
        let removed = h.patch("/restapis/\(id)", [("remove", "/binaryMediaTypes", "image/png"), ("remove", "/description", nil)])
        #expect(removed["binaryMediaTypes"] as? [String] == ["image/jpeg", "image/gif"] && removed["description"] == nil)
        #expect(h.patch("/restapis/\(id)", [("replace", "/endpointConfiguration/ipAddressType", "dualstack")])
            .json["endpointConfiguration"].flatMap { ($0 as? [String: Any])?["ipAddressType"] as? String } == "dualstack")
        #expect(h.patch("/restapis/\(id)", [("add", "/endpointConfiguration/vpcEndpointIds", "vpce-1")]).status == 400)
        #expect(h.patch("/restapis/\(id)", [("remove", "/endpointConfiguration/types/EDGE", nil)]).status == 400)
        h.patch("/restapis/\(id)", [("replace", "/endpointConfiguration/types/EDGE", "PRIVATE")])
        let vpce = h.patch("/restapis/\(id)", [("add", "/endpointConfiguration/vpcEndpointIds", "vpce-1"),
                                               ("add", "/endpointConfiguration/vpcEndpointIds", "vpce-2"),
                                               ("remove", "/endpointConfiguration/vpcEndpointIds", "vpce-1")])
        #expect((vpce["endpointConfiguration"] as? [String: Any])?["vpcEndpointIds"] as? [String] == ["vpce-2"])
        #expect(h.patch("/restapis/\(id)", [("replace", "/endpointConfiguration/ipAddressType", "ipv4")]).status == 400)
        #expect(h.patch("/restapis/\(id)", [("add", "/binaryMediaTypes", nil)]).status == 400)
    }
}
