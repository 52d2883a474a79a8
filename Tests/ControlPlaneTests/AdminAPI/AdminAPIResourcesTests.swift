import Testing
@testable import ControlPlane

@Suite struct AdminAPIResourcesTests {
    @Test func createsNestedResourcesWithPaths() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let pets = h.createResource(id, parent: root, "pets")
        let result = h.call("POST", "/restapis/\(id)/resources/\(pets)", ["pathPart": "{petId}"])
        #expect(result.status == 201)
        #expect(result.string("path") == "/pets/{petId}")
        #expect(result.string("parentId") == pets)
        #expect(result.string("id")?.count == 6)
        #expect(h.call("GET", "/restapis/\(id)/resources/\(pets)").string("path") == "/pets")
    }

    @Test(arguments: [
        ("pets", 409, "Another resource with the same parent already has this name: pets"),
        ("{other}", 400, "A sibling ({id}) of this resource already has a variable path part -- only one is allowed"),
        ("bad part", 400, "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."),
        ("{}", 400, "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."),
        ("{a+", 400, "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."),
    ])
    func enforcesSiblingAndPathPartRules(pathPart: String, status: Int, message: String) throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        _ = h.createResource(id, parent: root, "pets")
        _ = h.createResource(id, parent: root, "{id}")
        let result = h.call("POST", "/restapis/\(id)/resources/\(root)", ["pathPart": pathPart])
        #expect(result.status == status)
        #expect(result.message == message)
    }

    @Test func refusesChildrenUnderAGreedyVariable() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let proxy = h.createResource(id, parent: root, "{proxy+}")
        let result = h.call("POST", "/restapis/\(id)/resources/\(proxy)", ["pathPart": "x"])
        #expect(result.message == "Cannot create a child of a resource with a greedy path variable: {proxy+}")
        #expect(h.call("POST", "/restapis/\(id)/resources/nothere", ["pathPart": "x"]).message == "Invalid Resource identifier specified")
    }

    @Test func embedMethodsInlinesMethodsOtherwiseOnlyVerbs() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let pets = h.createResource(id, parent: root, "pets")
        h.putMockMethod(id, pets)
        let plain = h.call("GET", "/restapis/\(id)/resources").items.first { $0["id"] as? String == pets }
        #expect((plain?["resourceMethods"] as? [String: Any])?["GET"] as? [String: Any] != nil)
        #expect(((plain?["resourceMethods"] as? [String: Any])?["GET"] as? [String: Any])?.isEmpty == true)
        let embedded = h.call("GET", "/restapis/\(id)/resources/\(pets)?embed=methods")
        let get = (embedded["resourceMethods"] as? [String: Any])?["GET"] as? [String: Any]
        #expect(get?["httpMethod"] as? String == "GET")
        #expect((get?["methodIntegration"] as? [String: Any])?["type"] as? String == "MOCK")
    }

    @Test func updatePathPartAndParentRecomputesSubtreePaths() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let a = h.createResource(id, parent: root, "a")
        let b = h.createResource(id, parent: root, "b")
        let child = h.createResource(id, parent: a, "child")
        #expect(h.patch("/restapis/\(id)/resources/\(a)", [("replace", "/pathPart", "renamed")]).string("path") == "/renamed")
        #expect(h.call("GET", "/restapis/\(id)/resources/\(child)").string("path") == "/renamed/child")
        #expect(h.patch("/restapis/\(id)/resources/\(a)", [("replace", "/parentId", b)]).string("path") == "/b/renamed")
        #expect(h.call("GET", "/restapis/\(id)/resources/\(child)").string("path") == "/b/renamed/child")
    }

    @Test(arguments: [
        ("root", "/pathPart", "x", "Root resource cannot update its pathPart."),
        ("root", "/parentId", "child", "Root resource cannot update its parentId."),
        ("a", "/parentId", "child", "Resources cannot be cyclical."),
        ("a", "/pathPart", "b", "Another resource with the same parent already has this name: b"),
        ("a", "/name", "x", "Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/parentId, /pathPart]"),
    ])
    func updateRefusesInvalidMoves(target: String, path: String, value: String, message: String) throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let a = h.createResource(id, parent: root, "a")
        _ = h.createResource(id, parent: root, "b")
        let child = h.createResource(id, parent: a, "child")
        let ids = ["root": root, "a": a, "child": child]
        let result = h.patch("/restapis/\(id)/resources/\(ids[target]!)", [("replace", path, ids[value] ?? value)])
        #expect(result.message == message)
    }

    @Test func deleteRemovesTheWholeSubtreeButNotTheRoot() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let a = h.createResource(id, parent: root, "a")
        let child = h.createResource(id, parent: a, "child")
        #expect(h.call("DELETE", "/restapis/\(id)/resources/\(a)").status == 202)
        #expect(h.call("GET", "/restapis/\(id)/resources/\(child)").status == 404)
        #expect(h.call("GET", "/restapis/\(id)/resources").items.count == 1)
        #expect(h.call("DELETE", "/restapis/\(id)/resources/\(root)").status == 400)
    }
}
