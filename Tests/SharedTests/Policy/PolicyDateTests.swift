import Testing
@testable import Shared

@Suite struct PolicyDateTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)), ("2026-12-02T01:51:41Z", 1_796_176_301_000), ("2026-12-02", 1_796_169_600_000),
        ("2026-12", 1_796_083_200_000), ("2026", 2_026_000), ("1796175101", 1_796_175_101_000),
        ("2026-12-02T01:51:41.250Z", 1_796_176_301_250), ("2026-12-02T01:51:41.123456789Z", 1_796_176_301_123),
        ("2026-12-02T02:51:41+01:00", 1_796_176_301_000), ("2026-12-01T20:51:41-05:00", 1_796_176_301_000),
        ("2026-12-02t01:51:41z", 1_796_176_301_000), ("2026-12-02T01:51", 1_796_176_260_000), ("2026-12-02T01:51:41", 1_796_176_301_000),
        ("1969-12-31T23:59:59Z", -1_000), ("2024-02-29", 1_709_164_800_000),
    ])
    func readsISO8601AndEpochSeconds(text: String, milliseconds: Int64) {
        #expect(PolicyDate.milliseconds(text.utf8) == milliseconds, "\(text)")
    }

    @Test(arguments: ["", "soon", "2026-13-01", "2026-02-30", "2025-02-29", "2026-12-02T24:00:00Z", "2026-12-02T01:60", "2026-12-02T01:51:41Y",
                      "2026-12-02T01:51:41+1", "2026-12-02T01:51:41.Z", "26-12-02", "2026-1-2", "-5", "1e9", "2026-12-02 01:51:41"])
    func refusesOtherText(text: String) {
        #expect(PolicyDate.milliseconds(text.utf8) == nil, "\(text)")
    }

    @Test func theContextClockIsTheCallers() {
        var context = PolicyContext()
        context.setTime(epochSeconds: 1_796_176_301)
        #expect(context.values(for: "aws:currenttime") == [Array("2026-12-02T01:51:41Z".utf8)])
        #expect(context.values(for: "AWS:EpochTime") == [Array("1796176301".utf8)])
    }
}
