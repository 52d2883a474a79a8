import Dispatch
import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPITests {
    @Test func everyResponseCarriesTheRequestId() throws {
        let h = try AdminHarness()
        #expect(h.call("GET", "/restapis").headers["x-amzn-RequestId"] == "req-1")
        #expect(h.call("GET", "/restapis/nope").headers["x-amzn-RequestId"] == "req-2")
        #expect(h.call("GET", "/nowhere").headers["x-amzn-RequestId"] == "req-3")
    }

    @Test func errorsCarryTypeHeaderAndMessageBody() throws {
        let h = try AdminHarness()
        let result = h.call("GET", "/restapis/abc123")
        #expect(result.status == 404)
        #expect(result.errorType == "NotFoundException")
        #expect(result.message == "Invalid API identifier specified 123456789012:abc123")
        #expect(result.headers["Content-Type"] == "application/json")
    }

    @Test func modelledButUnimplementedOperationsAnswer501NamingTheOperation() throws {
        let h = try AdminHarness()
        let result = h.call("GET", "/sdktypes")
        #expect(result.status == 501)
        #expect(result.errorType == "NotImplementedException")
        #expect(result.message?.contains("GetSdkTypes") == true)
        #expect(h.call("GET", "/sdktypes/java").message?.contains("GetSdkType") == true)
        // A route with a literal query (`?mode=import`) is found as its own operation.
        #expect(h.call("POST", "/restapis?mode=import", "{}").status != 501)
    }

    @Test func unknownRoutesAnswer404UnknownOperation() throws {
        let h = try AdminHarness()
        let result = h.call("PUT", "/restapis")
        #expect(result.status == 404)
        #expect(result.errorType == "UnknownOperationException")
    }

    @Test func malformedBodiesAreSerializationErrors() throws {
        let h = try AdminHarness()
        #expect(h.call("POST", "/restapis", "{not json").errorType == "SerializationException")
        let wrongType = h.call("POST", "/restapis", ["name": 5])
        #expect(wrongType.status == 400)
        #expect(wrongType.errorType == "SerializationException")
    }

    @Test func aBodyOverTenMiBIsRequestTooLongEvenIfTheEngineLetItThrough() throws {
        let h = try AdminHarness()
        let body = Array(#"{"name":"big","description":""#.utf8) + [UInt8](repeating: 0x61, count: AdminAPI.maxBodyBytes) + Array(#""}"#.utf8)
        let result = h.call("POST", "/restapis", body)
        #expect(result.status == 413)
        #expect(result.errorType == "RequestTooLongException")
        #expect(result.message == "Request Too Long")
        #expect(h.call("GET", "/restapis").items.isEmpty)
    }

    @Test func missingRequiredMembersAreValidationErrors() throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis", [String: Any]())
        #expect(result.errorType == "ValidationException")
        #expect(result.message == "1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy constraint: Member must not be null")
    }

    @Test func deletesAnswerWithoutABody() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let result = h.call("DELETE", "/restapis/\(id)")
        #expect(result.status == 202)
        #expect(result.body.isEmpty)
    }

    @Test func mutatingCallsAreAuditedWithTargetsAndResult() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let resource = h.createResource(id, parent: root, "pets")
        h.call("GET", "/restapis/\(id)")  // reads are not audited
        h.call("POST", "/restapis/\(id)/resources/\(root)", ["pathPart": "pets"], accessKey: "AKIDOTHER")  // 409
        let audit = try h.store.read { try $0.audit() }
        #expect(audit.map(\.operation) == ["CreateRestApi", "CreateResource", "CreateResource"])
        #expect(audit[0].targets == [id])
        #expect(audit[0].status == 201 && audit[0].errorType == nil && audit[0].accessKeyId == "AKIDADMIN")
        #expect(audit[1].targets == [id, root, resource])
        #expect(audit[2].status == 409 && audit[2].errorType == "ConflictException" && audit[2].accessKeyId == "AKIDOTHER")
        #expect(audit[2].requestId == "req-4")
        #expect(audit.allSatisfy { $0.at == h.clock.now })
    }

    @Test func listsPageWithPositionAndLimit() throws {
        let h = try AdminHarness()
        for n in 0..<5 { _ = h.createApi("api\(n)") }
        let first = h.call("GET", "/restapis?limit=2")
        #expect(first.items.count == 2)
        let position = try #require(first.string("position"))
        let second = h.call("GET", "/restapis?limit=2&position=\(position)")
        let third = h.call("GET", "/restapis?limit=2&position=\(second.string("position")!)")
        #expect(third.items.count == 1 && third["position"] == nil)
        let names = (first.items + second.items + third.items).compactMap { $0["name"] as? String }
        #expect(names == ["api0", "api1", "api2", "api3", "api4"])
        #expect(h.call("GET", "/restapis?position=zz").status == 400)
    }

    @Test func concurrentCallsFromManyThreadsAreSerializedSafely() throws {
        let h = try AdminHarness()
        let api = h.api
        DispatchQueue.concurrentPerform(iterations: 40) { n in
            let body = Array(#"{"name":"api\#(n)"}"#.utf8)
            let request = HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/restapis"), body: body)
            _ = api.handle(request, identity: "AKID", requestId: "r\(n)")
        }
        #expect(try h.store.read { try $0.restApis() }.count == 40)
        #expect(try h.store.read { try $0.audit() }.count == 40)
        #expect(Set(try h.store.read { try $0.restApis() }.map(\.api.id)).count == 40)
    }
}
