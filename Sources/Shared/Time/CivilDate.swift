/// A UTC date on the proleptic Gregorian calendar, and its day count since 1970-01-01.
///
/// The one calendar routine of the project (Howard Hinnant's `days_from_civil` and
/// `civil_from_days`): the SigV4, HTTP `Date`, `$context.requestTime` and GetUsage formats and the
/// quota periods all convert through it. Pure integer arithmetic, valid for every `Int64` day that
/// does not overflow, negative days (before 1970) included; no Foundation, no locale.
package struct CivilDate: Hashable, Sendable {
    /// The year (astronomical numbering: 0 is 1 BC).
    package var year: Int64
    /// The month, 1–12.
    package var month: Int
    /// The day of the month, 1–31.
    package var day: Int

    /// A date as given, not checked (`daysSinceEpoch` of an impossible date such as 02-30 is the
    /// day it overflows into, as the arithmetic does).
    package init(year: Int64, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date whose month is 1–12 and whose day exists in that month; nil otherwise.
    package init?(validatingYear year: Int64, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date of a day count since 1970-01-01 (`civil_from_days`).
    package init(daysSinceEpoch days: Int64) {
        let z = days + 719_468                                   // days since 0000-03-01
        let era = Self.floorDivide(z, 146_097)                   // 400-year eras
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153              // 0 = March
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: Int(month), day: Int(day))
    }

    /// Days since 1970-01-01 (`days_from_civil`); negative before it.
    package var daysSinceEpoch: Int64 {
        let m = Int64(month)
        let y = m <= 2 ? year - 1 : year
        let era = Self.floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The number of days of `month` (1–12) in `year`: 28–31.
    package static func daysIn(month: Int, year: Int64) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The weekday of a day count since 1970-01-01, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    package static func weekday(daysSinceEpoch days: Int64) -> Int {
        Int(days + 4 - floorDivide(days + 4, 7) * 7)
    }

    /// The day count and the second of that day (0–86 399) of UTC epoch seconds, rounding down
    /// before 1970 (`-1` is 1969-12-31 23:59:59).
    package static func split(epochSeconds: Int64) -> (days: Int64, secondOfDay: Int64) {
        let days = floorDivide(epochSeconds, 86_400)
        return (days, epochSeconds - days * 86_400)
    }

    // MARK: - Names

    /// English three-letter month abbreviations, as HTTP dates and logs spell them.
    package static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// English three-letter weekday abbreviations, index 0 = Sunday.
    package static let weekdayAbbreviations = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `Jan` … `Dec` of this date's month.
    package var monthAbbreviation: String { Self.monthAbbreviations[month - 1] }

    /// The month (1–12) spelled by a three-letter abbreviation (case-sensitive), or nil.
    package static func month(abbreviation: some StringProtocol) -> Int? {
        monthAbbreviations.firstIndex { $0 == abbreviation }.map { $0 + 1 }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
