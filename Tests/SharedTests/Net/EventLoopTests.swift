import Synchronization
import Testing
@testable import Shared

@Suite("EventLoop")
struct EventLoopTests {
    @Test func executeFromAnotherThreadRunsOnTheLoop() async {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let loop = group.next()
        #expect(!loop.inEventLoop)
        let ranOnLoop = await withCheckedContinuation { continuation in
            loop.execute { continuation.resume(returning: loop.inEventLoop) }
        }
        #expect(ranOnLoop)
    }

    @Test func tasksFromOneThreadRunInOrder() async {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let loop = group.next()
        let seen = Mutex<[Int]>([])
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            for i in 0..<100 {
                loop.execute {
                    seen.withLock { $0.append(i) }
                    if i == 99 { continuation.resume() }
                }
            }
        }
        let values = seen.withLock { $0 }
        #expect(values == Array(0..<100))
    }

    @Test func scheduledTasksRunInDeadlineOrderAfterTheirDelay() async {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let loop = group.next()
        let order = Mutex<[Int]>([])
        let start = Syscall.monotonicNanos()
        let elapsed = await withCheckedContinuation { (continuation: CheckedContinuation<UInt64, Never>) in
            _ = loop.schedule(after: .milliseconds(40)) {
                order.withLock { $0.append(40) }
                continuation.resume(returning: Syscall.monotonicNanos() - start)
            }
            _ = loop.schedule(after: .milliseconds(10)) { order.withLock { $0.append(10) } }
            _ = loop.schedule(after: .milliseconds(20)) { order.withLock { $0.append(20) } }
        }
        let fired = order.withLock { $0 }
        #expect(fired == [10, 20, 40])
        #expect(elapsed >= 40_000_000)
    }

    @Test func cancelledTaskDoesNotRun() async {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let loop = group.next()
        let ran = Atomic<Bool>(false)
        let task = loop.schedule(after: .milliseconds(10)) { ran.store(true, ordering: .relaxed) }
        task.cancel()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            _ = loop.schedule(after: .milliseconds(30)) { continuation.resume() }
        }
        let didRun = ran.load(ordering: .relaxed)
        #expect(!didRun)
    }

    @Test func groupHandsOutLoopsRoundRobin() {
        let group = EventLoopGroup(threads: 3)
        defer { group.shutdown() }
        let picked = (0..<6).map { _ in ObjectIdentifier(group.next()) }
        #expect(Set(picked).count == 3)
        #expect(picked[0] == picked[3])
        #expect(group.loops.count == 3)
    }
}
