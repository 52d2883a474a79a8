/// The HTTP `Date` format, IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// Pure integer arithmetic on the proleptic Gregorian calendar (days-from-civil inverted, after
/// Howard Hinnant's algorithm); no Foundation, no locale. Years before 1970 are not produced by
/// a server's clock and are clamped to the epoch.
package enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate of `epochSeconds` (UTC).
    package static func format(epochSeconds: Int64) -> String {
        let seconds = max(0, epochSeconds)
        let days = seconds / 86_400, secondOfDay = seconds % 86_400
        let (year, month, day) = civil(daysSinceEpoch: days)
        var text = weekdays[Int(days % 7)] + ", "
        text += twoDigits(day) + " " + months[month - 1] + " " + String(year) + " "
        text += twoDigits(Int(secondOfDay / 3600)) + ":" + twoDigits(Int(secondOfDay / 60 % 60)) + ":" + twoDigits(Int(secondOfDay % 60))
        return text + " GMT"
    }

    /// (year, month 1–12, day 1–31) of a day count since 1970-01-01.
    static func civil(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468                 // days since 0000-03-01
        let era = z / 146_097                             // 400-year eras (z ≥ 0 here)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153      // 0 = March
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
