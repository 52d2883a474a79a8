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
    func proceed(from start: Int, _ invocation: inout Invocation) {
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
        integrate(invocation)
    }

    /// Hands `suspension` the continuation of a request parked by filter `index`.
    private func park(_ suspension: PhaseSuspension, after index: Int, _ invocation: Invocation) {
        suspension.park { [self] outcome in
            switch outcome {
            case .proceed:
                var resumed = invocation
                proceed(from: index + 1, &resumed)
            case .proceedUpdating(let update):
                var resumed = invocation
                update(&resumed)
                proceed(from: index + 1, &resumed)
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
    /// request itself (no extra closure, no invocation kept).
    private func integrate(_ invocation: Invocation) {
        guard chain.observesResponse else { return chain.integration.run(invocation, finish: finish) }
        let began = chain.completionFilters.isEmpty ? 0 : Syscall.monotonicNanos()
        chain.integration.run(invocation) { [self] outcome, report in
            stop(outcome, invocation, integrationNanos: began == 0 ? nil : Syscall.monotonicNanos() - began, report: report,
                 integrationStarted: began)
        }
    }

    /// Ends the request: response hooks (reverse order), decoration and the connection's
    /// completion, then the completion hooks with the final record.
    private func stop(_ outcome: Result<HTTPResponse, GatewayError>, _ invocation: Invocation, integrationNanos: UInt64?,
                      report: IntegrationReport, integrationStarted: UInt64 = 0) {
        guard chain.observesResponse else { return finish(outcome, report) }
        var response: HTTPResponse
        var error: GatewayError?
        switch outcome {
        case .success(let value): response = value
        case .failure(let failure):
            response = errors?.response(for: failure) ?? failure.response(on: invocation.stage)
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
