import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIDocumentationTests {
    @Test func partsGetAWSDefaultsAndOneLocationHasOnePart() throws {
        let h = try AdminHarness()
        let api = h.createApi().id
        let base = "/restapis/\(api)/documentation/parts"
        let method = h.call("POST", base, ["location": ["type": "METHOD", "path": "/pets"], "properties": #"{"description":"List"}"#])
        #expect(method.status == 201 && method.string("id")?.count == 6)
        #expect(method["location"] as? [String: String] == ["type": "METHOD", "path": "/pets", "method": "*"])
        let apiPart = h.call("POST", base, ["location": ["type": "API"], "properties": "{}"])
        #expect(apiPart["location"] as? [String: String] == ["type": "API"])
        let response = h.call("POST", base, ["location": ["type": "RESPONSE_HEADER", "name": "x-a"], "properties": "{}"])
        #expect(response["location"] as? [String: String] == ["type": "RESPONSE_HEADER", "path": "/", "method": "*", "statusCode": "*", "name": "x-a"])
        let duplicate = h.call("POST", base, ["location": ["type": "METHOD", "path": "/pets", "method": "*"], "properties": "{}"])
        #expect(duplicate.status == 409)
        #expect(h.call("GET", base).items.count == 3)
        #expect(h.call("GET", base + "?type=METHOD").items.count == 1)
        #expect(h.call("GET", base + "?path=/pets").items.count == 1)
        #expect(h.call("GET", base + "?locationStatus=UNDOCUMENTED").status == 501)
    }

    @Test func locationsAndPropertiesAreValidated() throws {
        let h = try AdminHarness()
        let api = h.createApi().id
        let base = "/restapis/\(api)/documentation/parts"
        let bad: [[String: String]] = [["type": "API", "path": "/"], ["type": "MODEL"], ["type": "RESOURCE", "path": "pets"],
                                      ["type": "METHOD", "method": "FETCH"], ["type": "RESPONSE", "statusCode": "99"],
                                      ["type": "RESOURCE", "statusCode": "200"]]
        for location in bad {
            #expect(h.call("POST", base, ["location": location, "properties": "{}"]).status == 400, "\(location)")
        }
        #expect(h.call("POST", base, ["location": ["type": "THING"], "properties": "{}"]).errorType == "ValidationException")
        #expect(h.call("POST", base, ["location": ["type": "API"], "properties": "not json"]).status == 400)
        #expect(h.call("POST", base, ["location": ["type": "API"], "properties": "[1]"]).status == 400)
        #expect(h.call("POST", base, ["location": ["type": "API"]]).errorType == "ValidationException")
        #expect(h.call("GET", base).items.isEmpty)
    }

    @Test func updateDeleteAndUnknownIds() throws {
        let h = try AdminHarness()
        let api = h.createApi().id
        let base = "/restapis/\(api)/documentation/parts"
        let id = h.call("POST", base, ["location": ["type": "API"], "properties": "{}"]).string("id")!
        #expect(h.patch("\(base)/\(id)", [("replace", "/properties", #"{"a":1}"#)]).string("properties") == #"{"a":1}"#)
        #expect(h.patch("\(base)/\(id)", [("replace", "/properties", "x")]).status == 400)
        #expect(h.patch("\(base)/\(id)", [("replace", "/location", "x")]).status == 400)
        #expect(h.call("DELETE", "\(base)/\(id)").status == 202)
        #expect(h.call("GET", "\(base)/\(id)").message == "Invalid Documentation part identifier specified")
        #expect(h.call("GET", "/restapis/nope/documentation/parts").status == 404)
    }

    @Test func importMergesOrOverwritesAndWarns() throws {
        let h = try AdminHarness()
        let api = h.createApi().id
        let base = "/restapis/\(api)/documentation/parts"
        let old = h.call("POST", base, ["location": ["type": "API"], "properties": #"{"v":0}"#]).string("id")!
        let document = #"{"swagger":"2.0","x-amazon-apigateway-documentation":{"version":"1","documentationParts":[{"location":{"type":"API"},"properties":{"v":1}},{"location":{"type":"RESOURCE","path":"/pets"},"properties":{"d":"p"}},{"location":{"type":"MODEL"},"properties":{}}]}}"#
        let merged = h.call("PUT", base + "?mode=merge", document)
        #expect(merged.status == 200)
        #expect((merged["ids"] as? [String])?.first == old && (merged["ids"] as? [String])?.count == 2)
        #expect((merged["warnings"] as? [String])?.count == 1)
        #expect(h.call("GET", "\(base)/\(old)").string("properties") == #"{"v":1}"#)
        #expect(h.call("PUT", base + "?failonwarnings=true", document).status == 400)
        #expect(h.call("GET", base).items.count == 2)
        let overwrite = #"{"x-amazon-apigateway-documentation":{"documentationParts":[{"location":{"type":"METHOD","path":"/a"},"properties":"{}"}]}}"#
        #expect(h.call("PUT", base + "?mode=overwrite", overwrite).status == 200)
        #expect(h.call("GET", base).items.map { ($0["location"] as? [String: String])?["type"] } == ["METHOD"])
        #expect(h.call("PUT", base, "not json").status == 400)
    }

    @Test func versionsSnapshotThePartsAndMayNameAStage() throws {
        let h = try AdminHarness()
        let api = h.deployedApi().id
        h.call("POST", "/restapis/\(api)/documentation/parts", ["location": ["type": "API"], "properties": "{}"])
        let base = "/restapis/\(api)/documentation/versions"
        let created = h.call("POST", base, ["documentationVersion": "1.0", "stageName": "prod", "description": "first"])
        #expect(created.status == 201 && created.string("version") == "1.0" && created["createdDate"] as? Int == Int(h.clock.now))
        #expect(h.call("GET", "/restapis/\(api)/stages/prod").string("documentationVersion") == "1.0")
        #expect(try h.store.read { tx in try tx.documentationVersionParts(restApiId: api, version: "1.0") }?.count == 1)
        #expect(h.call("POST", base, ["documentationVersion": "1.0"]).status == 409)
        #expect(h.call("POST", base, ["documentationVersion": "2.0", "stageName": "nope"]).status == 404)
        #expect(h.call("GET", base).items.map { $0["version"] as? String } == ["1.0"])
        #expect(h.patch("\(base)/1.0", [("replace", "/description", "d")]).string("description") == "d")
        #expect(h.call("DELETE", "\(base)/1.0").status == 202)
        #expect(h.call("GET", "\(base)/1.0").status == 404)
    }
}
