import Synchronization

/// The node-wide allowance of memory for buffered message bodies, shared by every event loop.
///
/// Request bodies being read, request bodies held while their response is pending, upstream
/// response bodies being received and response bodies waiting in a connection's outbound queue
/// are all counted here, in bytes of buffer capacity. Whoever grows a buffer asks first
/// (`tryReserve`); whoever frees one gives the bytes back (`release`). Over the limit the engine
/// refuses the new body (the server answers 503 and closes; the client fails the exchange with
/// `.bufferBudgetExceeded`, which the gateway answers 503), so the process's body memory stays
/// about `limit` plus one body per loop (a response passing from the upstream client's count to
/// the server connection's while another loop takes the room), whatever clients declare or fail
/// to read.
///
/// A response body that is already built when it is queued is counted without a check
/// (`reserveUnchecked`): it cannot be refused any more, but it makes the next body wait for room.
///
/// Lock-free: one atomic add per buffer growth (buffers grow geometrically, so a 10 MiB body costs
/// about a dozen), one per release; nothing for requests and responses without a body. Callable
/// from any thread.
package final class BodyMemoryBudget: Sendable {
    /// The most body bytes held at once, node-wide.
    package let limit: Int
    private let used = Atomic<Int>(0)
    /// The highest `used` since the last `takeFreedSincePeak()`, for `HeapTrimmer`.
    private let peak = Atomic<Int>(0)

    /// The default limit of `tollgate data-plane` (`--max-buffered-body-bytes`): 512 MiB.
    package static let defaultLimit = 512 * 1024 * 1024

    package init(limit: Int = BodyMemoryBudget.defaultLimit) {
        precondition(limit > 0, "a body memory budget must be positive")
        self.limit = limit
    }

    /// Bytes currently counted.
    package var usedBytes: Int { used.load(ordering: .relaxed) }

    /// Counts `bytes` if that keeps the total within `limit`; false (and nothing counted) otherwise.
    package func tryReserve(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        let total = used.wrappingAdd(bytes, ordering: .relaxed).newValue
        guard total <= limit else {
            used.wrappingSubtract(bytes, ordering: .relaxed)
            return false
        }
        notePeak(total)
        return true
    }

    /// Counts `bytes` even past the limit (a body that exists already and must be sent).
    package func reserveUnchecked(_ bytes: Int) {
        guard bytes > 0 else { return }
        notePeak(used.wrappingAdd(bytes, ordering: .relaxed).newValue)
    }

    /// Gives back `bytes` counted earlier by `tryReserve` or `reserveUnchecked`.
    package func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        let total = used.wrappingSubtract(bytes, ordering: .relaxed).newValue
        precondition(total >= 0, "body memory released twice")
    }

    /// Bytes freed since the highest point reached after the previous call; restarts the peak at
    /// the current figure. `HeapTrimmer` asks this once a second.
    package func takeFreedSincePeak() -> Int {
        let current = used.load(ordering: .relaxed)
        let highest = peak.exchange(current, ordering: .relaxed)
        return max(0, highest - current)
    }

    private func notePeak(_ total: Int) {
        if total > peak.load(ordering: .relaxed) { peak.max(total, ordering: .relaxed) }
    }
}
