import Testing
@testable import Shared

@Suite struct QuotaPeriodTests {
    struct Case: Sendable, CustomStringConvertible {
        let period: QuotaPeriod
        let at: Int64
        let start: Int64
        let end: Int64
        var description: String { "\(period) at \(at)" }
    }

    @Test(arguments: [
        // 2024-02-29T13:45Z, a leap day (Thursday).
        Case(period: .day, at: 1_709_214_300, start: 1_709_164_800, end: 1_709_251_200),
        Case(period: .week, at: 1_709_214_300, start: 1_708_819_200, end: 1_709_424_000),   // Sun 02-25 … Sun 03-03
        Case(period: .month, at: 1_709_214_300, start: 1_706_745_600, end: 1_709_251_200),  // 02-01 … 03-01
        // Last second of 2024 and the first of 2025.
        Case(period: .day, at: 1_735_689_599, start: 1_735_603_200, end: 1_735_689_600),
        Case(period: .month, at: 1_735_689_599, start: 1_733_011_200, end: 1_735_689_600),
        Case(period: .month, at: 1_735_689_600, start: 1_735_689_600, end: 1_738_368_000),
        // Saturday 23:59:59 belongs to the week that started the Sunday before; Sunday 00:00 starts one.
        Case(period: .week, at: 1_709_423_999, start: 1_708_819_200, end: 1_709_424_000),
        Case(period: .week, at: 1_709_424_000, start: 1_709_424_000, end: 1_710_028_800),
        // February of a common year, and times before the epoch.
        Case(period: .month, at: 1_675_209_600 + 100, start: 1_675_209_600, end: 1_677_628_800),
        Case(period: .day, at: -43_200, start: -86_400, end: 0),
        Case(period: .week, at: -43_200, start: -345_600, end: 259_200),
    ])
    func boundariesAreCalendarUTC(_ item: Case) {
        #expect(item.period.start(containing: item.at) == item.start)
        #expect(item.period.end(ofPeriodStartingAt: item.start) == item.end)
    }

    @Test func weekStartIsAParameter() {
        // Sunday 2024-03-03 with Monday-started weeks belongs to the week of Monday 2024-02-26.
        #expect(QuotaPeriod.week.start(containing: 1_709_424_000, weekStart: 1) == 1_708_905_600)
    }

    @Test func everyInstantLiesInsideItsPeriod() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5_000 {
            let at = Int64.random(in: -2_000_000_000...4_000_000_000, using: &rng)
            for period in QuotaPeriod.allCases {
                let start = period.start(containing: at)
                let end = period.end(ofPeriodStartingAt: start)
                #expect(start <= at && at < end)
                #expect(period.start(containing: end - 1) == start)
                #expect(period.start(containing: end) == end)
            }
        }
    }

    @Test func parsesAWSNamesOnly() {
        #expect(QuotaPeriod(awsName: "WEEK") == .week)
        #expect(QuotaPeriod(awsName: "week") == nil)
        #expect(QuotaPeriod(awsName: "YEAR") == nil)
    }

    @Test func offsetIsSubtractedOnlyInTheInitialPeriod() {
        // Quota set on 2024-02-29T13:45Z: 1,000/day with offset 300.
        let policy = QuotaPolicy(limit: 1_000, period: .day, offset: 300, anchorEpochSeconds: 1_709_214_300)
        #expect(policy.baseLimit(periodStart: 1_709_164_800) == 700)
        #expect(policy.baseLimit(periodStart: 1_709_251_200) == 1_000)
        #expect(QuotaPolicy(limit: 10, period: .month, offset: 50, anchorEpochSeconds: 0).baseLimit(periodStart: 0) == 0)
        #expect(QuotaPolicy(limit: 10, period: .month, offset: 5).baseLimit(periodStart: 0) == 10)
    }

    @Test func readsAWSQuotaSettings() {
        let policy = QuotaPolicy(settings: QuotaSettings(limit: 500, offset: 20, period: "MONTH"), anchorEpochSeconds: 1_709_214_300)
        #expect(policy == QuotaPolicy(limit: 500, period: .month, offset: 20, anchorEpochSeconds: 1_709_214_300))
        #expect(policy?.baseLimit(periodStart: 1_706_745_600) == 480)
        #expect(QuotaPolicy(settings: QuotaSettings(limit: 5, period: "YEAR")) == nil)
        #expect(QuotaPolicy(settings: QuotaSettings(limit: nil, period: "DAY")) == nil)
    }
}
