/// A token bucket driven by an injected monotonic clock (nanoseconds).
///
/// Contract: the bucket starts full; every admitted request takes one token; tokens refill at
/// `limit.rate` per second up to `limit.burst`. Time that runs backwards is ignored (no refill, no
/// debit). Changing the configured limit keeps the tokens the bucket holds, clamped to the new
/// capacity, so a configuration change or rollback never hands out a fresh burst. A node's *share*
/// of an unchanged configured limit moving is different: the bucket keeps its deficit (capacity −
/// tokens), growing or shrinking, so the capacity a shrinking node gives up arrives as tokens at
/// the node that grows and the cluster's total deficit is unchanged by share moves (Σ shares of
/// the burst = the burst, so the cluster never holds more). Not thread-safe on its own:
/// `ThrottleTable` holds buckets, guarded by `LimitsEngine`'s mutex.
package struct TokenBucket: Sendable, Equatable {
    package private(set) var limit: ThrottleLimit
    /// The cluster-wide limit `limit` is this node's share of (equal to `limit` on a lone node).
    package private(set) var configured: ThrottleLimit
    /// Tokens currently held, as of `lastRefillNanos`; fractional between refills.
    package private(set) var tokens: Double
    package private(set) var lastRefillNanos: UInt64

    /// A full bucket at `now`.
    package init(limit: ThrottleLimit, configured: ThrottleLimit? = nil, now: UInt64) {
        self.limit = limit
        self.configured = configured ?? limit
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

    /// Switches to `newLimit`, a share of `newConfigured` (nil: `newLimit` itself): refills under the
    /// old rate up to `now`; then, when the configured limit is unchanged (only the share moved),
    /// shifts the tokens by the change in capacity, so the deficit (capacity − tokens) is kept and
    /// the tokens may go below zero (a debt the bucket refills before it admits again; it is at most
    /// the configured burst, since a take needs a whole token); otherwise keeps the tokens held.
    /// Either way the tokens are then clamped to the new capacity.
    package mutating func reconfigure(_ newLimit: ThrottleLimit, configured newConfigured: ThrottleLimit? = nil, now: UInt64) {
        let newConfigured = newConfigured ?? newLimit
        guard newLimit != limit || newConfigured != configured else { return }
        refill(now: now)
        if newConfigured == configured {
            // A share move: keep the deficit both ways. Clamping on the way down instead would mint
            // tokens whenever the burst apportionment wobbles by one unit between two empty buckets
            // (measured: +12.6 % over rate×time+burst for an even 3-node split).
            tokens += Double(newLimit.burst - limit.burst)
        }
        limit = newLimit
        configured = newConfigured
        tokens = min(tokens, Double(newLimit.burst))
    }

    /// `reconfigure` to `check`'s limits, then `canTake` at `now`: whether a request could take a token.
    package mutating func refreshed(_ check: ThrottleCheck, now: UInt64) -> Bool {
        if check.limit != limit || check.configured != configured {
            reconfigure(check.limit, configured: check.configured, now: now)
        }
        return canTake(now: now)
    }

    /// `reconfigure` to `check`'s limits, then `take` at `now`: whether the request took a token.
    package mutating func refreshedTake(_ check: ThrottleCheck, now: UInt64) -> Bool {
        refreshedTake(limit: check.limit, configured: check.configured, now: now)
    }

    /// `reconfigure` to `newLimit`, a share of `newConfigured`, then `take` at `now`.
    package mutating func refreshedTake(limit newLimit: ThrottleLimit, configured newConfigured: ThrottleLimit, now: UInt64) -> Bool {
        if newLimit != limit || newConfigured != configured {
            reconfigure(newLimit, configured: newConfigured, now: now)
        }
        return take(now: now)
    }

    /// True when the bucket would be full at `now`; a full bucket behaves exactly like a new one,
    /// so `ThrottleTable` may forget it.
    package func isFull(now: UInt64) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= Double(limit.burst)
    }
}
