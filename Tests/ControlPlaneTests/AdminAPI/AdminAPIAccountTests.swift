import Testing
@testable import ControlPlane

@Suite struct AdminAPIAccountTests {
    @Test func defaultsToAWSThrottle() throws {
        let h = try AdminHarness()
        let account = h.call("GET", "/account")
        #expect(account.status == 200)
        let throttle = account["throttleSettings"] as? [String: Any]
        #expect(throttle?["rateLimit"] as? Double == 10000 && throttle?["burstLimit"] as? Int == 5000)
        #expect(account["features"] as? [String] == ["UsagePlans"])
    }

    @Test func updateThrottleBumpsTheRevisionAndPersists() throws {
        let h = try AdminHarness()
        let updated = h.patch("/account", [("replace", "/throttle/rateLimit", "250"), ("replace", "/throttle/burstLimit", "100"),
                                           ("replace", "/cloudwatchRoleArn", "arn:aws:iam::1:role/x")])
        #expect(updated.status == 200)
        #expect((updated["throttleSettings"] as? [String: Any])?["rateLimit"] as? Double == 250)
        #expect(try h.store.revision() == 1)
        #expect((h.call("GET", "/account")["throttleSettings"] as? [String: Any])?["burstLimit"] as? Int == 100)
        #expect(h.call("GET", "/account").string("cloudwatchRoleArn") == "arn:aws:iam::1:role/x")
        let bad = h.patch("/account", [("replace", "/apiKeyVersion", "5")])
        #expect(bad.status == 400 && bad.message?.hasPrefix("Invalid patch path  '/apiKeyVersion' specified for op 'replace'") == true)
        #expect(h.patch("/account", [("replace", "/throttle/rateLimit", "-1")]).status == 400)
    }

    @Test func usagePlansCannotBeDisabled() throws {
        let h = try AdminHarness()
        #expect(h.patch("/account", [("remove", "/features", "UsagePlans")]).message == "Usage Plans cannot be disabled once enabled")
        #expect(h.patch("/account", [("remove", "/features", "Other")]).message == "Invalid feature specified: Other")
    }
}
