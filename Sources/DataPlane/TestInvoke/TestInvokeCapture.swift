import Shared
import Synchronization

/// Collects what one test run produced: the response (from the pipeline's completion), the
/// execution log lines and the authorizer's result (from `TestInvokeCaptureFilter`'s completion
/// hook), and delivers them once.
///
/// The pipeline hands the response over before it runs completion hooks, so a request that entered
/// its chain (the capture filter's request hook ran) is delivered when the hook's lines arrive; one
/// refused before its chain (routing, payload size) is delivered with the response alone.
final class TestInvokeCapture: Sendable {
    private struct State {
        var entered = false
        var response: HTTPResponse?
        var log: String?
        var authorizer: AuthorizerResult?
        var delivered = false
    }

    private let state = Mutex(State())
    private let started: UInt64
    private let deliver: @Sendable (HTTPResponse, String, AuthorizerResult?, Int64) -> Void

    init(started: UInt64, deliver: @escaping @Sendable (HTTPResponse, String, AuthorizerResult?, Int64) -> Void) {
        self.started = started
        self.deliver = deliver
    }

    func enter() { state.withLock { $0.entered = true } }

    func response(_ response: HTTPResponse) {
        let latency = Int64((Syscall.monotonicNanos() &- started) / 1_000_000)
        let ready: (String, AuthorizerResult?)? = state.withLock { state in
            state.response = response
            if !state.entered {
                state.delivered = true
                return ("Execution failed before the method request: status \(response.status)\n", nil)
            }
            guard let log = state.log, !state.delivered else { return nil }
            state.delivered = true
            return (log, state.authorizer)
        }
        if let ready { deliver(response, ready.0, ready.1, latency) }
    }

    func complete(log: String, authorizer: AuthorizerResult?) {
        let latency = Int64((Syscall.monotonicNanos() &- started) / 1_000_000)
        let ready: HTTPResponse? = state.withLock { state in
            state.log = log
            state.authorizer = authorizer
            guard let response = state.response, !state.delivered else { return nil }
            state.delivered = true
            return response
        }
        if let ready { deliver(ready, log, authorizer, latency) }
    }
}

/// The capture as a chain feature: first in the route slot (it must see the request before any
/// filter can refuse it), completion hook rendering the INFO execution log with data trace.
struct TestInvokeCaptureFilter: RequestFilter, FilterFactory {
    let capture: TestInvokeCapture
    let phase = ChainPhase.route
    var name: String { "testInvokeCapture" }
    var hooks: FilterHooks { [.request, .completion] }
    private static let program = ExecutionLogProgram(level: .info, dataTrace: true)

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? { self }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        capture.enter()
        return .proceed
    }

    func onCompletion(_ record: CompletionRecord, invocation: Invocation) {
        let lines = Self.program.render(invocation, record).map { String(decoding: $0, as: UTF8.self) } ?? ""
        capture.complete(log: lines, authorizer: invocation.authorizer)
    }
}

/// The node's invoker, remembering the first answer (an authorizer test's only upstream call is
/// its Lambda authorizer's, whose principal and policy the test reports even when it denies).
final class RecordingInvoker: IntegrationInvoker {
    private let inner: any IntegrationInvoker
    private let first = Mutex<UpstreamResponse?>(nil)

    init(_ inner: any IntegrationInvoker) { self.inner = inner }

    var firstResponse: UpstreamResponse? { first.withLock { $0 } }

    func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
        inner.invoke(request) { [self] outcome in
            if case .success(let response) = outcome { first.withLock { if $0 == nil { $0 = response } } }
            completion(outcome)
        }
    }
}
