/// A usage-plan quota period (AWS `QuotaPeriodType`): calendar DAY, WEEK or MONTH in UTC.
///
/// Periods are aligned to UTC calendar boundaries, and a period's start (epoch seconds) is the
/// stable component of every quota counter key, so counters roll over at the boundary and never
/// depend on when a node started.
///
/// Weeks start on **Sunday 00:00 UTC**. AWS does not document the weekday in the current API
/// reference; the only AWS statement found is the earlier `QuotaSettings.offset` description
/// ("with a time period of WEEK, an offset of 0 starts on Sunday, and an offset of 1 starts on
/// Monday"), and the default offset is 0. The weekday is a parameter of `start(containing:)` so an
/// operator setting can change it later without touching the arithmetic.
package enum QuotaPeriod: UInt8, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case day = 1
    case week = 2
    case month = 3

    /// Parses AWS's wire value (`DAY`, `WEEK`, `MONTH`; case-sensitive as AWS validates it).
    package init?(awsName: String) {
        switch awsName {
        case "DAY": self = .day
        case "WEEK": self = .week
        case "MONTH": self = .month
        default: return nil
        }
    }

    package var awsName: String {
        switch self {
        case .day: return "DAY"
        case .week: return "WEEK"
        case .month: return "MONTH"
        }
    }

    package var description: String { awsName }

    package static func < (lhs: QuotaPeriod, rhs: QuotaPeriod) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Seconds in a day.
    package static let daySeconds: Int64 = 86_400

    /// The start (UTC epoch seconds) of the period containing `epochSeconds`.
    /// `weekStart` is the first day of a week, 0 = Sunday … 6 = Saturday.
    package func start(containing epochSeconds: Int64, weekStart: Int = 0) -> Int64 {
        let day = Self.floorDiv(epochSeconds, Self.daySeconds)
        switch self {
        case .day:
            return day * Self.daySeconds
        case .week:
            // 1970-01-01 was a Thursday (weekday 4).
            let weekday = Self.floorMod(day + 4, 7)
            let back = Self.floorMod(weekday - Int64(weekStart), 7)
            return (day - back) * Self.daySeconds
        case .month:
            let civil = CivilDate(daysSinceEpoch: day)
            return CivilDate(year: civil.year, month: civil.month, day: 1).daysSinceEpoch * Self.daySeconds
        }
    }

    /// The start of the period after the one starting at `start` (its exclusive end).
    package func end(ofPeriodStartingAt start: Int64) -> Int64 {
        switch self {
        case .day: return start + Self.daySeconds
        case .week: return start + 7 * Self.daySeconds
        case .month:
            let civil = CivilDate(daysSinceEpoch: Self.floorDiv(start, Self.daySeconds))
            let next = civil.month == 12 ? (civil.year + 1, 1) : (civil.year, civil.month + 1)
            return CivilDate(year: next.0, month: next.1, day: 1).daysSinceEpoch * Self.daySeconds
        }
    }

    // MARK: - Arithmetic (the calendar itself is `CivilDate`'s)

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
