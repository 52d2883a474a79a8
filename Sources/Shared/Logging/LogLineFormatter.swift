/// Spells a `LogRecord` as one line of bytes, newline included: pure, no clock, no I/O.
///
/// **JSON** (`LogFormat.json`): one object, keys in this order: `time` (RFC 3339 UTC with
/// milliseconds), `level`, `node`, `component`, `msg`, then the fields as strings. Strings go through
/// the project's one JSON escaper (`JSONValue.writeEscaped`): quotes, backslashes and control
/// characters are escaped, non-ASCII is kept as UTF-8, so a line never contains a raw newline. A
/// field whose key is one of the five fixed keys is written as `field.KEY`, so no object has a
/// duplicate key.
///
/// **Text** (`LogFormat.text`): `2026-12-04T01:02:03.456Z INFO  node-a sync: message key=value`.
/// Control characters in the message are escaped as JSON escapes them (`\n`, `\u0007`); a field
/// value that is empty or holds a space, `"`, `=` or a control character is written as a JSON
/// string (`key="a b"`).
package enum LogLineFormatter {
    /// The keys every JSON line starts with.
    package static let fixedKeys: Set<String> = ["time", "level", "node", "component", "msg"]

    /// `record` in `format`, ending in `\n`.
    package static func line(_ record: LogRecord, format: LogFormat) -> [UInt8] {
        switch format {
        case .json: json(record)
        case .text: text(record)
        }
    }

    /// `2026-12-04T01:02:03.456Z` for UTC epoch milliseconds (before 1970 too).
    package static func timestamp(epochMillis: Int64) -> String {
        let seconds = epochMillis >= 0 ? epochMillis / 1000 : (epochMillis - 999) / 1000
        let millis = epochMillis - seconds * 1000
        let (days, secondOfDay) = CivilDate.split(epochSeconds: seconds)
        let date = CivilDate(daysSinceEpoch: days)
        return date.isoDate + "T" + CivilDate.zeroPadded(secondOfDay / 3600, width: 2) + ":"
            + CivilDate.zeroPadded(secondOfDay / 60 % 60, width: 2) + ":" + CivilDate.zeroPadded(secondOfDay % 60, width: 2)
            + "." + CivilDate.zeroPadded(millis, width: 3) + "Z"
    }

    // MARK: - JSON

    private static func json(_ record: LogRecord) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + record.message.utf8.count)
        out.append(contentsOf: #"{"time":""#.utf8)
        out.append(contentsOf: timestamp(epochMillis: record.epochMillis).utf8)
        out.append(contentsOf: #"","level":""#.utf8)
        out.append(contentsOf: record.level.name.utf8)
        out.append(contentsOf: #"","node":"#.utf8)
        JSONValue.writeEscaped(record.node, into: &out)
        out.append(contentsOf: #","component":"#.utf8)
        JSONValue.writeEscaped(record.component, into: &out)
        out.append(contentsOf: #","msg":"#.utf8)
        JSONValue.writeEscaped(record.message, into: &out)
        for field in record.fields {
            out.append(UInt8(ascii: ","))
            JSONValue.writeEscaped(fixedKeys.contains(field.key) ? "field." + field.key : field.key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.writeEscaped(field.value, into: &out)
        }
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    // MARK: - Text

    private static func text(_ record: LogRecord) -> [UInt8] {
        var out = timestamp(epochMillis: record.epochMillis) + " " + record.level.textLabel + " "
            + escapingControls(record.node) + " " + escapingControls(record.component) + ": " + escapingControls(record.message)
        for field in record.fields {
            out += " " + escapingControls(field.key) + "=" + textValue(field.value)
        }
        out += "\n"
        return Array(out.utf8)
    }

    /// A field value as is, or as a JSON string when it would be ambiguous on the line.
    private static func textValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0x20 || $0 == 0x22 || $0 == 0x3D }
        guard needsQuotes else { return value }
        var quoted = ""
        JSONValue.writeEscaped(value, into: &quoted)
        return quoted
    }

    /// `text` with its control characters (and DEL) escaped as JSON escapes them (`\n`, `\u0007`);
    /// everything else, quotes and backslashes included, as is.
    private static func escapingControls(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out.append(contentsOf: "\\n".unicodeScalars)
            case 0x0D: out.append(contentsOf: "\\r".unicodeScalars)
            case 0x09: out.append(contentsOf: "\\t".unicodeScalars)
            case 0x00..<0x20, 0x7F:
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
