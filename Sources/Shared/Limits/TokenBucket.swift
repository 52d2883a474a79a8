/// A token bucket driven by an injected monotonic clock (nanoseconds).
///
/// Contract: the bucket starts full; every admitted request takes one token; tokens refill at
/// `limit.rate` per second up to `limit.burst`. Time that runs backwards is ignored (no refill, no
/// debit). Changing the limit keeps the tokens the bucket holds, clamped to the new capacity, so a
/// configuration change or rollback never hands out a fresh burst. Not thread-safe on its own:
/// `ThrottleRegistry` guards buckets with a mutex.
package struct TokenBucket: Sendable, Equatable {
    package private(set) var limit: ThrottleLimit
    /// Tokens currently held, as of `lastRefillNanos`; fractional between refills.
    package private(set) var tokens: Double
    package private(set) var lastRefillNanos: UInt64

    /// A full bucket at `now`.
    package init(limit: ThrottleLimit, now: UInt64) {
        self.limit = limit
        self.tokens = Double(limit.burst)
        self.lastRefillNanos = now
    }

    /// Adds the tokens earned since the last refill, capped at the burst.
    package mutating func refill(now: UInt64) {
        guard now > lastRefillNanos else { return }
        let elapsedSeconds = Double(now - lastRefillNanos) / 1_000_000_000
        let capacity = Double(limit.burst)
        if tokens < capacity {
            tokens = min(capacity, tokens + limit.rate * elapsedSeconds)
        } else {
            tokens = capacity
        }
        lastRefillNanos = now
    }

    /// Whether a request could take a token at `now` (refills first, takes nothing).
    package mutating func canTake(now: UInt64) -> Bool {
        refill(now: now)
        return tokens >= 1
    }

    /// Takes one token if the bucket holds one; returns whether the request is admitted.
    @discardableResult
    package mutating func take(now: UInt64) -> Bool {
        guard canTake(now: now) else { return false }
        tokens -= 1
        return true
    }

    /// Gives back one token taken by a request that a later check rejected (capped at the burst).
    package mutating func giveBack() {
        tokens = min(Double(limit.burst), tokens + 1)
    }

    /// Switches to `newLimit`: refills under the old rate up to `now`, then keeps the tokens held,
    /// clamped to the new capacity.
    package mutating func reconfigure(_ newLimit: ThrottleLimit, now: UInt64) {
        guard newLimit != limit else { return }
        refill(now: now)
        limit = newLimit
        tokens = min(tokens, Double(newLimit.burst))
    }

    /// `reconfigure` to `limit`, then `canTake` at `now`: whether a request could take a token.
    package mutating func refreshed(_ limit: ThrottleLimit, now: UInt64) -> Bool {
        reconfigure(limit, now: now)
        return canTake(now: now)
    }

    /// True when the bucket would be full at `now`; a full bucket behaves exactly like a new one,
    /// so the registry may forget it.
    package func isFull(now: UInt64) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= Double(limit.burst)
    }
}
