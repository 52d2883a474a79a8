import Shared

/// Completion filter that counts every routed request into its series (`RequestMetricCells`):
/// API Gateway's Count, 4XXError, 5XXError, Latency, IntegrationLatency, CacheHitCount and
/// CacheMissCount, and the limits filter's 429s (docs/operations.md, "Metrics"). As the stage's
/// unrouted hook it also counts the requests that reached the stage but matched no resource (403
/// Missing Authentication Token, …) into the stage's series, as CloudWatch counts them.
///
/// Its compiled config is the series' cells, chosen per route when the chain is built; the hook
/// runs after the response was handed to the connection, on whichever loop finished the request,
/// and adds to that loop's row: no lock, nothing allocated.
struct RequestMetricsFilter: RequestFilter, UnroutedCompletionHook {
    let cells: RequestMetricCells
    let registry: RequestMetricsRegistry
    /// The route's stage-cache settings (nil: the method never caches).
    let cache: CompiledRouteCache?

    var name: String { "metrics" }
    var hooks: FilterHooks { .completion }

    func onCompletion(_ record: CompletionRecord, invocation: Invocation) {
        let throttle = record.status == 429 ? invocation.slots[ThrottleRefusal.slot] : nil
        cells.record(record, cache: cacheOutcome(record, invocation), throttle: throttle, row: registry.currentRow())
    }

    func onCompletion(_ record: CompletionRecord, unrouted: UnroutedRequest) {
        cells.record(record, cache: .notCached, row: registry.currentRow())
    }

    /// A caching method's request is a miss when the cache filter left a key to store under (it
    /// went on to the integration), a hit when it was answered 2xx without an error or an
    /// integration (the cache filter's `.respond`), and neither when a filter refused it first.
    private func cacheOutcome(_ record: CompletionRecord, _ invocation: Invocation) -> CacheOutcome {
        guard let cache, cache.methods.contains(invocation.request.method.rawValue) else { return .notCached }
        if let pending = invocation.slots[StageCacheFilter.slot], pending.key != nil { return .miss }
        if record.errorType == nil, record.integrationLatencyNanos == nil, (200..<300).contains(record.status) { return .hit }
        return .notCached
    }
}

/// Puts a `RequestMetricsFilter` on every route, with the stage's series or, when the method's
/// `metricsEnabled` is on, the method's own (method and resource labels).
struct RequestMetricsFilterFactory: FilterFactory, StageCompletionFactory {
    let registry: RequestMetricsRegistry

    var phase: ChainPhase { .methodResponse }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        let detailed = route.methodSetting?.metricsEnabled ?? false
        let labels = RequestMetricLabels(apiId: stage.restApiId, apiName: stage.apiName, stage: stage.stageName,
                                         method: detailed ? route.httpMethod : nil, resource: detailed ? route.resourcePath : nil)
        return RequestMetricsFilter(cells: registry.cells(for: labels), registry: registry, cache: route.cache)
    }

    /// The stage's series (never a method's: an unrouted request has no method or resource).
    func makeUnroutedHook(on stage: CompiledStage) -> (any UnroutedCompletionHook)? {
        let labels = RequestMetricLabels(apiId: stage.restApiId, apiName: stage.apiName, stage: stage.stageName, method: nil, resource: nil)
        return RequestMetricsFilter(cells: registry.cells(for: labels), registry: registry, cache: nil)
    }
}
