/// Where a node's snapshot poller gets answers: the control plane over HTTP in production
/// (`HTTPSnapshotSource`), a scripted fake in tests.
package protocol SnapshotSource: Sendable {
    /// Sends one long-poll and returns its answer. Must return promptly (with `.failed`) when the
    /// calling task is cancelled, even while the control plane holds the poll.
    func poll(_ request: SnapshotPollRequest) async -> SnapshotPollStateMachine.Answer
}
