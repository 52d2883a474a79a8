import Synchronization

/// A fixed set of event loops, one thread each; `next()` hands them out round-robin.
///
/// The default size is the number of online cores. `shutdown()` stops and joins every loop; it
/// must be called from outside the loops, after servers and clients using them have shut down.
package final class EventLoopGroup: Sendable {
    package let loops: [EventLoop]
    private let counter = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    /// The number of online CPU cores (at least 1).
    package static var onlineCores: Int { Syscall.onlineCores() }

    /// Starts `threads` loops (at least one). Traps if the kernel refuses epoll/eventfd descriptors.
    package init(threads: Int = EventLoopGroup.onlineCores) {
        Syscall.ignoreSIGPIPE()
        var loops: [EventLoop] = []
        for index in 0..<max(1, threads) {
            do {
                loops.append(try EventLoop(name: "tollgate-loop-\(index)"))
            } catch {
                fatalError("cannot start event loop: \(error)")
            }
        }
        self.loops = loops
    }

    /// The next loop in round-robin order. Any thread.
    package func next() -> EventLoop {
        loops[counter.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
    }

    /// The loop whose thread is calling, if any.
    package var currentLoop: EventLoop? {
        loops.first { $0.inEventLoop }
    }

    /// Stops every loop and waits for their threads to exit. Idempotent. Not from a loop thread.
    package func shutdown() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for loop in loops { loop.requestStop() }
        for loop in loops { loop.join() }
    }
}
