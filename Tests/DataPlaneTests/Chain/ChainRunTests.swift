import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Records the hooks it saw; may rewrite the response.
private final class ObservingFilter: RequestFilter {
    let name: String
    let hooks: FilterHooks
    let log: HookLog
    let stamp: String?

    init(_ name: String, hooks: FilterHooks, log: HookLog, stamp: String? = nil) {
        self.name = name
        self.hooks = hooks
        self.log = log
        self.stamp = stamp
    }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        log.add("request \(name)")
        return .proceed
    }

    func onResponse(_ response: inout HTTPResponse, invocation: Invocation) {
        log.add("response \(name)")
        if let stamp { response.headers.set("x-stamp", stamp) }
    }

    func onCompletion(_ record: CompletionRecord, invocation: Invocation) {
        log.add("completion \(name)")
        log.record(record)
    }
}

private final class HookLog: Sendable {
    private let state = Mutex<(lines: [String], records: [CompletionRecord])>(([], []))
    func add(_ line: String) { state.withLock { $0.lines.append(line) } }
    func record(_ record: CompletionRecord) { state.withLock { $0.records.append(record) } }
    var lines: [String] { state.withLock { $0.lines } }
    var records: [CompletionRecord] { state.withLock { $0.records } }
}

/// The chain's hooks: request in order, response in reverse (also for errors), completion last
/// with the final record; a hook a filter does not list is never called.
@Suite struct ChainRunTests {
    typealias F = PipelineFixtures
    typealias P = RequestPipelineTests

    @Test func responseHooksRunInReverseAndMayRewriteTheResponse() throws {
        let log = HookLog()
        let filters: [any RequestFilter] = [ObservingFilter("a", hooks: [.request, .response], log: log, stamp: "a"),
                                            ObservingFilter("b", hooks: [.request, .response], log: log, stamp: "b")]
        let response = P.run(F.request("GET", "/prod/mock"), snapshot: try F.snapshot(P.content), phases: filters)
        #expect(response.status == 200)
        #expect(response.headers["x-stamp"] == "a", "the first filter sees the response last")
        #expect(log.lines == ["request a", "request b", "response b", "response a"])
        P.expectDecorated(response)
    }

    @Test func completionGetsTheFinalRecord() throws {
        let log = HookLog()
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: 201, body: Array("12345".utf8))))
        let response = P.run(F.request("GET", "/prod/pets", body: Array("abc".utf8)), snapshot: try F.snapshot(P.content), invoker: invoker,
                             phases: [ObservingFilter("c", hooks: .completion, log: log)])
        #expect(response.status == 201)
        #expect(log.lines == ["completion c"], "only the hook the filter listed runs")
        let record = try #require(log.records.first)
        #expect(record.status == 201)
        #expect(record.requestBodyBytes == 3 && record.responseBodyBytes == 5)
        #expect(record.integrationLatencyNanos != nil)
        #expect(record.errorType == nil && record.errorSource == nil)
    }

    @Test func anErrorReachesResponseAndCompletionHooksWithItsSource() throws {
        let log = HookLog()
        let failing = RecordingInvoker(.failure(.timeout))
        let response = P.run(F.request("GET", "/prod/pets"), snapshot: try F.snapshot(P.content), invoker: failing,
                             phases: [ObservingFilter("e", hooks: [.response, .completion], log: log, stamp: "e")])
        #expect(response.status == 504)
        #expect(response.headers["x-stamp"] == "e")
        #expect(response.headers["x-amzn-ErrorType"] == "InternalServerErrorException")
        let record = try #require(log.records.first)
        #expect(record.errorType == "InternalServerErrorException")
        #expect(record.errorSource == .integration)
    }

    @Test func aRequestStoppedBeforeTheIntegrationHasNoIntegrationLatency() throws {
        let log = HookLog()
        let snapshot = try F.snapshot(AccessRefusalGatewayTests.content())
        let response = P.run(F.request("GET", "/prod/iam"), snapshot: snapshot, phases: [ObservingFilter("o", hooks: .completion, log: log)])
        #expect(response.status == 403)
        let record = try #require(log.records.first)
        #expect(record.integrationLatencyNanos == nil)
        #expect(record.errorSource == .client)
    }
}
