import Shared

/// Formats `$context.requestTime`: CLF `dd/MMM/yyyy:HH:mm:ss +0000` in UTC, Foundation-free.
package enum RequestTime {
    package static func format(epochMillis: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26)
        append(epochMillis: epochMillis, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the formatted time to `bytes`.
    package static func append(epochMillis: Int64, to bytes: inout [UInt8]) {
        withBytes(epochMillis: epochMillis) { bytes.append(contentsOf: $0) }
    }

    /// Lends `body` the formatted time's bytes: an access log line writes it this way (string
    /// interpolation cost ~5,000 instructions a line, bench/observability-instructions.sh;
    /// docs/performance.md, "Request metrics"). A four-digit year (1000–9999) is written into a
    /// 26-byte stack buffer (appending its 26 bytes to an array one by one cost ~600 instructions
    /// more a line: 1,062 against ~420); any other year into an array, with the digits `String` gives.
    package static func withBytes<Result>(epochMillis: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let seconds = epochMillis >= 0 ? epochMillis / 1000 : (epochMillis - 999) / 1000
        let (days, secondOfDay) = CivilDate.split(epochSeconds: seconds)
        let date = CivilDate(daysSinceEpoch: days)
        guard (1000...9999).contains(date.year) else {
            var bytes: [UInt8] = []
            appendAnyYear(date, secondOfDay, to: &bytes)
            return bytes.withUnsafeBufferPointer(body)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 26) { text in
            // Safe: every index below is a constant under 26, the buffer's size; UInt8 needs no deinitialization.
            func two(_ value: Int64, at index: Int) {
                text[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10)
                text[index + 1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
            }
            two(Int64(date.day), at: 0)
            text[2] = UInt8(ascii: "/")
            let month = monthAbbreviations[date.month - 1]
            (text[3], text[4], text[5]) = (month.0, month.1, month.2)
            text[6] = UInt8(ascii: "/")
            two(date.year / 100, at: 7)
            two(date.year % 100, at: 9)
            text[11] = UInt8(ascii: ":")
            two(secondOfDay / 3600, at: 12)
            text[14] = UInt8(ascii: ":")
            two(secondOfDay / 60 % 60, at: 15)
            text[17] = UInt8(ascii: ":")
            two(secondOfDay % 60, at: 18)
            for (index, byte) in suffix.enumerated() { text[20 + index] = byte }
            return body(UnsafeBufferPointer(rebasing: text[0..<26]))
        }
    }

    /// A year before 1000 or after 9999 (never met by a request's clock, kept exact for any input).
    private static func appendAnyYear(_ date: CivilDate, _ secondOfDay: Int64, to bytes: inout [UInt8]) {
        two(Int64(date.day), &bytes)
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: date.monthAbbreviation.utf8)
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: String(date.year).utf8)
        bytes.append(UInt8(ascii: ":"))
        two(secondOfDay / 3600, &bytes)
        bytes.append(UInt8(ascii: ":"))
        two(secondOfDay / 60 % 60, &bytes)
        bytes.append(UInt8(ascii: ":"))
        two(secondOfDay % 60, &bytes)
        bytes.append(contentsOf: suffix)
    }

    private static let suffix: [UInt8] = Array(" +0000".utf8)

    /// `CivilDate.monthAbbreviations` as byte triples (no `String` read per line).
    private static let monthAbbreviations: [(UInt8, UInt8, UInt8)] = CivilDate.monthAbbreviations.map { name in
        let bytes = Array(name.utf8)
        return (bytes[0], bytes[1], bytes[2])
    }

    /// `value` (0–99) as two digits.
    private static func two(_ value: Int64, _ bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
    }
}
