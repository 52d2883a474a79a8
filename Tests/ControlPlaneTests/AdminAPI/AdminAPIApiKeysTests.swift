import Testing
@testable import ControlPlane

@Suite struct AdminAPIApiKeysTests {
    @Test func createGeneratesA40CharacterValueAndDefaultsToDisabled() throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/apikeys", ["name": "k"])
        #expect(result.status == 201)
        #expect(result.string("value")?.count == 40)
        #expect(result.string("value")?.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } == true)
        #expect(result["enabled"] as? Bool == false)
        #expect(result["stageKeys"] as? [String] == [])
        #expect(result["createdDate"] as? Int == Int(h.clock.now))
    }

    @Test(arguments: [
        (String(repeating: "a", count: 19), 400, "API Key value should be at least 20 characters"),
        (String(repeating: "a", count: 129), 400, "API Key value exceeds maximum size of 128 characters"),
    ])
    func valueLengthLimits(value: String, status: Int, message: String) throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/apikeys", ["name": "k", "value": value])
        #expect(result.status == status && result.message == message)
    }

    @Test func duplicateValuesAndLongNamesAreRefused() throws {
        let h = try AdminHarness()
        let value = String(repeating: "v", count: 20)
        #expect(h.call("POST", "/apikeys", ["value": value, "enabled": true]).status == 201)
        let duplicate = h.call("POST", "/apikeys", ["value": value])
        #expect(duplicate.status == 409 && duplicate.message == "API Key already exists")
        #expect(h.call("POST", "/apikeys", ["name": String(repeating: "n", count: 1025)]).message
                == "Invalid API Key name, can be at most 1024 characters.")
    }

    @Test func valuesAreOnlyListedWhenAskedFor() throws {
        let h = try AdminHarness()
        let id = h.call("POST", "/apikeys", ["name": "alpha", "customerId": "c1"]).string("id")!
        h.call("POST", "/apikeys", ["name": "beta"])
        #expect(h.call("GET", "/apikeys").items.allSatisfy { $0["value"] == nil })
        #expect(h.call("GET", "/apikeys?includeValues=true").items.allSatisfy { ($0["value"] as? String)?.count == 40 })
        #expect(h.call("GET", "/apikeys/\(id)")["value"] == nil)
        #expect(h.call("GET", "/apikeys/\(id)?includeValue=true").string("value")?.count == 40)
        #expect(h.call("GET", "/apikeys?name=al").items.count == 1)
        #expect(h.call("GET", "/apikeys?customerId=c1").items.count == 1)
        #expect(h.call("GET", "/apikeys/nope").message == "Invalid API Key identifier specified")
    }

    @Test func updateAcceptsAWSPathsOnly() throws {
        let h = try AdminHarness()
        let id = h.call("POST", "/apikeys", ["name": "k"]).string("id")!
        h.clock.advance(by: 5)
        let updated = h.patch("/apikeys/\(id)", [("replace", "/enabled", "true"), ("replace", "/name", "n2"),
                                                  ("replace", "/description", "d"), ("replace", "/customerId", "c")])
        #expect(updated["enabled"] as? Bool == true && updated.string("name") == "n2")
        #expect(updated.string("customerId") == "c" && updated.string("description") == "d")
        #expect(updated["lastUpdatedDate"] as? Int == Int(h.clock.now))
        let bad = h.patch("/apikeys/\(id)", [("replace", "/id", "x")])
        #expect(bad.status == 400)
        #expect(bad.message == "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/description, /enabled, /name, /customerId]")
    }

    @Test func keyChangesBumpTheRevisionAndDeleteRemovesPlanMemberships() throws {
        let h = try AdminHarness()
        let id = h.call("POST", "/apikeys", ["name": "k"]).string("id")!
        #expect(try h.store.revision() == 1)
        let plan = h.call("POST", "/usageplans", ["name": "p"]).string("id")!
        h.call("POST", "/usageplans/\(plan)/keys", ["keyId": id, "keyType": "API_KEY"])
        let before = try h.store.revision()
        #expect(h.call("DELETE", "/apikeys/\(id)").status == 202)
        #expect(try h.store.revision() > before)
        #expect(h.call("GET", "/usageplans/\(plan)/keys").items.isEmpty)
        #expect(h.call("DELETE", "/apikeys/\(id)").status == 404)
    }

    // MARK: - Lengths count UTF-16 code units, as AWS does

    /// 20 grapheme clusters, each "a" with 10,000 combining marks: 200,020 UTF-16 code units.
    static let twentyHeavyGraphemes = String(repeating: "a" + String(repeating: "\u{301}", count: 10_000), count: 20)

    @Test func aValueOfTwentyGraphemesButThousandsOfCodeUnitsIsTooLong() throws {
        let h = try AdminHarness()
        #expect(Self.twentyHeavyGraphemes.count == 20)
        let result = h.call("POST", "/apikeys", ["name": "k", "value": Self.twentyHeavyGraphemes])
        #expect(result.status == 400 && result.message == "API Key value exceeds maximum size of 128 characters")
        #expect(h.call("GET", "/apikeys").items.isEmpty)
    }

    @Test func emojiCountTwoCodeUnitsEachInAKeyValue() throws {
        let h = try AdminHarness()
        // 10 emoji: 10 graphemes, 20 UTF-16 code units: long enough for AWS.
        #expect(h.call("POST", "/apikeys", ["value": String(repeating: "😀", count: 10)]).status == 201)
        // 65 emoji: 65 graphemes (under 128), 130 code units (over).
        let long = h.call("POST", "/apikeys", ["value": String(repeating: "😀", count: 65)])
        #expect(long.status == 400 && long.message == "API Key value exceeds maximum size of 128 characters")
    }

    @Test func aNameOfFewGraphemesButManyCodeUnitsIsTooLong() throws {
        let h = try AdminHarness()
        let name = String(repeating: "e\u{301}", count: 600)  // 600 graphemes, 1,200 code units
        let expected = "Invalid API Key name, can be at most 1024 characters."
        #expect(h.call("POST", "/apikeys", ["name": name]).message == expected)
        let id = try #require(h.call("POST", "/apikeys", ["name": "k"]).string("id"))
        #expect(h.patch("/apikeys/\(id)", [("replace", "/name", name)]).message == expected)
    }

    // MARK: - Terraform

    @Test func anEmptyValueMeansGenerateOneAsTerraformSendsIt() throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/apikeys", ["name": "tf", "value": "", "enabled": true])
        #expect(result.status == 201)
        #expect(result.string("value")?.count == 40)
    }
}
