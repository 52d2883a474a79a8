import Synchronization
import Testing
@testable import Shared

/// `ProcessLog`, `LogLevel` and `LogFormat`: filtering, components, the clock, and flag values.
@Suite struct ProcessLogTests {
    /// Collects what a log's sink received.
    final class Captured: Sendable {
        private let storage = Mutex<(records: [LogRecord], lines: [String])>(([], []))
        var records: [LogRecord] { storage.withLock { $0.records } }
        var lines: [String] { storage.withLock { $0.lines } }

        func log(_ minimum: LogLevel, format: LogFormat = .json) -> (records: ProcessLog, lines: ProcessLog) {
            (ProcessLog(node: "node-a", minimumLevel: minimum, format: format, sink: .records { [self] record in storage.withLock { $0.records.append(record) } },
                        clock: { 1_796_346_123_456 }),
             ProcessLog(node: "node-a", minimumLevel: minimum, format: format,
                        sink: .lines { [self] bytes in storage.withLock { $0.lines.append(String(decoding: bytes, as: UTF8.self)) } },
                        clock: { 1_796_346_123_456 }))
        }
    }

    @Test(arguments: [
        (LogLevel.debug, ["debug", "info", "warn", "error"]),
        (.info, ["info", "warn", "error"]),
        (.warn, ["warn", "error"]),
        (.error, ["error"]),
    ])
    func linesBelowTheMinimumLevelAreDropped(minimum: LogLevel, written: [String]) {
        let captured = Captured()
        let log = captured.log(minimum).records
        log.debug("debug")
        log.info("info")
        log.warn("warn")
        log.error("error")
        #expect(captured.records.map(\.message) == written)
        #expect(captured.records.map(\.level.name) == written)
    }

    @Test func aDroppedLineIsNeverBuilt() {
        let built = Mutex(0)
        let log = Captured().log(.warn).records
        log.info({ built.withLock { $0 += 1 }; return "expensive" }())
        #expect(built.withLock { $0 } == 0)
    }

    @Test func withComponentKeepsNodeLevelFormatAndClock() {
        let captured = Captured()
        let log = captured.log(.info, format: .text).lines.with(component: "tls")
        log.error("SIGHUP: TLS certificate not reloaded", fields: [("file", "/etc/tls/cert.pem")])
        #expect(captured.lines == ["2026-12-04T01:02:03.456Z ERROR node-a tls: SIGHUP: TLS certificate not reloaded file=/etc/tls/cert.pem\n"])
    }

    @Test func aLineSinkWritesAtItsOneLevel() {
        let captured = Captured()
        let sink = captured.log(.warn).records.with(component: "access-log").lines(at: .warn)
        sink("access log: 3 lines dropped")
        captured.log(.warn).records.lines(at: .info)("not written")
        #expect(captured.records.count == 1)
        #expect(captured.records.first?.component == "access-log")
        #expect(captured.records.first?.level == .warn)
    }

    @Test func messagesLogGetsEveryLevelAsPlainText() {
        let said = Mutex<[String]>([])
        let log = ProcessLog.messages { line in said.withLock { $0.append(line) } }
        log.debug("one")
        log.error("two", fields: [("k", "v")])
        #expect(said.withLock { $0 } == ["one", "two"])
    }

    @Test(arguments: [("debug", LogLevel.debug), ("info", .info), ("warn", .warn), ("error", .error)])
    func levelsParseFromTheirNames(text: String, level: LogLevel) {
        #expect(LogLevel(name: text) == level)
    }

    @Test(arguments: ["", "INFO", "warning", "trace", "fatal", " info"])
    func otherLevelNamesAreRefused(text: String) {
        #expect(LogLevel(name: text) == nil)
    }

    @Test func autoFormatIsTextOnATerminalAndJSONOtherwise() {
        #expect(LogFormat(flag: "auto", standardErrorIsTerminal: true) == .text)
        #expect(LogFormat(flag: "auto", standardErrorIsTerminal: false) == .json)
        #expect(LogFormat(flag: "json", standardErrorIsTerminal: true) == .json)
        #expect(LogFormat(flag: "text", standardErrorIsTerminal: false) == .text)
        #expect(LogFormat(flag: "JSON", standardErrorIsTerminal: false) == nil)
        #expect(LogFormat(flag: "logfmt", standardErrorIsTerminal: false) == nil)
    }
}
