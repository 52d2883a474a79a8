/// The date formats SigV4 uses, converted to and from Unix epoch seconds (UTC) without Foundation.
///
/// Pure functions on the proleptic Gregorian calendar; parsing is strict (exact lengths, ranges
/// checked) and returns nil on anything else.
package enum SigV4Date {
    /// ISO 8601 basic format, `20150830T123600Z`, as in `X-Amz-Date`.
    package static func iso8601Basic(_ epochSeconds: Int64) -> String {
        let (days, secondsOfDay) = CivilDate.split(epochSeconds: epochSeconds)
        let date = CivilDate(daysSinceEpoch: days)
        let hour = secondsOfDay / 3600, minute = secondsOfDay % 3600 / 60, second = secondsOfDay % 60
        return pad(date.year, 4) + pad(Int64(date.month), 2) + pad(Int64(date.day), 2) + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2) + "Z"
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`.
    package static func parseISO8601Basic(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
              let year = number(bytes[0..<4]), let month = number(bytes[4..<6]), let day = number(bytes[6..<8]),
              let hour = number(bytes[9..<11]), let minute = number(bytes[11..<13]), let second = number(bytes[13..<15])
        else { return nil }
        return epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Parses an HTTP `Date` in IMF-fixdate form, `Sun, 30 Aug 2015 12:36:00 GMT` (RFC 9110 §5.6.7).
    /// The weekday is not cross-checked.
    package static func parseHTTPDate(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 0x20, bytes[7] == 0x20,
              bytes[11] == 0x20, bytes[16] == 0x20, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"),
              bytes[25] == 0x20, Array(bytes[26..<29]) == Array("GMT".utf8),
              let day = number(bytes[5..<7]), let year = number(bytes[12..<16]),
              let hour = number(bytes[17..<19]), let minute = number(bytes[20..<22]), let second = number(bytes[23..<25]),
              let month = CivilDate.month(abbreviation: String(decoding: bytes[8..<11], as: UTF8.self))
        else { return nil }
        return epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    // MARK: - Fields

    private static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard let date = CivilDate(validatingYear: Int64(year), month: month, day: day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        return date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int64, _ width: Int) -> String { CivilDate.zeroPadded(value, width: width) }
}
