import Shared

/// Formats `$context.requestTime`: CLF `dd/MMM/yyyy:HH:mm:ss +0000` in UTC, Foundation-free.
package enum RequestTime {
    package static func format(epochMillis: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26)
        append(epochMillis: epochMillis, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the formatted time to `bytes`, digit by digit: an access log line writes it this way
    /// (string interpolation cost ~5,000 instructions a line, bench/observability-instructions.sh;
    /// docs/performance.md, "Request metrics").
    package static func append(epochMillis: Int64, to bytes: inout [UInt8]) {
        let seconds = epochMillis >= 0 ? epochMillis / 1000 : (epochMillis - 999) / 1000
        let (days, secondOfDay) = CivilDate.split(epochSeconds: seconds)
        let date = CivilDate(daysSinceEpoch: days)
        two(Int64(date.day), &bytes)
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: date.monthAbbreviation.utf8)
        bytes.append(UInt8(ascii: "/"))
        if (1000...9999).contains(date.year) {
            two(date.year / 100, &bytes)
            two(date.year % 100, &bytes)
        } else {
            bytes.append(contentsOf: String(date.year).utf8)
        }
        bytes.append(UInt8(ascii: ":"))
        two(secondOfDay / 3600, &bytes)
        bytes.append(UInt8(ascii: ":"))
        two(secondOfDay / 60 % 60, &bytes)
        bytes.append(UInt8(ascii: ":"))
        two(secondOfDay % 60, &bytes)
        bytes.append(contentsOf: suffix)
    }

    private static let suffix: [UInt8] = Array(" +0000".utf8)

    /// `value` (0–99) as two digits.
    private static func two(_ value: Int64, _ bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
    }
}
