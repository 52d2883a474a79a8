/// A message body collected as its bytes arrive, its memory counted against a `BodyMemoryBudget`.
///
/// Grows geometrically from what has actually arrived — never from a declared `Content-Length`,
/// which a client can set to 10 MiB and then never send — so a connection that announces a large
/// body and trickles it holds about twice what it sent, not what it announced. Each growth step
/// doubles the capacity (at least `minimumCapacity`), capped at `maxBytes` (the parser's body
/// limit, so the last step never overshoots it), and is reserved from the budget before the buffer
/// grows; the budget counts capacity, which is what the allocator hands out.
///
/// The owner must call `release()` (or `take()`, then release the returned reservation later) on
/// every path that drops the body: a reservation that is never given back shrinks the node's
/// budget for good. Value type, confined to its connection's loop.
package struct BodyAccumulator {
    /// The smallest allocation. A body that arrives in one read (most do) gets exactly its size
    /// (at least this), so a small proxied response costs one small allocation.
    package static let minimumCapacity = 1024

    package private(set) var bytes: [UInt8] = []
    /// Bytes counted against `budget` for `bytes`' storage.
    package private(set) var reserved = 0
    private let budget: BodyMemoryBudget?
    private let maxBytes: Int

    package init(budget: BodyMemoryBudget?, maxBytes: Int) {
        self.budget = budget
        self.maxBytes = max(maxBytes, 0)
    }

    /// Appends `chunk`, growing the buffer first when needed. False when the budget has no room
    /// for the growth: nothing is appended and the body so far stays (and stays counted).
    package mutating func append(_ chunk: ArraySlice<UInt8>) -> Bool {
        guard !chunk.isEmpty else { return true }
        let needed = bytes.count + chunk.count
        if needed > bytes.capacity {
            guard grow(toHold: needed) else { return false }
        }
        bytes.append(contentsOf: chunk)
        return true
    }

    private mutating func grow(toHold needed: Int) -> Bool {
        let doubled = max(bytes.capacity * 2, Self.minimumCapacity)
        let target = max(needed, min(doubled, maxBytes))
        guard budget?.tryReserve(target - reserved) ?? true else { return false }
        reserved = target
        bytes.reserveCapacity(target)
        // The allocator may round up; count what was really handed out.
        let actual = bytes.capacity
        if actual > reserved {
            budget?.reserveUnchecked(actual - reserved)
            reserved = actual
        }
        return true
    }

    /// Hands the body over, with the reservation that now belongs to the caller.
    package mutating func take() -> (bytes: [UInt8], reserved: Int) {
        defer {
            bytes = []
            reserved = 0
        }
        return (bytes, reserved)
    }

    /// Hands the body over and gives its reservation back: the bytes leave this owner's accounting
    /// (a server that queues them counts them again).
    package mutating func takeReleasingReservation() -> [UInt8] {
        let body = bytes
        release()
        return body
    }

    /// Drops the body and gives its reservation back. Idempotent.
    package mutating func release() {
        budget?.release(reserved)
        reserved = 0
        bytes = []
    }
}
