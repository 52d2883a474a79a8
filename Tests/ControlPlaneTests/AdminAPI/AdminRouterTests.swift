import Testing
@testable import ControlPlane

@Suite struct AdminRouterTests {
    let router = AdminRouter()

    /// Every modelled operation is reachable at its own URI (labels filled with sample values).
    @Test func routesEveryModelledOperationToItself() {
        #expect(AdminOperation.all.count == 124 + 103)
        for operation in AdminOperation.all {
            let parts = operation.uri.split(separator: "?", maxSplits: 1)
            let segments = parts[0].split(separator: "/").map { $0.hasPrefix("{") ? "x1" : String($0) }
            var query: [String: [String]] = [:]
            if parts.count == 2 {
                let pair = parts[1].split(separator: "=")
                query[String(pair[0])] = [String(pair[1])]
            }
            let match = router.match(method: operation.method, segments: segments, query: query)
            #expect(match?.operation.name == operation.name, "\(operation.method) \(operation.uri)")
        }
    }

    @Test func literalQueryPicksImportOverCreate() {
        #expect(router.match(method: "POST", segments: ["restapis"], query: ["mode": ["import"]])?.operation.name == "ImportRestApi")
        #expect(router.match(method: "POST", segments: ["restapis"], query: [:])?.operation.name == "CreateRestApi")
        #expect(router.match(method: "POST", segments: ["apikeys"], query: ["mode": ["import"]])?.operation.name == "ImportApiKeys")
    }

    @Test(arguments: [
        ("POST", ["restapis", "a", "resources", "r", "methods", "GET"], "TestInvokeMethod"),
        ("PUT", ["restapis", "a", "resources", "r", "methods", "GET"], "PutMethod"),
        ("DELETE", ["restapis", "a", "stages", "s", "cache", "data"], "FlushStageCache"),
        ("PATCH", ["usageplans", "p", "keys", "k", "usage"], "UpdateUsage"),
        ("GET", ["usageplans", "p", "usage"], "GetUsage"),
    ])
    func sharedURIsAreTellApartByVerbAndLiterals(method: String, segments: [String], expected: String) {
        #expect(router.match(method: method, segments: segments, query: [:])?.operation.name == expected)
    }

    @Test func labelsAreReturnedByName() {
        let match = router.match(method: "GET", segments: ["restapis", "abc", "stages", "prod"], query: [:])
        #expect(match?.labels == ["restapi_id": "abc", "stage_name": "prod"])
    }

    @Test func unknownPathsAndVerbsDoNotMatch() {
        #expect(router.match(method: "GET", segments: ["nothing"], query: [:]) == nil)
        #expect(router.match(method: "PUT", segments: ["restapis"], query: [:]) == nil)
        #expect(router.match(method: "GET", segments: ["restapis", ""], query: [:]) == nil)
    }
}
