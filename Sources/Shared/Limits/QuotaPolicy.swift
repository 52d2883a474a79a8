/// A usage plan's quota as enforced: `limit` requests per `period`, less `offset` in the first one.
///
/// `offset` follows the current AWS reference: "the number of requests subtracted from the given
/// limit in the initial time period". The initial period is the one containing
/// `anchorEpochSeconds`, the moment the quota took effect (the control plane records it in
/// `usage_plans.quota_anchor` and publishes it as `SnapshotUsagePlan.quotaAnchorEpochSeconds`);
/// without an anchor no period is initial and the offset is ignored. The effective limit never
/// goes below 0.
package struct QuotaPolicy: Hashable, Sendable {
    package let limit: Int
    package let period: QuotaPeriod
    package let offset: Int
    package let anchorEpochSeconds: Int64?

    package init(limit: Int, period: QuotaPeriod, offset: Int = 0, anchorEpochSeconds: Int64? = nil) {
        self.limit = max(0, limit)
        self.period = period
        self.offset = max(0, offset)
        self.anchorEpochSeconds = anchorEpochSeconds
    }

    /// Reads AWS `QuotaSettings`; nil when the limit or a valid period is missing (no quota).
    package init?(settings: QuotaSettings, anchorEpochSeconds: Int64? = nil) {
        guard let limit = settings.limit, let name = settings.period, let period = QuotaPeriod(awsName: name) else { return nil }
        self.init(limit: limit, period: period, offset: settings.offset ?? 0, anchorEpochSeconds: anchorEpochSeconds)
    }

    /// The start of the period containing `epochSeconds`.
    package func periodStart(at epochSeconds: Int64) -> Int64 { period.start(containing: epochSeconds) }

    /// The limit that applies to the period starting at `periodStart`, before usage adjustments.
    package func baseLimit(periodStart: Int64) -> Int {
        guard let anchor = anchorEpochSeconds, period.start(containing: anchor) == periodStart else { return limit }
        return max(0, limit - offset)
    }
}
