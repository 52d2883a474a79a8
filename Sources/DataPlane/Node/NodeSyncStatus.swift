import Shared
import Synchronization

/// What a node knows about its own sync state, for `/_tollgate/health` and `/_tollgate/metrics`:
/// the snapshot it serves, how applies went, and when the control plane last answered a poll.
///
/// Written by the snapshot poller and applier (off the loops), read by health and metrics
/// requests; both behind one mutex that requests never take. Times are monotonic nanoseconds.
package final class NodeSyncStatus: Sendable {
    package struct State: Sendable, Equatable {
        package var revision: Int64?
        package var epoch: String?
        /// Snapshots applied (new revisions installed on the loops), including the disk cache's.
        package var applied: UInt64 = 0
        /// Snapshots refused (decode, checksum, compile, size): the old one kept serving.
        package var rejected: UInt64 = 0
        /// When the control plane last answered a poll (any answer but a failure), nil: never.
        package var lastPollAnswerNanos: UInt64?
        /// Polls that got no answer (connection refused, timeout, bad response).
        package var pollFailures: UInt64 = 0
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> UInt64

    package init(clock: @escaping @Sendable () -> UInt64 = { Syscall.monotonicNanos() }) {
        self.clock = clock
    }

    package var current: State { state.withLock { $0 } }

    /// Seconds since the last answered poll (nil: never answered).
    package var lastPollAgeSeconds: Double? {
        let now = clock()
        return current.lastPollAnswerNanos.map { Double(now &- $0) / 1e9 }
    }

    /// Records a poll's result: `answered` unless the control plane could not be reached.
    package func notePoll(answered: Bool) {
        let now = clock()
        state.withLock { state in
            if answered { state.lastPollAnswerNanos = now } else { state.pollFailures += 1 }
        }
    }

    /// Records what the applier did with a snapshot.
    package func note(_ outcome: SnapshotApplier.Outcome) {
        state.withLock { state in
            switch outcome {
            case .applied(let revision, let epoch):
                state.applied += 1
                state.revision = revision
                state.epoch = epoch
            case .unchanged(let revision, let epoch):
                state.revision = revision
                state.epoch = epoch
            case .rejected: state.rejected += 1
            }
        }
    }
}

/// A `SnapshotSource` that tells `NodeSyncStatus` whether each poll was answered.
struct StatusRecordingSource: SnapshotSource {
    let source: any SnapshotSource
    let status: NodeSyncStatus

    func poll(_ request: SnapshotPollRequest) async -> SnapshotPollStateMachine.Answer {
        let answer = await source.poll(request)
        if case .failed = answer { status.notePoll(answered: false) } else { status.notePoll(answered: true) }
        return answer
    }
}
