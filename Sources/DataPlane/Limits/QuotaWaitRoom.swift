import Shared
import Synchronization

/// Where `LimitsFilter` parks requests whose strict quota has room but whose node holds no escrow
/// rights yet (`LimitDecision.pending`), so they wait for the rights instead of being refused.
///
/// Bounds: at most `capacity` requests parked per node (one more is refused at once, 429 Too Many
/// Requests), and each waits at most `maxWait` (default 1 s); then it is released — its throttle
/// tokens go back — and answered 429 Too Many Requests, the retryable answer for rights stranded
/// out of reach (a partition, a dead holder).
///
/// Threads: every parked request lives in the `LoopWaiters` of the loop it arrived on and is only
/// touched there: parked, retried, expired and resumed on that loop, never on another thread. The
/// engine's quota-change handler (gossip thread: rights merged, or the count moved) calls `wake`,
/// which queues one retry task on each loop that holds parked requests (`execute`: the loop's
/// inbox; no lock on the request path). `wake` bumps a generation that `suspend` compares against
/// the one read before the engine's check, so a grant merged in between is never missed.
package final class QuotaWaitRoom: Sendable {
    /// Longest a request waits for rights.
    package let maxWait: Duration
    /// Most requests parked at once on this node.
    package let capacity: Int
    private let parked = Atomic<Int>(0)
    private let wakes = Atomic<UInt64>(0)
    private let loops = Mutex<[ObjectIdentifier: LoopWaiters]>([:])

    package init(maxWait: Duration = .seconds(1), capacity: Int = 10_000) {
        self.maxWait = maxWait
        self.capacity = max(0, capacity)
    }

    /// Requests parked right now (all loops).
    package var parkedCount: Int { parked.load(ordering: .relaxed) }

    /// The wake generation; read it before the engine's check and hand it to `suspend`.
    var generation: UInt64 { wakes.load(ordering: .acquiring) }

    /// Rights or counts changed for some counter with waiters: retry the parked requests on every
    /// loop that has any. Callable from any thread.
    package func wake() {
        wakes.add(1, ordering: .releasing)
        let busy = loops.withLock { $0.values.filter { $0.count.load(ordering: .relaxed) > 0 } }
        for waiters in busy { waiters.loop.execute { waiters.retryAll() } }
    }

    /// Parks `request`, left `.pending` on `key` by `engine`, on `loop` (the request's, the current
    /// thread's). Returns the phase outcome: `.suspend`, or `.fail(.throttled)` when the room is full.
    func suspend(_ request: LimitRequest, on key: QuotaCounterKey, engine: LimitsEngine, clock: LimitsClock,
                 loop: EventLoop, seenGeneration: UInt64) -> PhaseOutcome {
        guard parked.add(1, ordering: .relaxed).newValue <= capacity else {
            parked.subtract(1, ordering: .relaxed)
            engine.release(request, parkedOn: key)
            return .fail(.throttled)
        }
        let waiters = self.waiters(on: loop)
        let maxWait = maxWait
        return .suspend(PhaseSuspension { [self] resume in
            let waiter = LoopWaiters.Waiter(engine: engine, clock: clock, request: request, key: key, resume: resume)
            let id = waiters.add(waiter) { self.parked.subtract(1, ordering: .relaxed) }
            waiters.arm(id, after: maxWait)
            // A wake between the engine's check and now found nothing parked here yet.
            if generation != seenGeneration { loop.execute { waiters.retryAll() } }
        })
    }

    private func waiters(on loop: EventLoop) -> LoopWaiters {
        loops.withLock { loops in
            if let known = loops[ObjectIdentifier(loop)] { return known }
            let created = LoopWaiters(loop: loop)
            loops[ObjectIdentifier(loop)] = created
            return created
        }
    }
}
