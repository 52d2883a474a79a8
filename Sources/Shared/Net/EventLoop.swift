#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// One epoll loop on its own thread: descriptor readiness, timers and tasks.
///
/// Everything registered with a loop (listeners, server and client connections) runs on its
/// thread and needs no locks. Other threads reach the loop through `execute` and `schedule`,
/// which queue a task under a mutex and wake the loop with an eventfd write. Timers live in a
/// heap; `epoll_wait`'s timeout is the time to the earliest deadline (millisecond resolution).
package final class EventLoop: @unchecked Sendable {
    // MARK: State shared with other threads
    private let inbox = Mutex<[@Sendable () -> Void]>([])
    private let wakePending = Atomic<Bool>(false)
    private let stopRequested = Atomic<Bool>(false)
    private let nextTimerID = Atomic<UInt64>(1)
    /// Nanoseconds the loop spent handling events, timers and tasks (not waiting in `epoll_wait`).
    /// Written by the loop thread once per iteration, read by scrapes.
    private let busy = Atomic<UInt64>(0)
    private let wakeFD: Int32
    /// Set by the loop thread before `init` returns; read-only afterwards.
    private var thread: pthread_t = pthread_t()
    /// A short name for logs and thread names (`tollgate-loop-0`).
    package let name: String

    // MARK: Loop-thread state
    private let epoll: Epoll
    private var descriptors: [(any EventLoopDescriptor)?] = []
    private var generations: [UInt32] = []
    private var localTasks: [() -> Void] = []
    private var runningTasks: [() -> Void] = []
    private var timers = TimerHeap()
    /// Monotonic nanoseconds, refreshed each time the loop wakes. Loop thread only.
    private(set) var now: UInt64 = Syscall.monotonicNanos()
    /// The receive buffer shared by every connection on this loop.
    let readBuffer = ReadBuffer()
    /// Per-loop state other components attach (client pools), keyed by owner identity.
    var attachments: [ObjectIdentifier: AnyObject] = [:]

    private static let wakeToken = UInt64.max

    /// Starts a loop thread. Fails only if the kernel refuses an epoll or eventfd descriptor.
    package init(name: String) throws(SyscallError) {
        self.name = name
        epoll = try Epoll()
        wakeFD = try Syscall.eventFD()
        try epoll.add(wakeFD, interest: Epoll.Flags.readable, token: Self.wakeToken)
        let started = DispatchSemaphore(value: 0)
        _ = Syscall.spawnThread(name: name) { [self] in
            thread = Syscall.currentThread()
            started.signal()
            run()
        }
        started.wait()
    }

    deinit {
        Syscall.close(wakeFD)
    }

    /// True when called on this loop's thread.
    package var inEventLoop: Bool { Syscall.isCurrentThread(thread) }

    // MARK: - Tasks

    /// Runs `task` on the loop thread soon. Callable from any thread; tasks run in FIFO order
    /// per calling thread. Tasks submitted after the loop stopped are dropped.
    package func execute(_ task: @escaping @Sendable () -> Void) {
        if inEventLoop {
            localTasks.append(task)
            return
        }
        inbox.withLock { $0.append(task) }
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) {
            Syscall.signalEventFD(wakeFD)
        }
    }

    /// Runs a loop-confined closure later in this loop iteration. Loop thread only.
    func executeLocal(_ task: @escaping () -> Void) {
        precondition(inEventLoop, "executeLocal off the loop thread")
        localTasks.append(task)
    }

    // MARK: - Timers

    /// Runs `task` on the loop after `delay`. Callable from any thread; cancel with the result.
    package func schedule(after delay: Duration, _ task: @escaping @Sendable () -> Void) -> ScheduledTask {
        let id = nextTimerID.wrappingAdd(1, ordering: .relaxed).oldValue
        let handle = ScheduledTask(loop: self, id: id)
        if inEventLoop {
            timers.insert(id: id, deadline: now &+ delay.nanoseconds, task: task)
        } else {
            let requested = Syscall.monotonicNanos()
            execute { [self] in timers.insert(id: id, deadline: requested &+ delay.nanoseconds, task: task) }
        }
        return handle
    }

    /// Schedules a loop-confined closure at an absolute monotonic deadline. Loop thread only.
    func scheduleLocal(at deadline: UInt64, _ task: @escaping () -> Void) -> UInt64 {
        precondition(inEventLoop, "scheduleLocal off the loop thread")
        let id = nextTimerID.wrappingAdd(1, ordering: .relaxed).oldValue
        timers.insert(id: id, deadline: deadline, task: task)
        return id
    }

    /// Cancels a timer by id; a no-op if it already ran. Hops to the loop when needed.
    func cancelTimer(id: UInt64) {
        if inEventLoop {
            timers.cancel(id: id)
        } else {
            execute { [self] in timers.cancel(id: id) }
        }
    }

    // MARK: - Descriptors

    /// Registers `fd` for `interest` (`Epoll.Flags`); events go to `handler`. Loop thread only.
    func register(_ fd: Int32, interest: UInt32, handler: any EventLoopDescriptor) throws(SyscallError) {
        precondition(inEventLoop, "register off the loop thread")
        let index = Int(fd)
        if index >= descriptors.count {
            let newCount = max(index + 1, descriptors.count * 2, 64)
            descriptors.append(contentsOf: repeatElement(nil, count: newCount - descriptors.count))
            generations.append(contentsOf: repeatElement(0, count: newCount - generations.count))
        }
        generations[index] &+= 1
        descriptors[index] = handler
        do {
            try epoll.add(fd, interest: interest, token: token(fd))
        } catch {
            descriptors[index] = nil
            throw error
        }
    }

    /// Changes the interest set of a registered descriptor. Loop thread only.
    func updateInterest(_ fd: Int32, interest: UInt32) throws(SyscallError) {
        try epoll.modify(fd, interest: interest, token: token(fd))
    }

    /// Removes `fd` from the loop (call before closing it). Loop thread only.
    func deregister(_ fd: Int32) {
        let index = Int(fd)
        guard index < descriptors.count, descriptors[index] != nil else { return }
        epoll.remove(fd)
        descriptors[index] = nil
        generations[index] &+= 1
    }

    private func token(_ fd: Int32) -> UInt64 {
        UInt64(generations[Int(fd)]) << 32 | UInt64(UInt32(bitPattern: fd))
    }

    // MARK: - Running

    /// Asks the loop to stop; pending descriptors get `loopStopping`. Returns immediately.
    func requestStop() {
        stopRequested.store(true, ordering: .releasing)
        Syscall.signalEventFD(wakeFD)
    }

    /// Time this loop has spent working since it started (any thread; `tollgate_event_loop_busy_seconds_total`).
    package var busyNanoseconds: UInt64 { busy.load(ordering: .relaxed) }

    /// Blocks until the loop thread has exited. Not callable from the loop itself.
    func join() {
        precondition(!inEventLoop, "a loop cannot join itself")
        Syscall.join(thread)
    }

    private func run() {
        var finished = Syscall.monotonicNanos()
        while !stopRequested.load(ordering: .acquiring) {
            let ready: Int
            do {
                ready = try epoll.wait(timeoutMillis: waitTimeout(current: finished))
            } catch {
                fatalError("epoll_wait failed: \(error)")
            }
            now = Syscall.monotonicNanos()
            for index in 0..<ready {
                let (flags, token) = epoll.event(at: index)
                if token == Self.wakeToken {
                    Syscall.drainEventFD(wakeFD)
                    continue
                }
                let fd = Int(UInt32(truncatingIfNeeded: token))
                guard fd < descriptors.count, UInt32(token >> 32) == generations[fd],
                      let handler = descriptors[fd] else { continue }
                handler.descriptorReady(flags)
            }
            runTimers()
            runTasks()
            // One clock read per iteration (not per event), which the next wait's timeout reuses:
            // the busy share of the loop thread.
            finished = Syscall.monotonicNanos()
            busy.wrappingAdd(finished &- now, ordering: .relaxed)
        }
        shutDownDescriptors()
    }

    /// `epoll_wait`'s timeout in milliseconds, `current` the clock when the iteration finished.
    private func waitTimeout(current: UInt64) -> Int32 {
        if !localTasks.isEmpty { return 0 }
        guard let deadline = timers.nextDeadline() else { return -1 }
        guard deadline > current else { return 0 }
        let millis = (deadline - current + 999_999) / 1_000_000
        return Int32(min(millis, 60_000))
    }

    private func runTimers() {
        var fired = 0
        while fired < 1024, let task = timers.popDue(now: now) {
            task()
            fired += 1
        }
    }

    private func runTasks() {
        if wakePending.load(ordering: .acquiring) {
            wakePending.store(false, ordering: .releasing)
            let remote = inbox.withLock { tasks -> [@Sendable () -> Void] in
                let taken = tasks
                tasks.removeAll(keepingCapacity: true)
                return taken
            }
            for task in remote { task() }
        }
        // Tasks queued by these tasks run on the next iteration (epoll_wait will not block).
        swap(&localTasks, &runningTasks)
        for task in runningTasks { task() }
        runningTasks.removeAll(keepingCapacity: true)
    }

    private func shutDownDescriptors() {
        runTasks()
        for handler in descriptors.compactMap({ $0 }) { handler.loopStopping() }
        descriptors.removeAll()
        timers.removeAll()
        localTasks.removeAll()
        inbox.withLock { $0.removeAll() }
    }
}
