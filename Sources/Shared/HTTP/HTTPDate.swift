/// The HTTP `Date` format, IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// The calendar is `CivilDate`'s; no Foundation, no locale. Years before 1970 are not produced by
/// a server's clock and are clamped to the epoch.
package enum HTTPDate {
    /// IMF-fixdate of `epochSeconds` (UTC).
    package static func format(epochSeconds: Int64) -> String {
        let (days, secondOfDay) = CivilDate.split(epochSeconds: max(0, epochSeconds))
        let date = CivilDate(daysSinceEpoch: days)
        var text = CivilDate.weekdayAbbreviations[CivilDate.weekday(daysSinceEpoch: days)] + ", "
        text += twoDigits(date.day) + " " + date.monthAbbreviation + " " + String(date.year) + " "
        text += twoDigits(Int(secondOfDay / 3600)) + ":" + twoDigits(Int(secondOfDay / 60 % 60)) + ":" + twoDigits(Int(secondOfDay % 60))
        return text + " GMT"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
