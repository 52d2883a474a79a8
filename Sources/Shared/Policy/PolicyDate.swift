/// The instants `Date…` condition operators compare: ISO 8601 text or epoch seconds, as IAM takes them.
///
/// IAM accepts W3C/ISO 8601 dates (`2026-12-02`, `2026-12-02T01:51:41Z`, fractional seconds,
/// `+hh:mm` offsets; a missing time is midnight, a missing zone UTC) and epoch seconds
/// (`1796175101`), for policy values and for `aws:CurrentTime` / `aws:EpochTime` alike. The value
/// is milliseconds since 1970-01-01T00:00:00Z (fractions beyond milliseconds are dropped). Pure
/// integer arithmetic over bytes through `CivilDate`; no Foundation, no locale, no clock.
package enum PolicyDate {
    /// Milliseconds since the epoch of `text`; nil when it is neither form.
    package static func milliseconds(_ text: some Collection<UInt8>) -> Int64? {
        let bytes = Array(text)
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        if bytes.allSatisfy(isDigit) {
            guard bytes.count <= 15, let seconds = number(bytes[...]) else { return nil }
            return seconds * 1000
        }
        return iso8601(bytes)
    }

    private static func iso8601(_ bytes: [UInt8]) -> Int64? {
        var reader = Reader(bytes: bytes)
        guard let year = reader.digits(exactly: 4) else { return nil }
        var month: Int64 = 1, day: Int64 = 1
        if reader.take(UInt8(ascii: "-")) {
            guard let m = reader.digits(exactly: 2) else { return nil }
            month = m
            if reader.take(UInt8(ascii: "-")) {
                guard let d = reader.digits(exactly: 2) else { return nil }
                day = d
            }
        }
        guard let date = CivilDate(validatingYear: year, month: Int(month), day: Int(day)) else { return nil }
        var millisecondOfDay: Int64 = 0
        var offsetMinutes: Int64 = 0
        if reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")) {
            guard let hour = reader.digits(exactly: 2), hour <= 23 else { return nil }
            var minute: Int64 = 0, second: Int64 = 0, millis: Int64 = 0
            if reader.take(UInt8(ascii: ":")) {
                guard let m = reader.digits(exactly: 2), m <= 59 else { return nil }
                minute = m
                if reader.take(UInt8(ascii: ":")) {
                    guard let s = reader.digits(exactly: 2), s <= 59 else { return nil }
                    second = s
                    if reader.take(UInt8(ascii: ".")) {
                        guard let fraction = reader.digitRun(), !fraction.isEmpty, fraction.count <= 9 else { return nil }
                        let padded = (fraction + [UInt8](repeating: 48, count: 3)).prefix(3)
                        millis = number(padded[...]) ?? 0
                    }
                }
            }
            millisecondOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + millis
            if reader.take(UInt8(ascii: "Z")) || reader.take(UInt8(ascii: "z")) {
                offsetMinutes = 0
            } else if let sign = reader.sign() {
                guard let hours = reader.digits(exactly: 2), hours <= 23 else { return nil }
                var minutes: Int64 = 0
                if reader.take(UInt8(ascii: ":")) {
                    guard let m = reader.digits(exactly: 2), m <= 59 else { return nil }
                    minutes = m
                }
                offsetMinutes = sign * (hours * 60 + minutes)
            }
        }
        guard reader.atEnd else { return nil }
        return date.daysSinceEpoch * 86_400_000 + millisecondOfDay - offsetMinutes * 60_000
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        return digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 48) }
    }

    /// A cursor over the text being parsed.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func digits(exactly count: Int) -> Int64? {
            guard position + count <= bytes.count else { return nil }
            let run = bytes[position..<(position + count)]
            guard run.allSatisfy(PolicyDate.isDigit) else { return nil }
            position += count
            return PolicyDate.number(run)
        }

        mutating func digitRun() -> [UInt8]? {
            let start = position
            while position < bytes.count, PolicyDate.isDigit(bytes[position]) { position += 1 }
            return Array(bytes[start..<position])
        }

        mutating func sign() -> Int64? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }
}
