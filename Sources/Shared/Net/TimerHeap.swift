/// A min-heap of timer deadlines with O(1) cancellation, owned by one event loop.
///
/// Deadlines are monotonic nanoseconds (`Syscall.monotonicNanos`). Cancelling removes the task
/// from a table; its heap entry is skipped when it surfaces. Not thread-safe: loop thread only.
struct TimerHeap {
    private var heap: [(deadline: UInt64, id: UInt64)] = []
    private var tasks: [UInt64: () -> Void] = [:]

    var isEmpty: Bool { tasks.isEmpty }
    var count: Int { tasks.count }

    /// The earliest live deadline, discarding cancelled entries on the way.
    mutating func nextDeadline() -> UInt64? {
        while let first = heap.first {
            if tasks[first.id] != nil { return first.deadline }
            popFirst()
        }
        return nil
    }

    mutating func insert(id: UInt64, deadline: UInt64, task: @escaping () -> Void) {
        tasks[id] = task
        heap.append((deadline, id))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if heap[parent].deadline <= heap[child].deadline { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    /// Removes a pending task; returns false if it already ran or was cancelled.
    @discardableResult
    mutating func cancel(id: UInt64) -> Bool {
        tasks.removeValue(forKey: id) != nil
    }

    /// Removes and returns the next task due at or before `now`, if any.
    mutating func popDue(now: UInt64) -> (() -> Void)? {
        while let first = heap.first, first.deadline <= now {
            popFirst()
            if let task = tasks.removeValue(forKey: first.id) { return task }
        }
        return nil
    }

    /// Drops every task (the loop is stopping).
    mutating func removeAll() {
        heap.removeAll()
        tasks.removeAll()
    }

    private mutating func popFirst() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
