import Synchronization

/// Runs `action` once, when `arrive()` has been called `count` times (from any threads).
final class CountdownLatch: Sendable {
    private let remaining: Atomic<Int>
    private let action: @Sendable () -> Void

    init(count: Int, action: @escaping @Sendable () -> Void) {
        remaining = Atomic(count)
        self.action = action
        if count == 0 { action() }
    }

    func arrive() {
        if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { action() }
    }
}
