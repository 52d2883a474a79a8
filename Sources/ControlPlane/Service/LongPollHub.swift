import Synchronization

/// Parks snapshot long-polls until the global revision moves past what the poller has.
///
/// A poll calls `park(after:wake:)`: if the current revision already differs from `after` it gets
/// nil and answers at once; otherwise its `wake` closure is stored and called exactly once, either by
/// `publish` (with the new revision) or never, if the poll's own timeout calls `cancel` first —
/// whichever takes the waiter out of the table wins, so a poll is answered once. `publish` takes
/// every waiter out under the lock and calls them outside it, so waking N parked polls costs one
/// lock acquisition and N closure calls. Thread-safe; `wake` runs on the publishing thread.
package final class LongPollHub: Sendable {
    /// Identifies a parked poll for `cancel`.
    package struct Token: Hashable, Sendable { let value: UInt64 }

    private struct State {
        var revision: Int64
        var nextToken: UInt64 = 0
        var waiters: [UInt64: @Sendable (Int64) -> Void] = [:]
    }

    private let state: Mutex<State>

    package init(revision: Int64) {
        state = Mutex(State(revision: revision))
    }

    /// The revision most recently published (or the initial one).
    package var revision: Int64 { state.withLock { $0.revision } }

    /// How many polls are parked now.
    package var parkedCount: Int { state.withLock { $0.waiters.count } }

    /// Parks a poll that has `after`; returns nil (answer now) when the revision already differs.
    package func park(after: Int64, wake: @escaping @Sendable (Int64) -> Void) -> Token? {
        state.withLock { state in
            guard state.revision == after else { return nil }
            state.nextToken &+= 1
            state.waiters[state.nextToken] = wake
            return Token(value: state.nextToken)
        }
    }

    /// Removes a parked poll; true when this call removed it (so the caller answers, e.g. 304),
    /// false when `publish` already took it.
    @discardableResult
    package func cancel(_ token: Token) -> Bool {
        state.withLock { $0.waiters.removeValue(forKey: token.value) != nil }
    }

    /// Records `revision` and wakes every parked poll if it changed. Revisions only move forward.
    package func publish(revision: Int64) {
        let woken: [@Sendable (Int64) -> Void] = state.withLock { state in
            guard revision > state.revision else { return [] }
            state.revision = revision
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll(keepingCapacity: true)
            return waiters
        }
        for wake in woken { wake(revision) }
    }
}
