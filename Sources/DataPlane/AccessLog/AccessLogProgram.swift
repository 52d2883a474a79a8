import Shared

/// A stage's access log format ready to render: literal bytes and resolved variables.
///
/// Built by `AccessLogFilterFactory` from the snapshot's `AccessLogFormat`, once per stage per
/// snapshot, off the event loops. `render` runs on the thread that completes the request.
///
/// Values: a missing or empty value renders `-`, as in AWS's access log lines. Tollgate escapes what
/// it substitutes (never the format's own text), which AWS does not document: `"` → `\"`,
/// `\` → `\\`, control characters → `\u00XX`. So a value never ends a line or breaks out of a JSON,
/// CSV-in-quotes or CLF-quoted field (docs/compatibility.md, "Access logs").
struct AccessLogProgram: Sendable {
    enum Step: Sendable {
        /// Bytes of `literals`: the format's own text between variables.
        case literal(Range<Int>)
        case variable(AccessLogVariable)
    }

    let steps: [Step]
    /// The format's literal text, every piece in one array (a `[UInt8]` per piece was retained and
    /// released per line as the steps were walked: ~260 instructions a JSON line).
    let literals: [UInt8]
    /// Bytes reserved for a line: the literals and 32 per variable, so a usual line is written once
    /// (a line that outgrows it is written again; growing an array from 256 bytes cost ~200
    /// instructions a JSON line).
    let lineCapacity: Int

    init(_ format: AccessLogFormat) {
        var literals: [UInt8] = []
        var steps: [Step] = []
        for piece in format.pieces {
            switch piece {
            case .literal(let text):
                let start = literals.count
                literals.append(contentsOf: text.utf8)
                steps.append(.literal(start..<literals.count))
            case .variable(let name): steps.append(.variable(AccessLogVariable(name: name)))
            }
        }
        self.steps = steps
        self.literals = literals
        lineCapacity = literals.count + 32 * (steps.count - steps.count { if case .literal = $0 { true } else { false } }) + 1
    }

    /// The line for one finished request, with its trailing newline: a routed one (`Invocation`), or
    /// one that matched no resource of the stage (`UnroutedRequest`: `resourcePath` and what only a
    /// route knows render `-`). Generic so the subject is borrowed, never copied (`AccessLogSubject`).
    /// Written in place into `lineCapacity` bytes (`AccessLogLine`); a line that needs more is written
    /// again into the room it counted.
    func render<Subject: AccessLogSubject>(_ subject: Subject, _ record: CompletionRecord) -> [UInt8] {
        var capacity = lineCapacity
        while true {
            var fits = true
            var needed = 0
            let line = [UInt8](unsafeUninitializedCapacity: capacity) { room, initialized in
                var line = AccessLogLine(room)
                write(subject, record, to: &line)
                initialized = line.count
                (fits, needed) = (line.fits, line.needed)
            }
            if fits { return line }
            capacity = max(needed, 2 * capacity)
        }
    }

    private func write<Subject: AccessLogSubject>(_ subject: Subject, _ record: CompletionRecord, to line: inout AccessLogLine) {
        literals.withUnsafeBufferPointer { literals in
            for step in steps {
                switch step {
                case .literal(let range): line.write(UnsafeBufferPointer(rebasing: literals[range]))
                case .variable(.errorMessageString) where record.error != nil:
                    // The message in quotes: the quotes are the format's, only the message is escaped.
                    line.write(UInt8(ascii: "\""))
                    line.write(escaped: record.error?.message)
                    line.write(UInt8(ascii: "\""))
                // Digits, letters, `/`, `:`, a space and `+`: nothing to escape, written in place (no
                // `String` made per value, bench/observability-instructions.sh).
                case .variable(.requestTime): RequestTime.withBytes(epochMillis: subject.requestTimeEpochMillis) { line.write($0) }
                case .variable(.requestTimeEpoch): line.write(decimal: UInt64(max(0, subject.requestTimeEpochMillis)))
                case .variable(.status): line.write(decimal: UInt64(max(0, record.status)))
                case .variable(.responseLength): line.write(decimal: UInt64(max(0, record.responseBodyBytes)))
                case .variable(.responseLatency): line.write(decimal: record.latencyNanos / 1_000_000)
                case .variable(.integrationLatency) where record.integrationLatencyNanos != nil:
                    line.write(decimal: (record.integrationLatencyNanos ?? 0) / 1_000_000)
                case .variable(let variable): line.write(escaped: Self.value(variable, record) ?? subject.accessLogValue(variable, record))
                }
            }
        }
        line.write(UInt8(ascii: "\n"))
    }

    /// The value a variable takes from the request's end (`CompletionRecord`); nil for the rest,
    /// which the request itself answers.
    private static func value(_ variable: AccessLogVariable, _ record: CompletionRecord) -> String? {
        switch variable {
        case .status: return String(record.status)
        case .responseLength: return String(record.responseBodyBytes)
        case .responseLatency: return String(record.latencyNanos / 1_000_000)
        case .integrationLatency: return record.integrationLatencyNanos.map { String($0 / 1_000_000) }
        case .errorMessage: return record.error?.message
        case .errorMessageString: return nil  // with an error: `render` writes it
        case .errorResponseType: return record.error?.responseType
        case .errorValidationErrorString: return record.error?.validationErrorString
        case .integrationStatus: return record.integration.integrationStatus.map { String($0) }
        case .integrationStatusCode: return record.integration.integrationStatusCode.map { String($0) }
        case .integrationError: return record.integration.errorMessage
        case .integrationRequestId: return record.integration.requestId
        case .awsEndpointRequestId2: return record.integration.requestId2
        default: return nil
        }
    }
}
