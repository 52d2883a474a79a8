import Testing
@testable import DataPlane
@testable import Shared

/// Execution log lines: what `INFO`, `ERROR` and `dataTraceEnabled` write, AWS's 1,024-byte event
/// limit, escaping, and the time on each line.
@Suite struct ExecutionLogProgramTests {
    typealias F = PipelineFixtures
    static let id = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
    /// `F.now` (2020-03-04T19:15:17.135Z) plus the records' 5 ms.
    static let prefix = "2020-03-04T19:15:17.140Z (\(id)) "

    static func invocation(_ target: String = "/prod/pets/7?color=red&size=2", body: [UInt8] = []) throws -> Invocation {
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let snapshot = try F.snapshot(F.content([("/pets/{id}", ["POST": F.method("POST", mock)])]))
        return try F.invocation(snapshot, F.request("POST", target, headers: [("X-Who", "me")], body: body))
    }

    static func record(status: Int, error: GatewayError? = nil, integrationNanos: UInt64? = 4_000_000) -> CompletionRecord {
        CompletionRecord(status: status, latencyNanos: 5_000_000, integrationLatencyNanos: integrationNanos, requestBodyBytes: 0,
                         responseBodyBytes: 0, errorType: error.map { _ in "X" }, errorSource: nil, error: error)
    }

    static func lines(_ program: ExecutionLogProgram, _ invocation: Invocation, _ record: CompletionRecord) -> [String]? {
        program.render(invocation, record).map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) }
    }

    @Test func infoWritesTheRequestsStepsAndItsStatus() throws {
        let lines = Self.lines(ExecutionLogProgram(level: .info, dataTrace: false), try Self.invocation(), Self.record(status: 200))
        let extended = try Self.invocation().identifiers.extendedRequestId
        #expect(lines == [
            "Extended Request Id: \(extended)",
            "Starting execution for request: \(Self.id)",
            "HTTP Method: POST, Resource Path: /pets/7",
            "Method request path: {id=7}",
            "Method request query string: {color=red, size=2}",
            "Received response. Integration latency: 4 ms",
            "Successfully completed execution",
            "Method completed with status: 200",
        ].map { Self.prefix + $0 })
    }

    @Test func dataTraceAddsTheMethodRequestsHeadersAndBody() throws {
        let invocation = try Self.invocation(body: Array(#"{"a": 1}"#.utf8))
        let lines = try #require(Self.lines(ExecutionLogProgram(level: .info, dataTrace: true), invocation, Self.record(status: 200)))
        #expect(lines.contains(Self.prefix + "Method request headers: {Host=abc123defg.execute-api.localhost:8080, X-Who=me}"))
        #expect(lines.contains(Self.prefix + #"Method request body before transformations: {"a": 1}"#))
        let plain = try #require(Self.lines(ExecutionLogProgram(level: .info, dataTrace: false), invocation, Self.record(status: 200)))
        #expect(!plain.contains { $0.contains("Method request headers") || $0.contains("Method request body") })
    }

    @Test func errorWritesOnlyFailedRequestsAndOnlyTheirOutcome() throws {
        let program = ExecutionLogProgram(level: .error, dataTrace: true)
        #expect(program.render(try Self.invocation(), Self.record(status: 200)) == nil)
        #expect(program.render(try Self.invocation(), Self.record(status: 404, integrationNanos: 1_000_000)) == nil)
        #expect(Self.lines(program, try Self.invocation(), Self.record(status: 403, error: .forbidden)) == [
            Self.prefix + "Execution failed: \(GatewayError.forbidden.responseType): Forbidden",
            Self.prefix + "Method completed with status: 403",
        ])
        #expect(Self.lines(program, try Self.invocation(), Self.record(status: 502)) == [
            Self.prefix + "Execution failed: the method answered with status 502",
            Self.prefix + "Method completed with status: 502",
        ])
    }

    @Test func levelsComeFromTheMethodSetting() {
        var setting = MethodSetting()
        #expect(ExecutionLogProgram(setting: setting) == nil)
        #expect(ExecutionLogProgram(setting: nil) == nil)
        setting.loggingLevel = "ERROR"
        #expect(ExecutionLogProgram(setting: setting) == ExecutionLogProgram(level: .error, dataTrace: false))
        setting.loggingLevel = "INFO"
        setting.dataTraceEnabled = true
        #expect(ExecutionLogProgram(setting: setting) == ExecutionLogProgram(level: .info, dataTrace: true))
    }

    @Test func eventsAreCutAtAWSsLimitAndStayOneLine() throws {
        let body = Array(("line one\r\nback\\slash " + String(repeating: "é", count: 2000)).utf8)
        let lines = try #require(Self.lines(ExecutionLogProgram(level: .info, dataTrace: true), try Self.invocation(body: body),
                                            Self.record(status: 200)))
        let bodyLine = try #require(lines.first { $0.contains("Method request body") })
        let event = bodyLine.dropFirst(Self.prefix.count)
        #expect(event.hasPrefix(#"Method request body before transformations: line one\r\nback\\slash éé"#))
        #expect(event.utf8.count <= ExecutionLogProgram.eventLimitBytes)
        #expect(event.utf8.count > ExecutionLogProgram.eventLimitBytes - 2)  // cut at the limit, not before
        #expect(event.hasSuffix("é"))  // never inside a character
        #expect(lines.count == 10)
    }

    @Test(arguments: [(Int64(0), "1970-01-01T00:00:00.000Z"), (1_583_349_317_135, "2020-03-04T19:15:17.135Z"),
                      (1_796_342_400_009, "2026-12-04T00:00:00.009Z")])
    func timestampsAreISO8601InUTCWithMilliseconds(millis: Int64, text: String) {
        #expect(ExecutionLogProgram.timestamp(epochMillis: millis) == text)
    }
}
