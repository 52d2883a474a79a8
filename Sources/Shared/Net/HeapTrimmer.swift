import CTollgateShim

/// Hands freed body memory back to the kernel, so a node's RSS falls back near its baseline after
/// a burst of large bodies.
///
/// glibc keeps freed heap memory for reuse: after 150 slow readers of 10 MiB responses closed, a
/// node still held 0.5 GB. Its dynamic mmap threshold is why: once a 10 MiB block is freed, later
/// blocks that size come from the heap, whose free pages stay mapped. `malloc_trim(0)` returns the
/// free pages of every arena. It walks the heaps, so it is called at most once per tick (`run`
/// ticks once a second, on a task off the event loops) and only after the body memory budget fell
/// by at least `threshold` bytes from its highest point since the previous tick.
package struct HeapTrimmer: Sendable {
    /// Bytes that must have been freed since the peak before a trim is worth its walk: 16 MiB.
    package static let defaultThreshold = 16 * 1024 * 1024

    package let budget: BodyMemoryBudget
    package let threshold: Int
    private let trim: @Sendable () -> Void

    /// `trim` defaults to glibc's `malloc_trim(0)`; tests inject a counter.
    package init(budget: BodyMemoryBudget, threshold: Int = HeapTrimmer.defaultThreshold,
                 trim: @escaping @Sendable () -> Void = HeapTrimmer.mallocTrim) {
        self.budget = budget
        self.threshold = max(1, threshold)
        self.trim = trim
    }

    /// Trims when enough body memory was freed since the last tick's peak; returns whether it did.
    @discardableResult
    package func tick() -> Bool {
        guard budget.takeFreedSincePeak() >= threshold else { return false }
        trim()
        return true
    }

    /// Ticks every `interval` until the task is cancelled.
    package func run(every interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            tick()
        }
    }

    /// Blocks at least this large (256 KiB) get their own mapping: large bodies.
    package static let largeBlockBytes: Int32 = 256 * 1024

    /// Makes glibc map every block of `largeBlockBytes` or more on its own (`M_MMAP_THRESHOLD`), so
    /// a freed body goes straight back to the kernel instead of staying in a heap arena. By default
    /// glibc raises that threshold to the size of the largest block freed (up to 32 MiB): after
    /// the first 10 MiB body, all later ones came from the heap, fragmented it, and a node under
    /// 150 slow readers peaked at 0.9 GB for a 512 MiB budget. Process-wide; call once at start.
    /// Small allocations (every request that is not a large body) are unaffected.
    package static func mapLargeBlocksSeparately() {
        _ = tollgate_set_mmap_threshold(largeBlockBytes)
    }

    /// glibc's `malloc_trim(0)`: every arena's free pages go back to the kernel.
    @Sendable package static func mallocTrim() {
        _ = tollgate_malloc_trim(0)
    }
}
