import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIImportApiKeysTests {
    static let value = "apikey1234abcdefghij0123456789"

    @Test func importsKeysIntoPlansAndOverwritesTheSameValue() throws {
        let h = try AdminHarness()
        let plan = h.call("POST", "/usageplans", ["name": "p"]).string("id")!
        let imported = h.call("POST", "/apikeys?mode=import&format=csv", "Name,key,description,Enabled,usageplanIds\nfirst,\(Self.value),d,false,\(plan)\n")
        #expect(imported.status == 201 && (imported["warnings"] as? [String]) == [])
        let id = try #require((imported["ids"] as? [String])?.first)
        let key = h.call("GET", "/apikeys/\(id)?includeValue=true")
        #expect(key.string("value") == Self.value && key.string("name") == "first" && key["enabled"] as? Bool == false)
        #expect(h.call("GET", "/usageplans/\(plan)/keys").items.map { $0["id"] as? String } == [id])
        let again = h.call("POST", "/apikeys?mode=import&format=csv", "key,name\n\(Self.value),second\n")
        #expect(again["ids"] as? [String] == [id])
        #expect(h.call("GET", "/apikeys/\(id)").string("name") == "second" && h.call("GET", "/apikeys/\(id)")["enabled"] as? Bool == true)
        #expect(h.call("GET", "/apikeys").items.count == 1)
    }

    @Test func badRowsAreWarningsOrWithFailOnWarningsTheWholeCallFails() throws {
        let h = try AdminHarness()
        let file = "name,key,usageplanIds\nshort,tooshort,\nplan,\(Self.value)x,nope\ngood,\(Self.value),\n"
        let strict = h.call("POST", "/apikeys?mode=import&format=csv&failonwarnings=true", file)
        #expect(strict.status == 400 && strict.message?.contains("Line 2") == true)
        #expect(h.call("GET", "/apikeys").items.isEmpty)
        let lenient = h.call("POST", "/apikeys?mode=import&format=csv", file)
        #expect((lenient["ids"] as? [String])?.count == 1 && (lenient["warnings"] as? [String])?.count == 2)
        #expect(h.call("POST", "/apikeys?mode=import&format=json", file).errorType == "ValidationException")
        #expect(h.call("POST", "/apikeys?mode=import", file).errorType == "ValidationException")
        #expect(h.call("POST", "/apikeys?mode=import&format=csv", "value\nx\n").status == 400)
    }
}
