/// The `yyyy-MM-dd` form of a date (AWS's `startDate`/`endDate` in GetUsage) and the zero-padded
/// decimal fields every date format of the project prints.
extension CivilDate {
    /// Parses `yyyy-MM-dd` (four, two and two characters, a real date); nil when malformed.
    package init?(isoDate text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(validatingYear: year, month: month, day: day)
    }

    /// `yyyy-MM-dd`.
    package var isoDate: String {
        Self.zeroPadded(year, width: 4) + "-" + Self.zeroPadded(Int64(month), width: 2) + "-" + Self.zeroPadded(Int64(day), width: 2)
    }

    /// The decimal digits of `value`, left-padded with `0` to at least `width` characters.
    package static func zeroPadded(_ value: Int64, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
