import Testing
@testable import ControlPlane

@Suite struct PatchOperationTests {
    @Test(arguments: [
        ("/~1pets~1{id}/GET/throttling/rateLimit", ["/pets/{id}", "GET", "throttling", "rateLimit"]),
        ("/variables/name", ["variables", "name"]),
        ("/requestModels/application~1json", ["requestModels", "application/json"]),
        ("/a~0b~01", ["a~b~1"]),
        ("/", [""]),
    ])
    func unescapesSegments(path: String, expected: [String]) {
        #expect(PatchOperation(op: "replace", path: path).segments == expected)
    }

    @Test func typedValuesRejectGarbage() throws {
        #expect(try PatchOperation(op: "replace", path: "/x", value: "TRUE").boolValue() == true)
        #expect(throws: AdminError.self) { try PatchOperation(op: "replace", path: "/x", value: "yes").boolValue() }
        #expect(throws: AdminError.self) { try PatchOperation(op: "replace", path: "/x", value: "1.5").intValue() }
        #expect(throws: AdminError.self) { try PatchOperation(op: "replace", path: "/x", value: "nan").doubleValue() }
        #expect(throws: AdminError.self) { try PatchOperation(op: "replace", path: "/x").requiredValue() }
    }

    @Test func invalidPathMessageHasAWSDoubleSpace() {
        let error = PatchOperation(op: "replace", path: "/id").invalidPath(mustBeOneOf: ["/description", "/enabled", "/name", "/customerId"])
        #expect(error.message == "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/description, /enabled, /name, /customerId]")
    }
}
