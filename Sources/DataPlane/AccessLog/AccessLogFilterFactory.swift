import Shared
import Synchronization

/// Puts an `AccessLogFilter` on every route of a stage whose snapshot carries a
/// `CompiledAccessLog`, and on no other route.
///
/// One factory per snapshot (`DefaultChain.factories`); asked per route on the snapshot-apply
/// queue. The stage's format becomes an `AccessLogProgram` once per stage (kept by stage identity
/// for the snapshot's routes), never per request. Slot `methodResponse`: the completion hook runs
/// after the response was handed to the connection. Without a writer (tests and benchmarks that
/// build no node) no route gets the filter.
struct AccessLogFilterFactory: FilterFactory, StageCompletionFactory {
    let phase = ChainPhase.methodResponse
    let writer: AccessLogWriter?
    private let programs = ProgramCache()

    init(writer: AccessLogWriter?) {
        self.writer = writer
    }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let writer, let accessLog = stage.accessLog else { return nil }
        return AccessLogFilter(program: programs.program(for: stage, accessLog.format), destination: accessLog.destination,
                               writer: writer)
    }

    /// Requests of the stage that match no resource (403 Missing Authentication Token, …) are
    /// logged too, as AWS logs every request that reached the stage.
    func makeUnroutedHook(on stage: CompiledStage) -> (any UnroutedCompletionHook)? {
        guard let writer, let accessLog = stage.accessLog else { return nil }
        return AccessLogFilter(program: programs.program(for: stage, accessLog.format), destination: accessLog.destination,
                               writer: writer)
    }

    /// The programs of one snapshot's stages, by stage identity.
    private final class ProgramCache: Sendable {
        private let programs = Mutex<[ObjectIdentifier: AccessLogProgram]>([:])

        func program(for stage: CompiledStage, _ format: AccessLogFormat) -> AccessLogProgram {
            programs.withLock { programs in
                if let program = programs[ObjectIdentifier(stage)] { return program }
                let program = AccessLogProgram(format)
                programs[ObjectIdentifier(stage)] = program
                return program
            }
        }
    }
}
