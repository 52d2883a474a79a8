import Foundation
import Testing
@testable import Shared

/// `LogLineFormatter`: the JSON and text spellings of a record, byte for byte.
@Suite struct LogLineFormatterTests {
    /// 2026-12-04T01:02:03.456Z.
    static let millis: Int64 = 1_796_346_123_456

    static func record(_ message: String, fields: [(key: String, value: String)] = [], level: LogLevel = .info) -> LogRecord {
        LogRecord(epochMillis: millis, level: level, node: "node-a", component: "sync", message: message, fields: fields)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test(arguments: [
        (0, "1970-01-01T00:00:00.000Z"),
        (1_796_346_123_456, "2026-12-04T01:02:03.456Z"),
        (951_782_400_007, "2000-02-29T00:00:00.007Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ] as [(Int64, String)])
    func timestampsAreRFC3339UTCWithMilliseconds(millis: Int64, expected: String) {
        #expect(LogLineFormatter.timestamp(epochMillis: millis) == expected)
    }

    @Test func jsonLineHasTheFixedKeysInOrderThenTheFields() {
        let line = Self.text(LogLineFormatter.line(Self.record("applied snapshot revision 4", fields: [("revision", "4"), ("from", "control plane")]),
                                                   format: .json))
        #expect(line == #"{"time":"2026-12-04T01:02:03.456Z","level":"info","node":"node-a","component":"sync","msg":"applied snapshot revision 4","revision":"4","from":"control plane"}"# + "\n")
    }

    /// Message, field keys and values with characters JSON must escape; the expected text is the
    /// exact escaped form, and the line must parse back to the original strings.
    @Test(arguments: [
        ("say \"hi\"", #"say \"hi\""#),
        ("two\nlines\r\n", #"two\nlines\r\n"#),
        ("tab\there", #"tab\there"#),
        ("bell\u{07} nul\u{00} esc\u{1B}", #"bell\u0007 nul\u0000 esc\u001b"#),
        ("back\\slash", #"back\\slash"#),
        ("café ✓ 日本 🚀", "café ✓ 日本 🚀"),
        ("", ""),
    ] as [(String, String)])
    func jsonEscapesMessagesAndFields(raw: String, escaped: String) throws {
        let bytes = LogLineFormatter.line(Self.record(raw, fields: [("key " + raw, raw)]), format: .json)
        let line = Self.text(bytes)
        #expect(line.contains(#","msg":""# + escaped + #"","#))
        #expect(line.contains(#","key "# + escaped + #"":""# + escaped + #""}"#))
        // One line: the only newline is the last byte.
        #expect(bytes.firstIndex(of: 0x0A) == bytes.count - 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object["msg"] == raw)
        #expect(object["key " + raw] == raw)
        #expect(object["node"] == "node-a" && object["component"] == "sync" && object["level"] == "info")
    }

    @Test func aFieldNamedLikeAFixedKeyDoesNotDuplicateIt() throws {
        let bytes = LogLineFormatter.line(Self.record("m", fields: [("msg", "field"), ("level", "x")]), format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object["msg"] == "m" && object["level"] == "info")
        #expect(object["field.msg"] == "field" && object["field.level"] == "x")
    }

    @Test(arguments: [
        (LogLevel.debug, "DEBUG"), (.info, "INFO "), (.warn, "WARN "), (.error, "ERROR"),
    ])
    func textLineReadsLeftToRight(level: LogLevel, label: String) {
        let line = Self.text(LogLineFormatter.line(Self.record("snapshot applied", fields: [("revision", "4")], level: level), format: .text))
        #expect(line == "2026-12-04T01:02:03.456Z \(label) node-a sync: snapshot applied revision=4\n")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("two words", #""two words""#),
        ("", #""""#),
        ("a=b", #""a=b""#),
        ("say \"x\"", #""say \"x\"""#),
        ("line\nbreak", #""line\nbreak""#),
        ("café", "café"),
    ] as [(String, String)])
    func textQuotesAmbiguousFieldValues(value: String, written: String) {
        let line = Self.text(LogLineFormatter.line(Self.record("m", fields: [("k", value)]), format: .text))
        #expect(line == "2026-12-04T01:02:03.456Z INFO  node-a sync: m k=\(written)\n")
    }

    @Test func textEscapesControlCharactersInTheMessageSoALineStaysOne() {
        let bytes = LogLineFormatter.line(Self.record("first\nsecond\tthird\u{07} \"quoted\" \\ café"), format: .text)
        #expect(Self.text(bytes) == "2026-12-04T01:02:03.456Z INFO  node-a sync: first\\nsecond\\tthird\\u0007 \"quoted\" \\ café\n")
        #expect(bytes.firstIndex(of: 0x0A) == bytes.count - 1)
    }
}
