import Testing
@testable import Shared

@Suite("TimerHeap")
struct TimerHeapTests {
    @Test func popsDueTasksInDeadlineOrder() {
        var heap = TimerHeap()
        var fired: [Int] = []
        for (id, deadline) in [(1, 50), (2, 10), (3, 30), (4, 20), (5, 40)] {
            heap.insert(id: UInt64(id), deadline: UInt64(deadline)) { fired.append(deadline) }
        }
        let earliest = heap.nextDeadline()
        #expect(earliest == 10)
        while let task = heap.popDue(now: 35) { task() }
        #expect(fired == [10, 20, 30])
        let next = heap.nextDeadline()
        #expect(next == 40)
    }

    @Test func cancelledTimersAreSkipped() {
        var heap = TimerHeap()
        var fired: [UInt64] = []
        heap.insert(id: 1, deadline: 10) { fired.append(1) }
        heap.insert(id: 2, deadline: 20) { fired.append(2) }
        let first = heap.cancel(id: 1)
        let second = heap.cancel(id: 1)
        #expect(first)
        #expect(!second)
        let next = heap.nextDeadline()
        #expect(next == 20)
        while let task = heap.popDue(now: 100) { task() }
        #expect(fired == [2])
        #expect(heap.isEmpty)
    }
}
