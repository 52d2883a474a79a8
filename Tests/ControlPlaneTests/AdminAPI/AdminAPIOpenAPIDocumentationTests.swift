import Foundation
import Testing
@testable import ControlPlane
import Shared

/// ImportRestApi / PutRestApi write `x-amazon-apigateway-documentation` into the API's
/// documentation parts (the store the documentation operations use); GetExport writes them back.
@Suite struct AdminAPIOpenAPIDocumentationTests {
    static func document(_ parts: String, version: String? = nil, title: String = "documented") -> String {
        let versionField = version.map { #""version":"\#($0)","# } ?? ""
        return #"{"openapi":"3.0.1","info":{"title":"\#(title)"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}},"x-amazon-apigateway-integration":{"type":"mock","requestTemplates":{"application/json":"{\"statusCode\": 200}"},"responses":{"default":{"statusCode":"200"}}}}}},"x-amazon-apigateway-documentation":{\#(versionField)"documentationParts":[\#(parts)]}}"#
    }
    static let apiPart = #"{"location":{"type":"API"},"properties":{"description":"the API"}}"#
    static let methodPart = #"{"location":{"type":"METHOD","path":"/a","method":"GET"},"properties":{"summary":"get a"}}"#

    /// (type, properties) of the API's parts, sorted by type.
    static func parts(_ h: AdminHarness, _ id: String) -> [String] {
        h.call("GET", "/restapis/\(id)/documentation/parts").items.map { part in
            "\((part["location"] as? [String: Any])?["type"] as? String ?? "?") \(part["properties"] as? String ?? "?")"
        }.sorted()
    }

    /// The `x-amazon-apigateway-documentation` of the stage's export, as (type, properties) sorted, and its version.
    static func exported(_ h: AdminHarness, _ id: String) throws -> (parts: [String], version: String?) {
        let reply = h.call("GET", "/restapis/\(id)/stages/prod/exports/oas30?extensions=apigateway")
        #expect(reply.status == 200)
        let documentation = try JSONParser.parse(reply.body)["x-amazon-apigateway-documentation"]
        let parts = (documentation?["documentationParts"]?.items ?? []).map { part in
            "\(part["location"]?["type"]?.string ?? "?") \(part["properties"]?.serialized() ?? "?")"
        }.sorted()
        return (parts, documentation?["version"]?.string)
    }

    @Test func importedPartsAreTheApisPartsAndTheExportWritesThemBack() throws {
        let h = try AdminHarness()
        let imported = h.call("POST", "/restapis?mode=import", Self.document([Self.apiPart, Self.methodPart].joined(separator: ","), version: "v1"))
        #expect(imported.status == 201, "\(imported.message ?? "")")
        let id = try #require(imported.string("id"))
        #expect(Self.parts(h, id) == [#"API {"description":"the API"}"#, #"METHOD {"summary":"get a"}"#])
        // The document's version is a documentation version: a snapshot of the imported parts.
        #expect(h.call("GET", "/restapis/\(id)/documentation/versions").items.map { $0["version"] as? String } == ["v1"])
        #expect(try h.store.read { tx in try tx.documentationVersionParts(restApiId: id, version: "v1") }?.count == 2)

        #expect(h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"]).status == 201)
        let current = try Self.exported(h, id)
        #expect(current.parts == Self.parts(h, id) && current.version == nil)
        // A part created through the documentation operations is in the next export too.
        h.call("POST", "/restapis/\(id)/documentation/parts", ["location": ["type": "RESOURCE", "path": "/a"], "properties": #"{"r":1}"#])
        #expect(try Self.exported(h, id).parts.count == 3)

        // A stage naming a documentation version exports that snapshot, and names it.
        #expect(h.call("POST", "/restapis/\(id)/documentation/versions", ["documentationVersion": "v2", "stageName": "prod"]).status == 201)
        h.call("DELETE", "/restapis/\(id)/documentation/parts/\(h.call("GET", "/restapis/\(id)/documentation/parts").items[0]["id"] as? String ?? "")")
        let published = try Self.exported(h, id)
        #expect(published.parts.count == 3 && published.version == "v2")

        // The export imports again with the same parts.
        let export = h.call("GET", "/restapis/\(id)/stages/prod/exports/oas30?extensions=apigateway")
        let again = try #require(h.call("POST", "/restapis?mode=import", export.body).string("id"))
        #expect(Self.parts(h, again).count == 3)
    }

    @Test func ignoreDocumentationStoresNoParts() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/restapis?mode=import&ignore=documentation", Self.document(Self.apiPart, version: "v1")).string("id"))
        #expect(Self.parts(h, id).isEmpty)
        #expect(h.call("GET", "/restapis/\(id)/documentation/versions").items.isEmpty)
    }

    @Test func putRestApiMergesOrOverwritesTheParts() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/restapis?mode=import", Self.document(Self.apiPart)).string("id"))
        let changed = #"{"location":{"type":"API"},"properties":{"description":"changed"}}"#
        #expect(h.call("PUT", "/restapis/\(id)?mode=merge", Self.document([changed, Self.methodPart].joined(separator: ","))).status == 200)
        #expect(Self.parts(h, id) == [#"API {"description":"changed"}"#, #"METHOD {"summary":"get a"}"#])

        // ignore=documentation leaves the parts as they are, even under overwrite.
        #expect(h.call("PUT", "/restapis/\(id)?mode=overwrite&ignore=documentation", Self.document(Self.apiPart)).status == 200)
        #expect(Self.parts(h, id).count == 2)
        #expect(h.call("PUT", "/restapis/\(id)?mode=overwrite", Self.document(Self.methodPart)).status == 200)
        #expect(Self.parts(h, id) == [#"METHOD {"summary":"get a"}"#])
        // Overwrite with a document without documentation leaves none.
        #expect(h.call("PUT", "/restapis/\(id)?mode=overwrite", "openapi: 3.0.1\ninfo: {title: t}\npaths: {}\n").status == 200)
        #expect(Self.parts(h, id).isEmpty)
    }

    @Test func aPartAgainstTheLocationRulesImportsNothing() throws {
        let h = try AdminHarness()
        let before = h.call("GET", "/restapis").items.count
        let bad = #"{"location":{"type":"API","path":"/a"},"properties":{}}"#
        let result = h.call("POST", "/restapis?mode=import", Self.document([Self.apiPart, bad].joined(separator: ",")))
        #expect(result.status == 400)
        #expect(result.message?.contains("'path' is not a valid field for the API type") == true, "\(result.message ?? "")")
        #expect(h.call("GET", "/restapis").items.count == before)
    }

    @Test func anExistingVersionOfTheSameNameIsAWarning() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/restapis?mode=import", Self.document(Self.apiPart, version: "v1")).string("id"))
        let put = h.call("PUT", "/restapis/\(id)", Self.document(Self.methodPart, version: "v1"))
        #expect(put.status == 200 && (put["warnings"] as? [String]) == ["Documentation version v1 already exists: not replaced"])
        #expect(try h.store.read { tx in try tx.documentationVersionParts(restApiId: id, version: "v1") }?.count == 1)
        #expect(h.call("PUT", "/restapis/\(id)?failonwarnings=true", Self.document(Self.methodPart, version: "v1")).status == 400)
    }
}
