import Shared

/// Formats `$context.requestTime`: CLF `dd/MMM/yyyy:HH:mm:ss +0000` in UTC, Foundation-free.
package enum RequestTime {
    package static func format(epochMillis: Int64) -> String {
        let seconds = epochMillis >= 0 ? epochMillis / 1000 : (epochMillis - 999) / 1000
        let (days, secondOfDay) = CivilDate.split(epochSeconds: seconds)
        let date = CivilDate(daysSinceEpoch: days)
        return "\(pad(Int64(date.day)))/\(date.monthAbbreviation)/\(date.year):\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60)) +0000"
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
