/// The stable identity of one quota counter: plan, API key, period kind and period start.
///
/// `period == .day` keys also serve GetUsage's per-day counts; a WEEK or MONTH plan keeps one
/// enforcement counter per period plus one reporting counter per day.
///
/// Like `LimiterKey`, a key digests its fields once at construction and hashes as that digest
/// (equality still compares the fields): a request's counter is looked up several times.
package struct QuotaCounterKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let planId: String
    package let keyId: String
    package let period: QuotaPeriod
    /// UTC epoch seconds of the period's start.
    package let periodStart: Int64
    private let digest: UInt64

    package init(planId: String, keyId: String, period: QuotaPeriod, periodStart: Int64) {
        self.planId = planId
        self.keyId = keyId
        self.period = period
        self.periodStart = periodStart
        var hash = FNV1a64()
        hash.add(field: planId)
        hash.add(field: keyId)
        hash.add(byte: period.rawValue)
        for shift in stride(from: 0, to: 64, by: 8) { hash.add(byte: UInt8(truncatingIfNeeded: periodStart >> Int64(shift))) }
        digest = hash.value
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    package static func == (lhs: QuotaCounterKey, rhs: QuotaCounterKey) -> Bool {
        lhs.digest == rhs.digest && lhs.periodStart == rhs.periodStart && lhs.period == rhs.period
            && lhs.planId == rhs.planId && lhs.keyId == rhs.keyId
    }

    /// Exclusive end of the counted period (UTC epoch seconds).
    package var periodEnd: Int64 { period.end(ofPeriodStartingAt: periodStart) }

    package static func < (lhs: QuotaCounterKey, rhs: QuotaCounterKey) -> Bool {
        (lhs.planId, lhs.keyId, lhs.period.rawValue, lhs.periodStart) < (rhs.planId, rhs.keyId, rhs.period.rawValue, rhs.periodStart)
    }

    package var description: String { "\(planId)/\(keyId)/\(period)@\(periodStart)" }
}
