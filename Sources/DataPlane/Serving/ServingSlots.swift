import Dispatch
import Shared
import Synchronization

/// Hands each new `ServingConfiguration` to every event loop, Envoy-style: one slot per loop,
/// written only on that loop, read by that loop's requests without a lock.
///
/// Why this is safe without atomics on the hot path: a slot is a plain reference field that only
/// its loop's thread ever touches — `publish` never writes it directly but queues the write with
/// `loop.execute`, whose inbox mutex orders it (happens-before) with every later task on that loop.
/// A request reads its loop's slot once at its start and keeps the reference it got, so it finishes
/// on that configuration even if a newer one is installed meanwhile; ARC keeps the old one alive
/// until its last request is done. Publishes carry a sequence number and a slot ignores anything
/// older than what it holds, so two publishes from different threads can never leave a loop on the
/// older one. Loops differ only for the microseconds between their tasks; no loop ever sees a
/// half-built configuration because the object is complete (and immutable) before it is published.
///
/// Callers on a thread that is not one of the loops (tests, health checks) read `latest`, which is
/// behind a mutex.
package final class ServingSlots: Sendable {
    private let slots: [ObjectIdentifier: Slot]
    private let latestState = Mutex<(sequence: UInt64, configuration: ServingConfiguration?)>((0, nil))

    package init(loops: [EventLoop]) {
        var slots: [ObjectIdentifier: Slot] = [:]
        for loop in loops { slots[ObjectIdentifier(loop)] = Slot(loop: loop) }
        self.slots = slots
    }

    /// The configuration a request on `loop` should use: the loop's own slot when called on that
    /// loop's thread (lock-free), else the latest published one.
    package func current(on loop: EventLoop) -> ServingConfiguration? {
        if let slot = slots[ObjectIdentifier(loop)], loop.inEventLoop { return slot.configuration }
        return latest
    }

    /// The most recently published configuration (any thread; takes a lock).
    package var latest: ServingConfiguration? { latestState.withLock { $0.configuration } }

    /// Installs `configuration` on every loop; `completion` runs once every loop holds it (or a
    /// newer one), on the last loop to install it. Callable from any thread.
    package func publish(_ configuration: ServingConfiguration, completion: @escaping @Sendable () -> Void = {}) {
        let sequence = latestState.withLock { state -> UInt64 in
            state.sequence += 1
            state.configuration = configuration
            return state.sequence
        }
        let remaining = Countdown(slots.count, completion)
        for slot in slots.values {
            slot.loop.execute {
                slot.install(configuration, sequence: sequence)
                remaining.arrive()
            }
        }
    }

    /// `publish`, then blocks the calling thread until every loop holds it or `timeout` passes.
    /// Returns false on timeout (a loop is stuck or stopped). Never call it from an event loop.
    @discardableResult
    package func publishAndWait(_ configuration: ServingConfiguration, timeout: Duration = .seconds(10)) -> Bool {
        let done = DispatchSemaphore(value: 0)
        publish(configuration) { done.signal() }
        return done.wait(timeout: .now() + .nanoseconds(Int(timeout.nanoseconds))) == .success
    }
}

/// One loop's slot. Its fields are loop-confined (see `ServingSlots`).
private final class Slot: @unchecked Sendable {
    let loop: EventLoop
    // Safe: read and written only on `loop`'s thread — writes arrive through `loop.execute`, reads
    // happen in `ServingSlots.current(on:)` after checking `loop.inEventLoop`.
    private(set) var configuration: ServingConfiguration?
    private var sequence: UInt64 = 0

    init(loop: EventLoop) {
        self.loop = loop
    }

    /// Replaces the configuration unless a newer publish already reached this loop. Loop thread only.
    func install(_ configuration: ServingConfiguration, sequence: UInt64) {
        guard sequence > self.sequence else { return }
        self.sequence = sequence
        self.configuration = configuration
    }
}

/// Calls `action` when `arrive()` has been called `count` times (any threads).
private final class Countdown: Sendable {
    private let remaining: Atomic<Int>
    private let action: @Sendable () -> Void

    init(_ count: Int, _ action: @escaping @Sendable () -> Void) {
        remaining = Atomic(count)
        self.action = action
        if count == 0 { action() }
    }

    func arrive() {
        if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { action() }
    }
}
