import Shared

/// The long-poll loop of a data-plane node: the I/O shell around `SnapshotPollStateMachine`.
///
/// `run()` loops until its task is cancelled: wait as the machine says (pacing or backoff), send
/// the poll through the `SnapshotSource`, feed the answer back, and hand any new body to `apply`
/// (the `SnapshotApplier`, which decodes and compiles off the event loops), then tell the machine
/// how that went so the next poll reports it. A snapshot refused for its size is logged like a
/// rejected one. Logs one line when the control plane becomes
/// unreachable and one when it answers again (not one per retry). Clock and sleep are injected.
package struct SnapshotPoller: Sendable {
    package typealias Apply = @Sendable (_ body: [UInt8], _ revision: Int64?, _ epoch: String?) async -> SnapshotApplier.Outcome

    private let initial: SnapshotPollStateMachine
    private let source: any SnapshotSource
    private let apply: Apply
    /// Component `sync`: unreachable and refused at warn, reachable again at info.
    private let log: ProcessLog
    private let clock: @Sendable () -> UInt64
    private let sleep: @Sendable (Duration) async throws -> Void

    package init(machine: SnapshotPollStateMachine, source: any SnapshotSource, apply: @escaping Apply,
                 log: ProcessLog,
                 clock: @escaping @Sendable () -> UInt64 = { Syscall.monotonicNanos() },
                 sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        initial = machine
        self.source = source
        self.apply = apply
        self.log = log
        self.clock = clock
        self.sleep = sleep
    }

    /// Polls until the calling task is cancelled; returns promptly then (an in-flight apply finishes
    /// first, so a snapshot is never left half-installed).
    package func run() async {
        var machine = initial
        var random = SystemRandomNumberGenerator()
        var reachable = true
        while !Task.isCancelled {
            let delay = machine.delayBeforeNextPoll(now: clock(), using: &random)
            if delay > .zero {
                do { try await sleep(delay) } catch { return }
            }
            let answer = await source.poll(machine.pollStarting(now: clock()))
            if Task.isCancelled { return }
            if case .failed(let reason) = answer {
                if reachable {
                    let cap = machine.timing.backoffCap.nanoseconds / 1_000_000
                    log.warn("control plane unreachable: \(reason); retrying with backoff up to \(cap) ms")
                }
                reachable = false
            } else if !reachable {
                log.info("control plane reachable again")
                reachable = true
            }
            if case .refused(let reason, let revision, _) = answer {
                let still = machine.applied.map { "still serving revision \($0)" } ?? "nothing is served yet"
                log.warn("rejected snapshot revision \(revision.map(String.init) ?? "?") from control plane: \(reason); \(still)")
            }
            guard case .apply(let body, let revision, let epoch) = machine.received(answer) else { continue }
            switch await apply(body, revision, epoch) {
            case .applied(let revision, let epoch), .unchanged(let revision, let epoch):
                machine.applied(revision: revision, epoch: epoch)
            case .rejected(let revision, let epoch, let reason):
                machine.rejected(revision: revision, epoch: epoch, reason: reason)
            }
        }
    }
}
