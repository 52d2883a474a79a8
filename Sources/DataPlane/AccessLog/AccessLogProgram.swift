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
        case literal([UInt8])
        case variable(AccessLogVariable)
    }

    let steps: [Step]

    init(_ format: AccessLogFormat) {
        steps = format.pieces.map { piece in
            switch piece {
            case .literal(let text): return .literal(Array(text.utf8))
            case .variable(let name): return .variable(AccessLogVariable(name: name))
            }
        }
    }

    /// The line for one finished routed request, with its trailing newline.
    func render(_ invocation: Invocation, _ record: CompletionRecord) -> [UInt8] {
        // A non-escaping closure borrows the invocation: wrapping it in an enum copied it, retaining
        // every reference it holds, once per variable (bench/observability-instructions.sh).
        render(record, requestTimeEpochMillis: invocation.requestTimeEpochMillis) { variable in
            if case .authStep(let step, let field) = variable { return Self.value(step, field, invocation.authSteps, record) }
            return Self.value(variable, invocation)
        }
    }

    /// The line for a request that matched no resource of the stage (`resourcePath` and what only a
    /// route knows render `-`).
    func render(_ unrouted: UnroutedRequest, _ record: CompletionRecord) -> [UInt8] {
        render(record, requestTimeEpochMillis: unrouted.requestTimeEpochMillis) { Self.value($0, unrouted) }
    }

    private func render(_ record: CompletionRecord, requestTimeEpochMillis: Int64,
                        _ subjectValue: (AccessLogVariable) -> String?) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for step in steps {
            switch step {
            case .literal(let bytes): line.append(contentsOf: bytes)
            case .variable(.errorMessageString) where record.error != nil:
                // The message in quotes: the quotes are the format's, only the message is escaped.
                line.append(UInt8(ascii: "\""))
                Self.append(record.error?.message, to: &line)
                line.append(UInt8(ascii: "\""))
            // Digits, letters, `/`, `:`, a space and `+`: nothing to escape, written in place (as the
            // numbers below: no `String` made per value, bench/observability-instructions.sh).
            case .variable(.requestTime): RequestTime.append(epochMillis: requestTimeEpochMillis, to: &line)
            case .variable(.requestTimeEpoch): Self.appendDecimal(UInt64(max(0, requestTimeEpochMillis)), to: &line)
            case .variable(.status): Self.appendDecimal(UInt64(max(0, record.status)), to: &line)
            case .variable(.responseLength): Self.appendDecimal(UInt64(max(0, record.responseBodyBytes)), to: &line)
            case .variable(.responseLatency): Self.appendDecimal(record.latencyNanos / 1_000_000, to: &line)
            case .variable(.integrationLatency) where record.integrationLatencyNanos != nil:
                Self.appendDecimal((record.integrationLatencyNanos ?? 0) / 1_000_000, to: &line)
            case .variable(let variable): Self.append(value(variable, record) ?? subjectValue(variable), to: &line)
            }
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The value a variable takes from the request's end (`CompletionRecord`); nil for the rest,
    /// which the request itself answers.
    private func value(_ variable: AccessLogVariable, _ record: CompletionRecord) -> String? {
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

    /// `authenticate.*`, `authorize.*`, `authorizer.{status,latency,error}`: `-` for a step that did
    /// not run; the error only for the step that refused (its error answered the request).
    private static func value(_ step: AccessLogVariable.AuthStep, _ field: AccessLogVariable.StepField, _ steps: AuthStepRecord,
                              _ record: CompletionRecord) -> String? {
        let recorded: AuthStepRecord.Step
        switch step {
        case .authenticate: recorded = steps.authenticate
        case .authorize: recorded = steps.authorize
        case .authorizer: recorded = steps.authorizer
        }
        guard recorded.ran else { return nil }
        switch field {
        case .status: return String(recorded.status)
        case .latency: return String(recorded.latencyMillis)
        case .error: return recorded.refused ? record.error?.message : nil
        }
    }

    private static func value(_ variable: AccessLogVariable, _ invocation: Invocation) -> String? {
        switch variable {
        case .requestId: return invocation.identifiers.requestId
        case .extendedRequestId: return invocation.identifiers.extendedRequestId
        case .sourceIp: return invocation.sourceIp
        case .httpMethod: return invocation.request.method.rawValue
        case .resourcePath: return invocation.route.resourcePath
        case .path: return invocation.contextPath
        case .protocol: return invocation.request.head.version.description
        case .requestTime: return RequestTime.format(epochMillis: invocation.requestTimeEpochMillis)
        case .requestTimeEpoch: return String(invocation.requestTimeEpochMillis)
        case .apiId: return invocation.stage.restApiId
        case .stage: return invocation.stage.stageName
        case .authorizerIntegrationLatency:
            // Served for an authorizer that established an identity (0 from the cache) or a Lambda call that answered.
            return invocation.authorizer == nil && invocation.authSteps.authorizerInvokeStatus == 0
                ? nil : String(invocation.authorizerLatencyMillis)
        case .authorizerIntegrationStatus:
            let status = invocation.authSteps.authorizerInvokeStatus
            return status == 0 ? nil : String(status)
        case .authorizerRequestId: return invocation.authSteps.authorizerInvokeHeaders?["x-amzn-RequestId"]
        case .authorizer(let key): return invocation.authorizer?.value(key)
        case .iamIdentity(let field):
            guard let caller = invocation.iamCaller else { return nil }
            switch field {
            case .userArn: return caller.userArn
            case .accessKey: return caller.accessKey
            case .user: return caller.user
            case .caller: return caller.caller
            case .accountId: return caller.accountId
            }
        case .context(let name): return invocation.contextVariable(name)
        case .basePathMatched: return invocation.basePathMatched
        default: return nil
        }
    }

    /// An unrouted request: no route, authorizer or API key; the source IP is the socket's peer
    /// (no filter evaluated `X-Forwarded-For`).
    private static func value(_ variable: AccessLogVariable, _ unrouted: UnroutedRequest) -> String? {
        switch variable {
        case .requestId: return unrouted.identifiers.requestId
        case .extendedRequestId: return unrouted.identifiers.extendedRequestId
        case .sourceIp: return unrouted.connection.remoteAddress
        case .httpMethod: return unrouted.request.method.rawValue
        case .path: return unrouted.basePathMatched == nil ? "/\(unrouted.stage.stageName)\(unrouted.path)" : String(unrouted.request.head.path)
        case .basePathMatched: return unrouted.basePathMatched
        case .protocol: return unrouted.request.head.version.description
        case .requestTime: return RequestTime.format(epochMillis: unrouted.requestTimeEpochMillis)
        case .requestTimeEpoch: return String(unrouted.requestTimeEpochMillis)
        case .apiId: return unrouted.stage.restApiId
        case .stage: return unrouted.stage.stageName
        case .context(let name):
            switch name {
            case "accountId": return unrouted.accountId
            case "deploymentId": return unrouted.stage.deploymentId
            case "domainName": return Invocation.hostWithoutPort(unrouted.request.headers["Host"] ?? "")
            case "identity.userAgent": return unrouted.request.headers["User-Agent"]
            case "xrayTraceId": return unrouted.identifiers.traceId
            default:
                guard name.hasPrefix("identity.clientCert.") else { return nil }
                return unrouted.connection.clientCertificate?.field(name.dropFirst("identity.clientCert.".count))
            }
        default: return nil
        }
    }

    /// Appends `value` escaped, or `-` when it is nil or empty. A value with nothing to escape (the
    /// usual case) is copied in one append rather than byte by byte (a JSON line's values cost
    /// ~7,400 instructions that way, bench/observability-instructions.sh).
    static func append(_ value: String?, to line: inout [UInt8]) {
        guard let value, !value.isEmpty else { return line.append(UInt8(ascii: "-")) }
        // Over the string's bytes in place: iterating `utf8` by index cost ~10 instructions a byte.
        let copied = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: needsEscape) else { return false }
            line.append(contentsOf: bytes)
            return true
        }
        guard copied != true else { return }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                line.append(UInt8(ascii: "\\"))
                line.append(byte)
            case 0..<0x20, 0x7F:
                line.append(contentsOf: Array("\\u00".utf8))
                line.append(hexDigit(byte >> 4))
                line.append(hexDigit(byte & 0xF))
            default:
                line.append(byte)
            }
        }
    }

    /// Appends `value` in decimal.
    static func appendDecimal(_ value: UInt64, to line: inout [UInt8]) {
        guard value >= 10 else { return line.append(UInt8(ascii: "0") + UInt8(value)) }
        var digits: (UInt64, Int) = (value, 0)
        while digits.0 > 0 { digits = (digits.0 / 10, digits.1 + 1) }
        let start = line.count
        line.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits.1))
        var rest = value
        var index = start + digits.1 - 1
        while rest > 0 {
            line[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }

    /// Whether `byte` is written escaped: `"`, `\`, control characters.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
