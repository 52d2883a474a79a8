/// The one heap timer of a connection shell, moved lazily.
///
/// A shell keeps one timer no later than the deadline its state machine wants. Moving the
/// deadline later touches nothing: the timer fires early and the owner re-arms it for the
/// deadline then in force. A keep-alive exchange therefore costs no heap insert or cancel per
/// request (one insert and cancel of a closure per request was about 5 % of a proxying node's
/// user time, docs/performance.md). Value type, confined to its owner's loop.
struct ConnectionTimer {
    /// The heap entry and when it fires, if one is scheduled.
    private var scheduled: (id: UInt64, at: UInt64)?

    /// Makes sure a heap timer fires no later than `at` (monotonic nanoseconds) and then calls
    /// `owner.connectionTimerFired()` on `loop`. One already due no later is kept; a later one is
    /// cancelled and replaced.
    mutating func arm<Owner: ConnectionTimerOwner>(at: UInt64, on loop: EventLoop, for owner: Owner) {
        if let scheduled {
            if scheduled.at <= at { return }
            loop.cancelTimer(id: scheduled.id)
        }
        // A strong capture: the owner cancels the entry when it closes, which releases the
        // closure; a weak reference would give every connection a side table (slower
        // retain/release on the hot path).
        let id = loop.scheduleLocal(at: at) { [owner] in owner.connectionTimerFired() }
        scheduled = (id, at)
    }

    /// Records that the heap timer fired: none is scheduled any more.
    mutating func fired() {
        scheduled = nil
    }

    /// Cancels the scheduled timer, if any (the owner is closing).
    mutating func cancel(on loop: EventLoop) {
        if let scheduled { loop.cancelTimer(id: scheduled.id) }
        scheduled = nil
    }
}

/// A connection shell that owns a `ConnectionTimer`; called on its loop when the timer fires.
protocol ConnectionTimerOwner: AnyObject {
    func connectionTimerFired()
}
