import Testing
@testable import tollgate

/// `tollgate audit --since`: epoch seconds, a date, or an ISO-8601 time.
@Suite struct AdminToolsTests {
    @Test(arguments: [
        ("1577836800", 1_577_836_800),
        ("2020-01-01", 1_577_836_800),
        ("2020-01-01T00:00:00Z", 1_577_836_800),
        ("2020-01-01T10:30:00Z", 1_577_874_600),
        ("2020-01-01T10:30:00.250Z", 1_577_874_600),
        ("2020-01-01T12:30:00+02:00", 1_577_874_600),
        ("2020-01-01T10:30:00", 1_577_874_600),
        ("2020-01-01T10:30Z", 1_577_874_600),
    ] as [(String, Int64)])
    func sinceAcceptsDatesTimesAndEpochSeconds(text: String, epoch: Int64) throws {
        #expect(try AdminTools.parseSince(text) == epoch)
    }

    @Test(arguments: ["yesterday", "2020-13-01", "2020-01-01T25:00:00Z", ""])
    func sinceRefusesAnythingElse(text: String) {
        #expect(throws: UsageError.self) { try AdminTools.parseSince(text) }
    }

    @Test func rollbackAndAuditAcceptOnlyTheirOwnFlags() {
        #expect(AdminToolCommand.flags(for: "rollback").isSuperset(of: ["rest-api-id", "stage", "to", "control-plane"]))
        #expect(!AdminToolCommand.flags(for: "rollback").contains("since"))
        #expect(AdminToolCommand.flags(for: "audit").isSuperset(of: ["since", "limit"]))
    }
}
