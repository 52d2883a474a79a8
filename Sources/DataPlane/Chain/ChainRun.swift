import Shared

/// One request's walk through its route's chain: request hooks in phase order (parking and
/// resuming on the request's loop), the terminal integration, then response and completion hooks.
///
/// A value built by `RequestPipeline` after routing; its closures are the only allocations the
/// chain adds, and a route whose filters observe no response hands `finish` (decoration and the
/// connection's completion) straight to its integration, as the pipeline did before the chain.
struct ChainRun: Sendable {
    /// The integration's finish: the report is ignored there (only completion hooks read it).
    typealias Finish = IntegrationFinish

    let chain: RouteChain
    /// Decorates and hands the response to the connection (`RequestPipeline.handle`).
    let finish: Finish
    /// Monotonic nanoseconds at the end of routing (0 when no filter observes completion).
    let started: UInt64
    /// The stage's customised gateway responses for this request (nil: the built-in ones).
    let errors: GatewayResponder?

    init(chain: RouteChain, finish: @escaping Finish, errors: GatewayResponder? = nil) {
        self.chain = chain
        self.finish = finish
        self.errors = errors
        started = chain.completionFilters.isEmpty ? 0 : Syscall.monotonicNanos()
    }

    /// Runs the request hooks from index `start`, then the integration; stops at the first
    /// filter that answers, fails or parks the request (a parked one continues in `park`).
    /// Takes the invocation over (`consuming`), so the integration step can move it into the
    /// request's pending completion instead of copying it.
    func proceed(from start: Int, _ invocation: consuming Invocation) {
        let filters = chain.requestFilters
        var index = start
        while index < filters.count {
            switch filters[index].onRequest(&invocation) {
            case .proceed: index += 1
            case .proceedUpdating(let update):
                update(&invocation)
                index += 1
            case .respond(let response): return stop(.success(response), invocation, integrationNanos: nil, report: .none)
            case .fail(let error): return stop(.failure(error), invocation, integrationNanos: nil, report: .none)
            case .failUpdating(let error, let update):
                update(&invocation)
                return stop(.failure(error), invocation, integrationNanos: nil, report: .none)
            case .suspend(let suspension): return park(suspension, after: index, invocation)
            }
        }
        integrate(consume invocation)
    }

    /// Hands `suspension` the continuation of a request parked by filter `index`.
    private func park(_ suspension: PhaseSuspension, after index: Int, _ invocation: Invocation) {
        suspension.park { [self] outcome in
            switch outcome {
            case .proceed:
                proceed(from: index + 1, invocation)
            case .proceedUpdating(let update):
                var resumed = invocation
                update(&resumed)
                proceed(from: index + 1, resumed)
            case .respond(let response): stop(.success(response), invocation, integrationNanos: nil, report: .none)
            case .fail(let error): stop(.failure(error), invocation, integrationNanos: nil, report: .none)
            case .failUpdating(let error, let update):
                var resumed = invocation
                update(&resumed)
                stop(.failure(error), resumed, integrationNanos: nil, report: .none)
            case .suspend(let again): park(again, after: index, invocation)
            }
        }
    }

    /// The terminal step. Without response or completion hooks the integration finishes the
    /// request itself (no extra closure, no invocation kept). With them, the invocation is moved
    /// (not copied) into a `PendingCompletion`, which the integration's callback captures alone:
    /// capturing the invocation in the closure copied it, retaining every reference it holds, and
    /// released that copy again at the end (bench/observability-instructions.sh; docs/performance.md,
    /// "Request metrics").
    private func integrate(_ invocation: consuming Invocation) {
        guard chain.observesResponse else { return chain.integration.run(invocation, finish: finish) }
        let began = chain.completionFilters.isEmpty ? 0 : Syscall.monotonicNanos()
        let pending = PendingCompletion(run: self, invocation: consume invocation, began: began)
        chain.integration.run(pending.invocation) { outcome, report in pending.complete(outcome, report) }
    }

    /// A request waiting for its integration: what `stop` needs once the integration answers.
    private final class PendingCompletion: Sendable {
        let run: ChainRun
        let invocation: Invocation
        /// Monotonic nanoseconds when the integration started (0: nobody measures it).
        let began: UInt64

        init(run: ChainRun, invocation: consuming Invocation, began: UInt64) {
            self.run = run
            self.invocation = invocation
            self.began = began
        }

        func complete(_ outcome: Result<HTTPResponse, GatewayError>, _ report: IntegrationReport) {
            run.stop(outcome, invocation, integrationNanos: began == 0 ? nil : Syscall.monotonicNanos() - began, report: report,
                     integrationStarted: began)
        }
    }

    /// Ends the request: response hooks (reverse order), decoration and the connection's
    /// completion, then the completion hooks with the final record.
    fileprivate func stop(_ outcome: Result<HTTPResponse, GatewayError>, _ invocation: Invocation, integrationNanos: UInt64?,
                          report: IntegrationReport, integrationStarted: UInt64 = 0) {
        guard chain.observesResponse else { return finish(outcome, report) }
        var response: HTTPResponse
        var error: GatewayError?
        switch outcome {
        case .success(let value): response = value
        case .failure(let failure):
            response = errors?.response(for: failure) ?? failure.response
            error = failure
        }
        for filter in chain.responseFilters { filter.onResponse(&response, invocation: invocation) }
        finish(.success(response), report)
        guard !chain.completionFilters.isEmpty else { return }
        var record = CompletionRecord(status: response.status, latencyNanos: Syscall.monotonicNanos() - started,
                                      integrationLatencyNanos: integrationNanos, requestBodyBytes: invocation.decodedBody?.receivedBytes ?? invocation.request.body.count,
                                      responseBodyBytes: response.body.count, errorType: error?.errorType, errorSource: error?.source,
                                      error: error, integration: report)
        record.startedNanos = started
        record.integrationStartedNanos = integrationStarted
        for filter in chain.completionFilters { filter.onCompletion(record, invocation: invocation) }
    }
}
