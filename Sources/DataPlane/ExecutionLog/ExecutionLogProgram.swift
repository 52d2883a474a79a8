import Shared

/// Renders the execution log lines of one finished request for a method whose `loggingLevel` is
/// `INFO` or `ERROR` (stage `methodSettings`, `logging/loglevel`), close to the lines AWS writes to
/// `API-Gateway-Execution-Logs_{restApiId}/{stage}` (docs/operations.md, "Execution logs").
///
/// Pure: the invocation and its `CompletionRecord` in, bytes out. Each line is
/// `{ISO 8601 time} ({requestId}) {message}`; a message longer than AWS's 1,024-byte event limit is
/// cut there (at a UTF-8 character boundary), and CR, LF and `\` inside a value are escaped
/// (`\r`, `\n`, `\\`) so one event stays one line. `INFO` writes every line below; `ERROR` writes
/// only requests that ended in a gateway error or a 5XX, and only their failure and completion
/// lines. `dataTraceEnabled` adds the method request headers and body.
package struct ExecutionLogProgram: Sendable, Equatable {
    package enum Level: Sendable, Equatable { case info, error }

    /// AWS truncates execution log events longer than this.
    package static let eventLimitBytes = 1024

    package let level: Level
    package let dataTrace: Bool

    /// The program for `setting`, nil when it logs nothing (`OFF`, or no setting applies).
    package init?(setting: MethodSetting?) {
        guard let setting else { return nil }
        switch setting.loggingLevel {
        case "INFO": level = .info
        case "ERROR": level = .error
        default: return nil
        }
        dataTrace = setting.dataTraceEnabled
    }

    package init(level: Level, dataTrace: Bool) {
        self.level = level
        self.dataTrace = dataTrace
    }

    /// The lines for one request, or nil when its level writes none. The time on every line is the
    /// request's completion (its arrival plus the latency), so rendering reads no clock.
    package func render(_ invocation: Invocation, _ record: CompletionRecord) -> [UInt8]? {
        let nowMillis = invocation.requestTimeEpochMillis + Int64(record.latencyNanos / 1_000_000)
        let failed = record.error != nil || record.status >= 500
        if level == .error && !failed { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(512)
        let prefix = Self.timestamp(epochMillis: nowMillis) + " (" + invocation.identifiers.requestId + ") "
        func line(_ message: String) {
            out.append(contentsOf: prefix.utf8)
            Self.appendEvent(message, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        if level == .info {
            line("Extended Request Id: " + invocation.identifiers.extendedRequestId)
            line("Starting execution for request: " + invocation.identifiers.requestId)
            line("HTTP Method: " + invocation.route.httpMethod + ", Resource Path: " + invocation.path)
            line("Method request path: " + Self.javaMap(invocation.pathParameters.map { ($0.name, $0.value) }))
            line("Method request query string: " + Self.javaMap(invocation.query.pairs.map { ($0.name, $0.value) }))
            if dataTrace {
                line("Method request headers: " + Self.javaMap(invocation.request.headers.map { ($0.name, $0.value) }))
                line("Method request body before transformations: " + String(decoding: invocation.request.body, as: UTF8.self))
            }
            if let nanos = record.integrationLatencyNanos {
                line("Received response. Integration latency: \(nanos / 1_000_000) ms")
            }
        }
        if let error = record.error {
            line("Execution failed: " + error.responseType + ": " + error.message)
        } else if record.status >= 500 {
            line("Execution failed: the method answered with status \(record.status)")
        } else {
            line("Successfully completed execution")
        }
        line("Method completed with status: \(record.status)")
        return out
    }

    /// `{a=1, b=2}`, the form AWS's Java runtime prints maps in (`{}` when empty).
    static func javaMap(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { $0.0 + "=" + $0.1 }.joined(separator: ", ") + "}"
    }

    /// Appends `message` escaped and cut at `eventLimitBytes` of escaped output (never inside a character).
    static func appendEvent(_ message: String, to out: inout [UInt8]) {
        var written = 0
        var iterator = message.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            var bytes: [UInt8]
            switch scalar {
            case "\n": bytes = [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case "\r": bytes = [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case "\\": bytes = [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            default: bytes = Array(String(scalar).utf8)
            }
            guard written + bytes.count <= eventLimitBytes else { return }
            out.append(contentsOf: bytes)
            written += bytes.count
        }
    }

    /// `2026-12-03T23:40:01.123Z`.
    static func timestamp(epochMillis: Int64) -> String {
        let seconds = epochMillis >= 0 ? epochMillis / 1000 : (epochMillis - 999) / 1000
        let millis = epochMillis - seconds * 1000
        let (days, secondOfDay) = CivilDate.split(epochSeconds: seconds)
        let date = CivilDate(daysSinceEpoch: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(date.year, 4))-\(pad(Int64(date.month), 2))-\(pad(Int64(date.day), 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }
}
