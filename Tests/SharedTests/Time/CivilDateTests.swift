import Testing
@testable import Shared

/// The one calendar routine (the day walk comes from `HTTPDateTests`, the random round trip from
/// `QuotaPeriodTests`, the `yyyy-MM-dd` cases from the GetUsage tests).
@Suite struct CivilDateTests {
    static let knownDays: [(Int64, CivilDate)] = [
        (0, CivilDate(year: 1970, month: 1, day: 1)),
        (-1, CivilDate(year: 1969, month: 12, day: 31)),
        (11_017, CivilDate(year: 2000, month: 3, day: 1)),
        (11_016, CivilDate(year: 2000, month: 2, day: 29)),
        (19_723, CivilDate(year: 2024, month: 1, day: 1)),
        (-719_468, CivilDate(year: 0, month: 3, day: 1)),
        (2_932_896, CivilDate(year: 9999, month: 12, day: 31)),
    ]

    @Test(arguments: knownDays)
    func convertsDayCountsBothWays(days: Int64, date: CivilDate) {
        #expect(CivilDate(daysSinceEpoch: days) == date)
        #expect(date.daysSinceEpoch == days)
    }

    @Test func everyDayOfFourHundredYearsFollowsTheDayBefore() {
        // Walks 1970…2370 day by day: day-of-month and month advance exactly as the calendar does.
        var previous = CivilDate(daysSinceEpoch: 0)
        for day in 1..<Int64(146_097) {
            let current = CivilDate(daysSinceEpoch: day)
            if current.day == 1 {
                #expect(current.month == previous.month % 12 + 1)
                #expect(current.year == previous.year + (previous.month == 12 ? 1 : 0))
                let leap = previous.year % 4 == 0 && (previous.year % 100 != 0 || previous.year % 400 == 0)
                let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][previous.month - 1]
                #expect(previous.day == length)
                #expect(CivilDate.daysIn(month: previous.month, year: previous.year) == length)
            } else {
                #expect(current.day == previous.day + 1 && current.month == previous.month && current.year == previous.year)
            }
            previous = current
        }
    }

    @Test func randomDaysRoundTrip() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5_000 {
            let at = Int64.random(in: -2_000_000_000...4_000_000_000, using: &rng)
            let (day, secondOfDay) = CivilDate.split(epochSeconds: at)
            #expect((0..<86_400).contains(secondOfDay) && day * 86_400 + secondOfDay == at)
            let civil = CivilDate(daysSinceEpoch: day)
            #expect(CivilDate(year: civil.year, month: civil.month, day: civil.day).daysSinceEpoch == day)
        }
    }

    @Test(arguments: [(Int64(0), 4), (-1, 3), (3, 0), (-4, 0), (19_723, 1)])
    func knowsTheWeekday(days: Int64, weekday: Int) {
        #expect(CivilDate.weekday(daysSinceEpoch: days) == weekday)
    }

    @Test func validatesMonthsAndDays() {
        #expect(CivilDate(validatingYear: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(validatingYear: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(validatingYear: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(validatingYear: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(validatingYear: 2024, month: 13, day: 1) == nil)
        #expect(CivilDate(validatingYear: 2024, month: 4, day: 31) == nil)
        #expect(CivilDate(validatingYear: 2024, month: 1, day: 0) == nil)
    }

    @Test func readsAndWritesISODates() {
        #expect(CivilDate(isoDate: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CivilDate(isoDate: "2000-03-01")?.daysSinceEpoch == 11_017)
        #expect(CivilDate(daysSinceEpoch: 19_723).isoDate == "2024-01-01")
        for day in stride(from: Int64(-1000), through: 30_000, by: 37) {
            #expect(CivilDate(isoDate: CivilDate(daysSinceEpoch: day).isoDate)?.daysSinceEpoch == day)
        }
        for bad in ["2024-1-01", "2024-02-30", "24-01-01", "2024/01/01", "2024-01-01T00", ""] {
            #expect(CivilDate(isoDate: bad) == nil)
        }
    }

    @Test func namesMonths() {
        #expect(CivilDate(year: 2020, month: 3, day: 4).monthAbbreviation == "Mar")
        #expect(CivilDate.month(abbreviation: "Dec") == 12)
        #expect(CivilDate.month(abbreviation: "dec") == nil)
        #expect(CivilDate.zeroPadded(7, width: 2) == "07" && CivilDate.zeroPadded(2024, width: 2) == "2024")
    }
}
