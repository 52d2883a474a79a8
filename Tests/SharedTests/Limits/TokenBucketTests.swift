import Testing
@testable import Shared

@Suite struct TokenBucketTests {
    private let second: UInt64 = 1_000_000_000

    @Test func startsFullAndAdmitsExactlyTheBurst() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 10, burst: 5), now: 0)
        let admitted = (0..<8).filter { _ in bucket.take(now: 0) }.count
        #expect(admitted == 5)
    }

    @Test func refillsAtTheConfiguredRate() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 10, burst: 5), now: 0)
        for _ in 0..<5 { bucket.take(now: 0) }
        let took1 = bucket.take(now: 0)
        #expect(!took1)
        // 10 tokens/s: after 250 ms there are 2.5 tokens, so exactly two requests pass.
        let now = second / 4
        let took2 = bucket.take(now: now)
        #expect(took2)
        let took3 = bucket.take(now: now)
        #expect(took3)
        let took4 = bucket.take(now: now)
        #expect(!took4)
    }

    @Test func refillIsCappedAtTheBurst() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 100, burst: 3), now: 0)
        bucket.take(now: 0)
        bucket.refill(now: 60 * second)
        #expect(bucket.tokens == 3)
        let admitted = (0..<10).filter { _ in bucket.take(now: 60 * second) }.count
        #expect(admitted == 3)
    }

    @Test func fractionalRatesAccumulateAcrossRefills() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 0.5, burst: 1), now: 0)
        let took5 = bucket.take(now: 0)
        #expect(took5)
        let took6 = bucket.take(now: second)          // 0.5 token
        #expect(!took6)
        let took7 = bucket.take(now: second + second / 2) // 0.75 token
        #expect(!took7)
        let took8 = bucket.take(now: 2 * second)       // 1.0 token
        #expect(took8)
        let took9 = bucket.take(now: 2 * second)
        #expect(!took9)
    }

    @Test func steadyRateOverTenSecondsAdmitsRateTimesTimePlusBurst() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 100, burst: 100), now: 0)
        var admitted = 0
        // 300 requests/s for 10 s, one every 1/300 s.
        for index in 0..<3_000 {
            if bucket.take(now: UInt64(index) * second / 300) { admitted += 1 }
        }
        #expect(abs(admitted - 1_100) <= 1)
    }

    @Test(arguments: [ThrottleLimit(rate: 0, burst: 0), ThrottleLimit(rate: 1_000, burst: 0)])
    func zeroBurstRejectsEverything(limit: ThrottleLimit) {
        var bucket = TokenBucket(limit: limit, now: 0)
        let admitted = (0..<100).filter { index in bucket.take(now: UInt64(index) * second) }.count
        #expect(admitted == 0)
        #expect(limit.rejectsEverything)
    }

    @Test func zeroRateAdmitsTheBurstOnlyOnce() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 0, burst: 2), now: 0)
        let took10 = bucket.take(now: 0)
        #expect(took10)
        let took11 = bucket.take(now: second)
        #expect(took11)
        let took12 = bucket.take(now: 3_600 * second)
        #expect(!took12)
    }

    @Test func reconfigureKeepsTokensClampedToTheNewBurst() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 10, burst: 10), now: 0)
        for _ in 0..<4 { bucket.take(now: 0) }
        bucket.reconfigure(ThrottleLimit(rate: 10, burst: 20), now: 0)
        #expect(bucket.tokens == 6) // a larger burst hands out no fresh tokens
        bucket.reconfigure(ThrottleLimit(rate: 10, burst: 3), now: 0)
        #expect(bucket.tokens == 3) // a smaller one clamps
        bucket.reconfigure(ThrottleLimit(rate: 10, burst: 30), now: 0)
        #expect(bucket.tokens == 3)
    }

    @Test func aShareMoveKeepsTheDeficitBothWays() {
        let configured = ThrottleLimit(rate: 100, burst: 100)
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 33, burst: 33), configured: configured, now: 0)
        for _ in 0..<30 { bucket.take(now: 0) }
        bucket.reconfigure(ThrottleLimit(rate: 70, burst: 70), configured: configured, now: 0)
        #expect(bucket.tokens == 40) // grew by 37: the 37 tokens a shrinking peer gave up arrive here
        for _ in 0..<40 { bucket.take(now: 0) }
        bucket.reconfigure(ThrottleLimit(rate: 10, burst: 10), configured: configured, now: 0)
        #expect(bucket.tokens == -60) // an empty bucket that shrinks owes what it gave up
        let canTake = bucket.canTake(now: 0)
        #expect(!canTake)
        bucket.reconfigure(ThrottleLimit(rate: 70, burst: 70), configured: configured, now: 0)
        #expect(bucket.tokens == 0) // a wobble back and forth mints nothing
    }

    @Test func aConfigurationChangeDuringAShareStillHandsOutNoFreshBurst() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 33, burst: 33), configured: ThrottleLimit(rate: 100, burst: 100), now: 0)
        for _ in 0..<33 { bucket.take(now: 0) }
        bucket.reconfigure(ThrottleLimit(rate: 330, burst: 330), configured: ThrottleLimit(rate: 1_000, burst: 1_000), now: 0)
        #expect(bucket.tokens == 0)
    }

    @Test func reconfigureRefillsAtTheOldRateUpToNow() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 10, burst: 100), now: 0)
        for _ in 0..<100 { bucket.take(now: 0) }
        bucket.reconfigure(ThrottleLimit(rate: 1_000, burst: 100), now: second)
        #expect(bucket.tokens == 10)
    }

    @Test func backwardsTimeNeitherRefillsNorDebits() {
        var bucket = TokenBucket(limit: ThrottleLimit(rate: 10, burst: 1), now: 5 * second)
        let took13 = bucket.take(now: 5 * second)
        #expect(took13)
        let took14 = bucket.take(now: second)
        #expect(!took14)
        #expect(bucket.lastRefillNanos == 5 * second)
    }

    @Test func invalidSettingsClampToZero() {
        let limit = ThrottleLimit(rate: -.infinity, burst: -3)
        #expect(limit.rate == 0 && limit.burst == 0)
        #expect(ThrottleLimit(rate: .nan, burst: 1).rate == 0)
    }
}
