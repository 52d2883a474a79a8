/// The stable identity of one quota counter: plan, API key, period kind and period start.
///
/// `period == .day` keys also serve GetUsage's per-day counts; a WEEK or MONTH plan keeps one
/// enforcement counter per period plus one reporting counter per day.
package struct QuotaCounterKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let planId: String
    package let keyId: String
    package let period: QuotaPeriod
    /// UTC epoch seconds of the period's start.
    package let periodStart: Int64

    package init(planId: String, keyId: String, period: QuotaPeriod, periodStart: Int64) {
        self.planId = planId
        self.keyId = keyId
        self.period = period
        self.periodStart = periodStart
    }

    /// Exclusive end of the counted period (UTC epoch seconds).
    package var periodEnd: Int64 { period.end(ofPeriodStartingAt: periodStart) }

    package static func < (lhs: QuotaCounterKey, rhs: QuotaCounterKey) -> Bool {
        (lhs.planId, lhs.keyId, lhs.period.rawValue, lhs.periodStart) < (rhs.planId, rhs.keyId, rhs.period.rawValue, rhs.periodStart)
    }

    package var description: String { "\(planId)/\(keyId)/\(period)@\(periodStart)" }
}
