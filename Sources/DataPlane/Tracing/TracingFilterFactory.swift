import Shared

/// Puts a `TracingFilter` on every route of a stage whose `tracingEnabled` is on, and on no other
/// route (an accepted setting is honoured). Slot `methodResponse`. Without an exporter (tests and
/// benchmarks that build no node) no route gets it.
struct TracingFilterFactory: FilterFactory {
    let phase = ChainPhase.methodResponse
    let exporter: TraceExporter?

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let exporter, stage.tracingEnabled else { return nil }
        return TracingFilter(exporter: exporter)
    }
}
