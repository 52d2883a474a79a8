import Synchronization

/// A way for any thread to wake one thread blocked in `UDPSocket.waitReadable(orWoken:timeout:)`:
/// an eventfd underneath. `signal` is cheap and never blocks; signals coalesce until `drain`.
/// `close` is idempotent.
package final class WakeSignal: Sendable {
    private let descriptor: Atomic<Int32>

    package init() throws(SyscallError) {
        descriptor = Atomic(try Syscall.eventFD())
    }

    deinit { close() }

    /// Wakes the waiter (or the next wait, if none is waiting now).
    package func signal() {
        let fd = descriptor.load(ordering: .acquiring)
        if fd >= 0 { Syscall.signalEventFD(fd) }
    }

    /// Clears pending signals (the waiter calls this after waking).
    package func drain() {
        let fd = descriptor.load(ordering: .acquiring)
        if fd >= 0 { Syscall.drainEventFD(fd) }
    }

    /// The eventfd, for `UDPSocket`'s wait (-1 once closed).
    var fileDescriptor: Int32 { descriptor.load(ordering: .acquiring) }

    /// Closes the eventfd (once).
    package func close() {
        let fd = descriptor.exchange(-1, ordering: .acquiringAndReleasing)
        if fd >= 0 { Syscall.close(fd) }
    }
}
