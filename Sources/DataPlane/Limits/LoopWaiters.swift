import Shared
import Synchronization

/// The requests parked on one event loop by `QuotaWaitRoom`, with their deadline timers.
///
/// Loop-confined: `add`, `arm`, `retryAll` and the deadline run on `loop` only (checked); `count`
/// is an atomic so `QuotaWaitRoom.wake` can skip idle loops from the gossip thread. Every waiter
/// ends exactly once — admitted (`.proceed`), refused for its quota (`.fail(.quotaExceeded)`) or out
/// of time (released, `.fail(.throttled)`) — and its `resume` then runs on this loop.
final class LoopWaiters: @unchecked Sendable {
    /// One parked request and what it needs to try again.
    struct Waiter {
        let engine: LimitsEngine
        let clock: LimitsClock
        let request: LimitRequest
        var key: QuotaCounterKey
        let resume: @Sendable (PhaseOutcome) -> Void
        var timer: ScheduledTask?
        var onEnd: () -> Void = {}
    }

    let loop: EventLoop
    /// Parked requests on this loop (read from any thread, written on the loop).
    let count = Atomic<Int>(0)
    // Safe: only touched on `loop` (the preconditions below); the class is shared across threads
    // only to reach the loop's tasks.
    private var waiters: [UInt64: Waiter] = [:]
    private var nextID: UInt64 = 0

    init(loop: EventLoop) {
        self.loop = loop
    }

    /// Registers `waiter`; `onEnd` runs when it ends. Loop thread only.
    func add(_ waiter: Waiter, onEnd: @escaping () -> Void) -> UInt64 {
        precondition(loop.inEventLoop, "a parked request belongs to its loop")
        nextID &+= 1
        var waiter = waiter
        waiter.onEnd = onEnd
        waiters[nextID] = waiter
        count.add(1, ordering: .relaxed)
        return nextID
    }

    /// Ends waiter `id` at `after` if nothing ended it before. Loop thread only.
    func arm(_ id: UInt64, after delay: Duration) {
        let timer = loop.schedule(after: delay) { [self] in expire(id) }
        waiters[id]?.timer = timer
    }

    /// Tries every parked request's quota again and resumes those that are decided. Loop thread only.
    func retryAll() {
        precondition(loop.inEventLoop, "parked requests are retried on their loop")
        var decided: [(Waiter, PhaseOutcome)] = []
        for (id, waiter) in waiters {
            switch waiter.engine.retryQuota(waiter.request, parkedOn: waiter.key, now: waiter.clock.now()) {
            case .pending(let key):
                waiters[id]?.key = key  // a new period's counter, if the day turned meanwhile
                continue
            case .admit: decided.append((waiter, .proceed))
            case .quotaExceeded: decided.append((waiter, .fail(.quotaExceeded)))
            case .throttled: decided.append((waiter, .fail(.throttled)))
            }
            waiters[id] = nil
        }
        // Resumed after the sweep: a resumed request runs the rest of its pipeline right here.
        for (waiter, outcome) in decided { end(waiter, outcome, cancelTimer: true) }
    }

    /// The deadline of waiter `id`: one last try, then release and 429 Too Many Requests.
    private func expire(_ id: UInt64) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        switch waiter.engine.retryQuota(waiter.request, parkedOn: waiter.key, now: waiter.clock.now()) {
        case .admit: end(waiter, .proceed, cancelTimer: false)
        case .quotaExceeded: end(waiter, .fail(.quotaExceeded), cancelTimer: false)
        case .throttled: end(waiter, .fail(.throttled), cancelTimer: false)
        case .pending(let key):
            waiter.engine.release(waiter.request, parkedOn: key)
            end(waiter, .fail(.throttled), cancelTimer: false)
        }
    }

    private func end(_ waiter: Waiter, _ outcome: PhaseOutcome, cancelTimer: Bool) {
        if cancelTimer { waiter.timer?.cancel() }
        count.subtract(1, ordering: .relaxed)
        waiter.onEnd()
        waiter.resume(outcome)
    }
}
