/// Usage read-out (GetUsage), UpdateUsage, and state export/import for persistence and seeding.
extension LimitsEngine {
    /// One day of GetUsage: requests counted that UTC day and the quota remaining at its end
    /// (nil when the plan has no quota), AWS's `[used, remaining]` pair.
    package struct DailyUsage: Equatable, Sendable {
        package let dayStart: Int64
        package let used: UInt64
        package let remaining: Int?
    }

    /// Per-day usage of `subject` for the UTC days from `fromDay` through `toDay` (any instants in
    /// those days), as far as this replica's merged state knows. A day's remaining is the period's
    /// effective limit less everything counted from the period's start through that day; days
    /// older than the counter retention read as zero (the control plane keeps the history).
    package func usage(of subject: QuotaSubject, rule: QuotaRule?, fromDay: Int64, toDay: Int64) -> [DailyUsage] {
        quota.withLock { state in
            Self.dailyUsage(of: subject, rule: rule, fromDay: fromDay, toDay: toDay) { state.store.counter($0) }
        }
    }

    /// The per-day usage computation over any source of merged counters (`counter` answers an
    /// empty counter for unknown keys): the engine's own store, or the control plane's merge of its
    /// engine with persisted history. Pure.
    package static func dailyUsage(of subject: QuotaSubject, rule: QuotaRule?, fromDay: Int64, toDay: Int64,
                                   counter: (QuotaCounterKey) -> QuotaCounter) -> [DailyUsage] {
        let first = QuotaPeriod.day.start(containing: fromDay), last = QuotaPeriod.day.start(containing: toDay)
        guard first <= last else { return [] }
        func dayKey(_ day: Int64) -> QuotaCounterKey {
            QuotaCounterKey(planId: subject.planId, keyId: subject.keyId, period: .day, periodStart: day)
        }
        var result: [DailyUsage] = []
        var day = first
        while day <= last {
            let used = counter(dayKey(day)).value
            var remaining: Int?
            if let rule {
                let periodStart = rule.policy.periodStart(at: day)
                let key = QuotaCounterKey(planId: subject.planId, keyId: subject.keyId, period: rule.policy.period,
                                          periodStart: periodStart)
                let limit = counter(key).effectiveLimit(base: rule.policy.baseLimit(periodStart: periodStart))
                var cumulative: UInt64 = 0
                var cursor = periodStart
                while cursor <= day {
                    cumulative = MaxMap<ReplicaID>.saturatingAdd(cumulative, counter(dayKey(cursor)).value)
                    cursor += QuotaPeriod.daySeconds
                }
                remaining = max(0, limit - Int(clamping: cumulative))
            }
            result.append(DailyUsage(dayStart: day, used: used, remaining: remaining))
            day += QuotaPeriod.daySeconds
        }
        return result
    }

    /// UpdateUsage `/remaining`: makes the current period's remaining quota `remaining` by writing
    /// a last-writer-wins adjustment with `version` (the caller's monotonic version, e.g. wall-clock
    /// milliseconds). Returns false when a newer adjustment is already in place. Meant for the
    /// control plane; in strict mode a raise takes effect as the authority mints the new rights, a
    /// cut takes effect as soon as a node learns it (nodes refuse once used ≥ the new limit), but
    /// rights already granted before the cut was learnt may still be spent.
    @discardableResult
    package func setRemaining(_ remaining: Int, of subject: QuotaSubject, rule: QuotaRule, version: UInt64,
                              now: LimitsInstant) -> Bool {
        let key = QuotaCharge(planId: subject.planId, keyId: subject.keyId, rule: rule).counterKey(at: now.epochSeconds)
        return quota.withLock { state in
            let counter = state.store.counter(key)
            let base = Int64(rule.policy.baseLimit(periodStart: key.periodStart))
            let amount = Int64(max(0, remaining)) + Int64(clamping: counter.value) - base
            return state.store.update(key) { $0.adjust(UsageAdjustment(version: version, amount: amount)) } != nil
        }
    }

    /// Every counter this replica holds (for the control plane to persist).
    package func exportState() -> [QuotaCounterSlice] {
        quota.withLock { state in state.store.fullStatePage(after: nil, limit: Int.max).slices }
    }

    /// Merges persisted or seeded state (a restarted control plane's database, a node's seed).
    /// Safe for nodes because they restart under a fresh replica id; the mint authority must only
    /// import state that contains every write it ever gossiped (persist before sending).
    package func importState(_ slices: [QuotaCounterSlice], now: LimitsInstant) {
        quota.withLock { state in
            for slice in slices { state.store.merge(slice.key, slice.counter, epochSeconds: now.epochSeconds) }
        }
    }

    /// The merged counter for `key` (tests, diagnostics).
    package func counter(_ key: QuotaCounterKey) -> QuotaCounter {
        quota.withLock { $0.store.counter(key) }
    }
}
