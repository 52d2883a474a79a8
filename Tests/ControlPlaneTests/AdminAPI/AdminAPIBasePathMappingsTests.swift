import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIBasePathMappingsTests {
    /// A harness with the domain `d.example.com` and an API deployed to `prod`.
    static func setUp() throws -> (AdminHarness, String) {
        let h = try AdminHarness()
        precondition(h.call("POST", "/domainnames", ["domainName": "d.example.com"]).status == 201)
        return (h, h.deployedApi().id)
    }

    @Test func createListAndGetWithTheNoneBasePath() throws {
        let (h, api) = try Self.setUp()
        let none = h.call("POST", "/domainnames/d.example.com/basepathmappings", ["restApiId": api])
        #expect(none.status == 201 && none.string("basePath") == "(none)" && none.string("restApiId") == api && none["stage"] == nil)
        let v1 = h.call("POST", "/domainnames/d.example.com/basepathmappings", ["restApiId": api, "basePath": "v1", "stage": "prod"])
        #expect(v1.string("basePath") == "v1" && v1.string("stage") == "prod")
        #expect(h.call("GET", "/domainnames/d.example.com/basepathmappings").items.map { $0["basePath"] as? String } == ["(none)", "v1"])
        #expect(h.call("GET", "/domainnames/d.example.com/basepathmappings/%28none%29").string("restApiId") == api)
        let duplicate = h.call("POST", "/domainnames/d.example.com/basepathmappings", ["restApiId": api, "basePath": "v1"])
        #expect(duplicate.status == 409 && duplicate.message == "Base path already exists for this domain name")
    }

    @Test func unknownApiStageBasePathAndDomainAnswerAsAWS() throws {
        let (h, api) = try Self.setUp()
        let base = "/domainnames/d.example.com/basepathmappings"
        let noApi = h.call("POST", base, ["restApiId": "no"])
        #expect(noApi.status == 400 && noApi.message == "Invalid REST API identifier specified")
        let noStage = h.call("POST", base, ["restApiId": api, "stage": "unknown-stage"])
        #expect(noStage.status == 400 && noStage.message == "Invalid stage identifier specified")
        let slash = h.call("POST", base, ["restApiId": api, "basePath": "/v1"])
        #expect(slash.message == "API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a multi-level base path mapping, use API Gateway V2.")
        #expect(h.call("POST", base, ["restApiId": api, "basePath": "v 1"]).status == 400)
        #expect(h.call("POST", base, [String: Any]()).errorType == "ValidationException")
        for verb in ["GET", "DELETE"] {
            #expect(h.call(verb, "\(base)/unknown").message == "Invalid base path mapping identifier specified")
            #expect(h.call(verb, "/domainnames/unknown-domain/basepathmappings/v1").message == "Invalid domain name identifier specified")
        }
        #expect(h.call("GET", "/domainnames/unknown-domain/basepathmappings").status == 404)
        #expect(h.call("GET", base).items.isEmpty)
    }

    @Test func updateMovesTheMappingAndChecksItsTarget() throws {
        let (h, api) = try Self.setUp()
        let other = h.deployedApi(stage: "dev").id
        let base = "/domainnames/d.example.com/basepathmappings"
        h.call("POST", base, ["restApiId": api])
        h.call("POST", base, ["restApiId": api, "basePath": "v2"])
        let moved = h.patch("\(base)/(none)", [("replace", "/stage", "dev"), ("replace", "/basePath", "v1"), ("replace", "/restapiId", other)])
        #expect(moved.status == 200 && moved.string("basePath") == "v1" && moved.string("restApiId") == other && moved.string("stage") == "dev")
        #expect(h.call("GET", "\(base)/(none)").status == 404)
        #expect(h.patch("\(base)/v1", [("replace", "/restapiId", "unknown")]).message == "Invalid REST API identifier specified")
        #expect(h.patch("\(base)/v1", [("replace", "/stage", "unknown")]).message == "Invalid stage identifier specified")
        #expect(h.patch("\(base)/v1", [("replace", "/basePath", "v2")]).status == 409)
        #expect(h.patch("\(base)/v1", [("add", "/stage", "dev")]).status == 400)
        #expect(h.call("GET", base).items.map { $0["basePath"] as? String } == ["v2", "v1"])
        #expect(h.call("DELETE", "\(base)/v1").status == 202)
    }

    @Test func deletingTheApiOrTheDomainRemovesItsMappings() throws {
        let (h, api) = try Self.setUp()
        h.call("POST", "/domainnames/d.example.com/basepathmappings", ["restApiId": api, "basePath": "v1"])
        #expect(h.call("DELETE", "/restapis/\(api)").status == 202)
        #expect(h.call("GET", "/domainnames/d.example.com/basepathmappings").items.isEmpty)
        let again = h.deployedApi().id
        h.call("POST", "/domainnames/d.example.com/basepathmappings", ["restApiId": again])
        #expect(h.call("DELETE", "/domainnames/d.example.com").status == 202)
        #expect(try h.store.read { tx in try tx.basePathMappings(domainName: "d.example.com") }.isEmpty)
    }

    /// Nodes route by these: every change moves the revision and shows in the next snapshot, which
    /// never carries certificate material.
    @Test func everyChangeReachesTheSnapshotAndMovesTheRevision() throws {
        let (h, api) = try Self.setUp()
        func snapshot() throws -> Snapshot { try SnapshotBuilder.build(h.store, now: 0) }
        let start = try snapshot()
        #expect(start.domainNames == [SnapshotDomainName(domainName: "d.example.com", endpointType: "EDGE", securityPolicy: "TLS_1_2", mappings: [])])
        #expect(h.call("POST", "/domainnames/d.example.com/basepathmappings", ["restApiId": api, "stage": "prod"]).status == 201)
        let created = try snapshot()
        #expect(created.revision > start.revision)
        #expect(created.domainNames?.first?.mappings == [SnapshotBasePathMapping(basePath: "", restApiId: api, stage: "prod")])
        #expect(h.call("PATCH", "/domainnames/d.example.com/basepathmappings/%28none%29",
                       ["patchOperations": [["op": "replace", "path": "/basePath", "value": "v1"]]]).status == 200)
        let updated = try snapshot()
        #expect(updated.revision > created.revision)
        #expect(updated.domainNames?.first?.mappings == [SnapshotBasePathMapping(basePath: "v1", restApiId: api, stage: "prod")])
        #expect(h.call("DELETE", "/domainnames/d.example.com/basepathmappings/v1").status == 202)
        let deleted = try snapshot()
        #expect(deleted.revision > updated.revision && deleted.domainNames?.first?.mappings == [])
        #expect(h.call("PATCH", "/domainnames/d.example.com", ["patchOperations": [["op": "replace", "path": "/securityPolicy", "value": "TLS_1_0"]]]).status == 200)
        let patched = try snapshot()
        #expect(patched.revision > deleted.revision && patched.domainNames?.first?.securityPolicy == "TLS_1_0")
        #expect(h.call("DELETE", "/domainnames/d.example.com").status == 202)
        let gone = try snapshot()
        #expect(gone.revision > patched.revision && gone.domainNames == nil)
        #expect(!String(decoding: SnapshotCodec.encode(gone), as: UTF8.self).contains("PRIVATE KEY"))
    }
}
