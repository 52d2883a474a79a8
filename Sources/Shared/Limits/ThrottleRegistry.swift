import Synchronization

/// Every token bucket of this node, keyed by `LimiterKey`, behind one mutex.
///
/// `check` is all-or-nothing: under the lock it takes a token from each bucket of the chain in
/// order, and if one is empty gives the earlier ones back before returning. A rejection at any level therefore consumes no
/// token at the other levels (AWS's docs do not say what they do; not charging a request that was
/// refused is the fairer reading and keeps a hot method from draining the stage and account
/// buckets with requests it refuses anyway).
///
/// Buckets are created full on first use and reconfigured in place when the configured limit for a
/// key changes (see `TokenBucket.reconfigure`: a share move keeps the deficit, a configuration
/// change keeps the tokens, clamped). `sweep` forgets buckets that have refilled completely: a full
/// bucket is indistinguishable from a fresh one, so forgetting it changes no decision.
/// Thread-safe; callable from any event loop.
package final class ThrottleRegistry: Sendable {
    private let buckets = Mutex<[LimiterKey: TokenBucket]>([:])

    package init() {}

    /// Runs a request through `chain` (most specific first) at monotonic time `now` (ns).
    package func check(_ chain: [ThrottleCheck], now: UInt64) -> ThrottleDecision {
        buckets.withLock { buckets in
            // Optimistic: take from each level in place (one hash lookup per level, no copy of the
            // bucket out and back); on the first empty one, give back what the earlier levels gave.
            for (index, check) in chain.enumerated() {
                let taken = buckets[check.key, default: TokenBucket(limit: check.limit, configured: check.configured, now: now)]
                    .refreshedTake(check, now: now)
                guard taken else {
                    for earlier in chain[..<index] { buckets[earlier.key]?.giveBack() }
                    return .throttled(check.key)
                }
            }
            return .admitted
        }
    }

    /// Returns one token to each bucket of `keys` (a request admitted here was refused later, e.g.
    /// by its quota).
    package func giveBack(_ keys: [LimiterKey]) {
        buckets.withLock { buckets in
            for key in keys { buckets[key]?.giveBack() }
        }
    }

    /// Forgets buckets that are full at `now`; returns how many remain.
    @discardableResult
    package func sweep(now: UInt64) -> Int {
        buckets.withLock { buckets in
            buckets = buckets.filter { !$0.value.isFull(now: now) }
            return buckets.count
        }
    }

    /// Tokens `key` holds at `now` after refill, or nil when it has no bucket (i.e. it is full).
    package func tokens(for key: LimiterKey, now: UInt64) -> Double? {
        buckets.withLock { buckets in
            guard var bucket = buckets[key] else { return nil }
            bucket.refill(now: now)
            buckets[key] = bucket
            return bucket.tokens
        }
    }

    /// Number of buckets currently held.
    package var count: Int { buckets.withLock { $0.count } }
}
