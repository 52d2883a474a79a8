import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIUsagePlansTests {
    @Test func createWithThrottleQuotaAndApiStages() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let result = h.call("POST", "/usageplans", [
            "name": "gold", "throttle": ["rateLimit": 10.5, "burstLimit": 20],
            "quota": ["limit": 1000, "offset": 10, "period": "MONTH"],
            "apiStages": [["apiId": deployed.id, "stage": "prod", "throttle": ["/pets/GET": ["rateLimit": 1, "burstLimit": 2]]]],
        ])
        #expect(result.status == 201)
        #expect(result.string("id")?.count == 6)
        #expect((result["throttle"] as? [String: Any])?["rateLimit"] as? Double == 10.5)
        #expect((result["quota"] as? [String: Any])?["period"] as? String == "MONTH")
        let stages = result["apiStages"] as? [[String: Any]]
        #expect(stages?.first?["stage"] as? String == "prod")
        #expect(h.call("GET", "/usageplans").items.count == 1)
        #expect(h.call("GET", "/usageplans/\(result.string("id")!)").string("name") == "gold")
    }

    @Test func createRejectsUnknownStagesAndBadQuotas() throws {
        let h = try AdminHarness()
        let missing = h.call("POST", "/usageplans", ["name": "p", "apiStages": [["apiId": "abc", "stage": "prod"]]])
        #expect(missing.status == 404 && missing.message?.hasPrefix("Invalid API Stage {api: abc, stage: prod} specified for usageplan ") == true)
        let noOffset = h.call("POST", "/usageplans", ["name": "p", "quota": ["limit": 10, "period": "WEEK"]])
        #expect((noOffset["quota"] as? [String: Any])?["offset"] as? Int == 0)
        let period = h.call("POST", "/usageplans", ["name": "p", "quota": ["limit": 10, "period": "YEAR"]])
        #expect(period.errorType == "ValidationException")
        #expect(h.call("POST", "/usageplans", [String: Any]()).errorType == "ValidationException")
        #expect(h.call("GET", "/usageplans/nope").message == "Invalid Usage Plan ID specified")
    }

    @Test func updateUsagePlanPatchPaths() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let id = h.call("POST", "/usageplans", ["name": "p"]).string("id")!
        let stageRef = "\(deployed.id):prod"
        let updated = h.patch("/usageplans/\(id)", [
            ("replace", "/name", "p2"), ("replace", "/throttle/rateLimit", "7"), ("replace", "/throttle/burstLimit", "9"),
            ("replace", "/quota/limit", "100"), ("replace", "/quota/period", "DAY"), ("add", "/apiStages", stageRef),
            ("replace", "/apiStages/\(stageRef)/throttle/~1pets/GET/rateLimit", "3"),
            ("replace", "/apiStages/\(stageRef)/throttle/~1pets/GET/burstLimit", "4"),
        ])
        #expect(updated.status == 200)
        #expect(updated.string("name") == "p2")
        #expect((updated["throttle"] as? [String: Any])?["burstLimit"] as? Int == 9)
        #expect((updated["quota"] as? [String: Any])?["limit"] as? Int == 100)
        let stage = (updated["apiStages"] as? [[String: Any]])?.first
        let methodThrottle = (stage?["throttle"] as? [String: [String: Any]])?["/pets/GET"]
        #expect(methodThrottle?["rateLimit"] as? Double == 3 && methodThrottle?["burstLimit"] as? Int == 4)
        let replacedMap = h.patch("/usageplans/\(id)", [("replace", "/apiStages/\(stageRef)/throttle", #"{"//GET":{"rateLimit":1,"burstLimit":1}}"#)])
        #expect(((replacedMap["apiStages"] as? [[String: Any]])?.first?["throttle"] as? [String: Any])?.keys.sorted() == ["//GET"])
        let removed = h.patch("/usageplans/\(id)", [("remove", "/apiStages", stageRef), ("remove", "/quota", nil), ("remove", "/throttle", nil)])
        #expect((removed["apiStages"] as? [Any])?.isEmpty == true && removed["quota"] == nil && removed["throttle"] == nil)
        #expect(h.patch("/usageplans/\(id)", [("add", "/apiStages", "\(deployed.id):nostage")]).status == 404)
        #expect(h.patch("/usageplans/\(id)", [("replace", "/bogus", "x")]).message == "Invalid patch path /bogus")
        #expect(h.patch("/usageplans/\(id)", [("replace", "/quota/period", "YEAR")]).status == 400)
    }

    @Test func usagePlanKeysLifecycle() throws {
        let h = try AdminHarness()
        let plan = h.call("POST", "/usageplans", ["name": "p"]).string("id")!
        let key = h.call("POST", "/apikeys", ["name": "k"])
        let keyId = key.string("id")!
        let created = h.call("POST", "/usageplans/\(plan)/keys", ["keyId": keyId, "keyType": "API_KEY"])
        #expect(created.status == 201)
        #expect(created.string("id") == keyId && created.string("type") == "API_KEY" && created.string("value") == key.string("value"))
        #expect(h.call("POST", "/usageplans/\(plan)/keys", ["keyId": keyId, "keyType": "API_KEY"]).status == 409)
        #expect(h.call("POST", "/usageplans/\(plan)/keys", ["keyId": "nope", "keyType": "API_KEY"]).message == "Invalid API Key identifier specified")
        #expect(h.call("GET", "/usageplans/\(plan)/keys").items.count == 1)
        #expect(h.call("GET", "/usageplans/\(plan)/keys/\(keyId)").string("name") == "k")
        #expect(h.call("GET", "/usageplans?keyId=\(keyId)").items.count == 1)
        #expect(h.call("GET", "/usageplans?keyId=other").items.isEmpty)
        #expect(h.call("DELETE", "/usageplans/\(plan)/keys/\(keyId)").status == 202)
        #expect(h.call("GET", "/usageplans/\(plan)/keys/\(keyId)").status == 404)
        #expect(h.call("DELETE", "/usageplans/\(plan)").status == 202)
        #expect(h.call("GET", "/usageplans/\(plan)").status == 404)
    }

    @Test func getUsageReportsZeroUseAndUpdateUsageSetsRemaining() throws {
        let h = try AdminHarness()
        let plan = h.call("POST", "/usageplans", ["name": "p", "quota": ["limit": 500, "period": "DAY"]]).string("id")!
        let keyId = h.call("POST", "/apikeys", ["name": "k"]).string("id")!
        h.call("POST", "/usageplans/\(plan)/keys", ["keyId": keyId, "keyType": "API_KEY"])
        let usage = h.call("GET", "/usageplans/\(plan)/usage?startDate=2024-02-27&endDate=2024-03-01")
        #expect(usage.status == 200)
        #expect(usage.string("usagePlanId") == plan && usage.string("startDate") == "2024-02-27")
        let values = usage["values"] as? [String: [[Int]]]
        #expect(values?[keyId] == [[0, 500], [0, 500], [0, 500], [0, 500]])  // 2024 is a leap year
        let updated = h.patch("/usageplans/\(plan)/keys/\(keyId)/usage", [("replace", "/remaining", "42")])
        #expect(updated.status == 200)
        #expect((updated["values"] as? [String: [[Int]]])?[keyId] == [[0, 42]])
        #expect(h.patch("/usageplans/\(plan)/keys/\(keyId)/usage", [("replace", "/used", "1")]).status == 400)
        #expect(h.call("GET", "/usageplans/\(plan)/usage?startDate=2024-03-01").errorType == "ValidationException")
        #expect(h.call("GET", "/usageplans/\(plan)/usage?startDate=2024-03-02&endDate=2024-03-01").status == 400)
        #expect(h.call("GET", "/usageplans/\(plan)/usage?startDate=2024-02-30&endDate=2024-03-01").status == 400)
    }

    @Test func changingTheQuotaMovesItsAnchorAndTheSnapshotCarriesIt() throws {
        let h = try AdminHarness()
        let created = h.clock.now
        let id = h.call("POST", "/usageplans", ["name": "p", "quota": ["limit": 10, "offset": 4, "period": "DAY"]]).string("id")!
        func anchor() throws -> Int64? { try h.store.read { try $0.usagePlanQuotaAnchor(id) } }
        func published() throws -> Int64? {
            try SnapshotBuilder.build(h.store, now: h.clock.now).usagePlans.first { $0.plan.id == id }?.quotaAnchorEpochSeconds
        }
        #expect(try anchor() == created)
        #expect(try published() == created)
        // Edits that leave limit, period and offset as they were keep the anchor.
        h.clock.advance(by: 100)
        #expect(h.patch("/usageplans/\(id)", [("replace", "/name", "p2"), ("replace", "/quota/limit", "10")]).status == 200)
        #expect(try anchor() == created)
        // Any change of the quota starts a new initial period now.
        for (path, value) in [("/quota/limit", "20"), ("/quota/offset", "5"), ("/quota/period", "WEEK")] {
            h.clock.advance(by: 100)
            #expect(h.patch("/usageplans/\(id)", [("replace", path, value)]).status == 200)
            #expect(try anchor() == h.clock.now)
            #expect(try published() == h.clock.now)
        }
        // A rejected change moves nothing.
        let before = try anchor()
        h.clock.advance(by: 100)
        #expect(h.patch("/usageplans/\(id)", [("replace", "/quota/offset", "50")]).status == 400)
        #expect(try anchor() == before)
        // Removing the quota clears the anchor; adding one back sets it again.
        #expect(h.patch("/usageplans/\(id)", [("remove", "/quota", nil)]).status == 200)
        #expect(try anchor() == nil)
        #expect(try published() == nil)
        h.clock.advance(by: 100)
        #expect(h.patch("/usageplans/\(id)", [("replace", "/quota/limit", "7"), ("replace", "/quota/period", "MONTH")]).status == 200)
        #expect(try anchor() == h.clock.now)
        // A plan created without a quota has no anchor.
        let bare = h.call("POST", "/usageplans", ["name": "bare"]).string("id")!
        #expect(try h.store.read { try $0.usagePlanQuotaAnchor(bare) } == nil)
    }

    @Test func getUsageShowsTheOffsetOnlyInTheQuotasInitialPeriod() throws {
        let h = try AdminHarness()  // clock: 2023-11-14T22:13:20Z
        let plan = h.call("POST", "/usageplans", ["name": "p", "quota": ["limit": 10, "offset": 4, "period": "DAY"]]).string("id")!
        let keyId = h.call("POST", "/apikeys", ["name": "k"]).string("id")!
        h.call("POST", "/usageplans/\(plan)/keys", ["keyId": keyId, "keyType": "API_KEY"])
        let usage = h.call("GET", "/usageplans/\(plan)/usage?startDate=2023-11-13&endDate=2023-11-16")
        #expect((usage["values"] as? [String: [[Int]]])?[keyId] == [[0, 10], [0, 6], [0, 10], [0, 10]])
        // UpdateUsage sets the remaining of the initial period against its own limit, too.
        let updated = h.patch("/usageplans/\(plan)/keys/\(keyId)/usage", [("replace", "/remaining", "3")])
        #expect((updated["values"] as? [String: [[Int]]])?[keyId] == [[0, 3]])
        let after = h.call("GET", "/usageplans/\(plan)/usage?startDate=2023-11-14&endDate=2023-11-15")
        #expect((after["values"] as? [String: [[Int]]])?[keyId] == [[0, 3], [0, 10]])
    }

    @Test func calendarConversionsRoundTrip() {
        #expect(AdminAPI.dayNumber("1970-01-01") == 0)
        #expect(AdminAPI.dayNumber("2000-03-01") == 11_017)
        #expect(AdminAPI.dateString(dayNumber: 19_723) == "2024-01-01")
        for day in stride(from: Int64(-1000), through: 30_000, by: 37) {
            #expect(AdminAPI.dayNumber(AdminAPI.dateString(dayNumber: day)) == day)
        }
    }

    @Test func aStageThrottleMapInAPatchValueIsReadAsStrictlyAsABody() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let id = h.call("POST", "/usageplans", ["name": "p", "apiStages": [["apiId": deployed.id, "stage": "prod"]]]).string("id")!
        let path = "/apiStages/\(deployed.id):prod/throttle"
        let trailingComma = #"{"//GET":{"rateLimit":1,"burstLimit":1},}"#
        let refused = h.patch("/usageplans/\(id)", [("replace", path, trailingComma)])
        #expect(refused.status == 400 && refused.message == "Invalid throttle settings specified: \(trailingComma)")
        let duplicate = h.patch("/usageplans/\(id)", [("replace", path, #"{"//GET":{"rateLimit":1,"rateLimit":5,"burstLimit":1}}"#)])
        let throttle = (duplicate["apiStages"] as? [[String: Any]])?.first?["throttle"] as? [String: [String: Any]]
        #expect(throttle?["//GET"]?["rateLimit"] as? Double == 5)
    }

    @Test func addFormsOfQuotaThrottleAndDescription() throws {
        let h = try AdminHarness()
        let id = h.call("POST", "/usageplans", ["name": "p", "description": "d"]).string("id")!
        let plan = h.patch("/usageplans/\(id)", [("add", "/quota/limit", "100"), ("add", "/quota/period", "DAY"),
                                                 ("add", "/throttle/rateLimit", "10"), ("add", "/throttle/burstLimit", "20"),
                                                 ("remove", "/description", nil)])
        #expect(plan.status == 200)
        #expect((plan["quota"] as? [String: Any])?["limit"] as? Int == 100 && (plan["throttle"] as? [String: Any])?["rateLimit"] as? Double == 10)
        #expect(plan["description"] == nil)
        #expect(h.patch("/usageplans/\(id)", [("add", "/quota/limit", "x")]).status == 400)
    }
}
