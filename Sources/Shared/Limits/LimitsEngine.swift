import Synchronization

/// Cluster-wide throttles and quotas for one node: the facade the request pipeline calls.
///
/// `check` decides a request: it charges this node's share of every throttle level (shares follow
/// gossiped demand, see `DemandSplitter`), then the usage-plan quota (strict escrow or fast
/// counter). `makeOutgoing` and `receive` are the gossip hooks; the gossip layer owns sockets,
/// HMAC framing, peer choice and timing (call `makeOutgoing` every ~100 ms). No I/O happens here;
/// every method takes the injected clock reading. Thread-safe: state lives behind mutexes, and the
/// throttle and quota halves lock separately.
package final class LimitsEngine: Sendable {
    package let configuration: LimitsEngineConfiguration
    /// Buckets, demand and shares of every throttle level (one lock section per request).
    let throttle: Mutex<ThrottleTable>
    let quota: Mutex<QuotaState>
    /// Something cannot wait for the tick (`takeUrgentOutgoing`): a fast-mode counter near its
    /// limit changed, or a strict counter ran low on rights. Set under the quota lock; an atomic so
    /// the gossip thread takes no lock to see that nothing is urgent.
    let urgent = Atomic<Bool>(false)
    /// Called when `urgent` becomes set (the gossip layer wakes its thread); nil: nobody to wake.
    private let urgentHandler = Mutex<(@Sendable () -> Void)?>(nil)
    /// Called when merged state touched a counter with waiters (`setQuotaChangeHandler`).
    let quotaChangeHandler = Mutex<(@Sendable () -> Void)?>(nil)

    /// Asking history for one counter: the first ask goes to the authority (when its node is
    /// known), later ones to every peer, so an authority that is down does not stall a node.
    struct RightsAsk: Sendable {
        var lastNanos: UInt64?
        var attempts = 0
    }

    /// Quota counters, rules and gossip bookkeeping.
    struct QuotaState: Sendable {
        var store: QuotaCounterStore
        var rules: [QuotaSubject: QuotaRule] = [:]
        var memberCount: Int
        /// Strict counters this replica is short of rights on, with its asking history.
        var wanted: [QuotaCounterKey: RightsAsk] = [:]
        /// Requests parked on each strict counter until rights arrive (`check(canWait:)`).
        var waiting: [QuotaCounterKey: Int] = [:]
        /// The node the mint authority's messages come from, once seen.
        var authorityNode: NodeID?
        var lastDemandNanos: UInt64?
        var lastAntiEntropyNanos: UInt64?
        var antiEntropyCursor: QuotaCounterKey?
        /// When each peer's last sync request was answered (monotonic ns).
        var lastSyncServed: [NodeID: UInt64] = [:]

        /// One waiter on `key` is done (admitted, refused or released).
        mutating func leave(_ key: QuotaCounterKey) {
            guard let count = waiting[key] else { return }
            waiting[key] = count > 1 ? count - 1 : nil
        }
    }

    package init(configuration: LimitsEngineConfiguration) {
        self.configuration = configuration
        let splitter = DemandSplitter(selfNode: configuration.nodeID, members: configuration.members,
                                      staleAfterNanos: configuration.demandStaleAfterNanos,
                                      freezeAfterNanos: configuration.demandFreezeAfterNanos,
                                      deadAfterNanos: configuration.demandDeadAfterNanos,
                                      warmupNanos: configuration.demandWarmupNanos)
        throttle = Mutex(ThrottleTable(splitter: splitter, tauNanos: configuration.demandTauNanos,
                                       shareRefreshNanos: configuration.shareRefreshNanos))
        quota = Mutex(QuotaState(store: QuotaCounterStore(retentionSeconds: configuration.quotaRetentionSeconds),
                                 memberCount: splitter.members.count))
    }

    /// Replaces the member list (from a new snapshot's node list).
    package func updateMembers(_ nodes: [NodeID]) {
        let count = throttle.withLock { $0.setMembers(nodes) }
        quota.withLock { $0.memberCount = count }
    }

    /// Who to call when something cannot wait for the next tick (`takeUrgentOutgoing` has work).
    /// Called outside the engine's locks, from whichever thread made it urgent.
    package func setUrgentHandler(_ handler: (@Sendable () -> Void)?) {
        urgentHandler.withLock { $0 = handler }
    }

    /// Sets the urgent flag; true when it was not set (the caller then calls `wakeForUrgent`).
    private func markUrgent() -> Bool {
        !urgent.exchange(true, ordering: .acquiringAndReleasing)
    }

    private func wakeForUrgent() {
        urgentHandler.withLock { $0 }?()
    }

    /// Tells the engine every plan/key quota rule (the control plane's observer needs them to mint
    /// for counters it never sees a request for; nodes learn them from `check` too).
    package func updateQuotaRules(_ rules: [QuotaSubject: QuotaRule]) {
        quota.withLock { state in state.rules.merge(rules) { _, new in new } }
    }

    // MARK: - Admission

    /// Decides one request at `now`. Throttles first (AWS order), then the quota; a request the
    /// quota refuses gives its throttle tokens back, and a throttled request is not counted
    /// against the quota.
    ///
    /// With `canWait` (the caller can park the request: `LimitsFilter` on an event loop), a strict
    /// quota that has room but no rights on this node yet answers `.pending(key)` instead of
    /// `.throttled(.quotaRightsPending)`: the throttle tokens stay taken, the request counts as a
    /// *waiter* on `key` (rights requests then go out every `rightsRetryNanos`, without backoff,
    /// for at least as many rights as there are waiters), and the caller must end it with
    /// `retryQuota` (when `setQuotaChangeHandler`'s handler fires, or at its deadline) or `release`.
    package func check(_ request: LimitRequest, now: LimitsInstant, canWait: Bool = false) -> LimitDecision {
        if case .throttled(let key) = throttle.withLock({ $0.admit(request, now: now.monotonicNanos) }) {
            return .throttled(.bucket(key))
        }
        guard let charge = request.quota else { return .admit }
        let decision = chargeQuota(charge, now: now, mode: canWait ? .park : .once)
        if decision != .admit, !decision.isPending { throttle.withLock { $0.giveBack(request) } }
        return decision
    }

    /// Charges the quota of a request that `check` left `.pending` on `key` again: `.admit`,
    /// `.quotaExceeded` (its throttle tokens are given back) or `.pending` once more (still a
    /// waiter). Its throttles are not charged again.
    package func retryQuota(_ request: LimitRequest, parkedOn key: QuotaCounterKey, now: LimitsInstant) -> LimitDecision {
        guard let charge = request.quota else {
            quota.withLock { $0.leave(key) }
            return .admit
        }
        let decision = chargeQuota(charge, now: now, mode: .retry(parkedOn: key))
        if decision != .admit, !decision.isPending { throttle.withLock { $0.giveBack(request) } }
        return decision
    }

    /// Gives up on a request `check` left `.pending` on `key` (its wait ran out): it stops being a
    /// waiter and its throttle tokens are given back. The caller answers it 429 Too Many Requests.
    package func release(_ request: LimitRequest, parkedOn key: QuotaCounterKey) {
        quota.withLock { $0.leave(key) }
        throttle.withLock { $0.giveBack(request) }
    }

    /// Who to call (outside the engine's locks, on the gossip thread) when merged state touched a
    /// counter that has waiters: rights may have arrived, or the quota may be used up.
    package func setQuotaChangeHandler(_ handler: (@Sendable () -> Void)?) {
        quotaChangeHandler.withLock { $0 = handler }
    }

    /// How `chargeQuota` treats a strict quota short of rights.
    private enum ChargeMode {
        /// Refuse as retryable (`.throttled(.quotaRightsPending)`).
        case once
        /// Answer `.pending` and count a new waiter.
        case park
        /// A waiter on `parkedOn` tries again: it stops being one unless still pending.
        case retry(parkedOn: QuotaCounterKey)

        var parks: Bool {
            if case .once = self { return false }
            return true
        }
    }

    private func chargeQuota(_ charge: QuotaCharge, now: LimitsInstant, mode: ChargeMode) -> LimitDecision {
        let key = charge.counterKey(at: now.epochSeconds)
        let me = configuration.replicaID, authority = configuration.mintAuthority
        var newlyUrgent = false
        defer { if newlyUrgent { wakeForUrgent() } }
        return quota.withLock { state in
            if case .retry(let parked) = mode { state.leave(parked) }
            let base = charge.rule.policy.baseLimit(periodStart: key.periodStart)
            guard charge.rule.strict else {
                // Fast mode needs no rule bookkeeping: admit and count in one lookup.
                guard let left = state.store.admitWithoutEscrow(key, base: base, by: me, now: now.monotonicNanos) else {
                    return .quotaExceeded(key)
                }
                if Double(left) <= Double(base) * configuration.urgentFraction, markUrgent() { newlyUrgent = true }
                recordDay(key, state: &state, now: now)
                return .admit
            }
            let subject = QuotaSubject(planId: charge.planId, keyId: charge.keyId)
            if state.rules[subject] != charge.rule { state.rules[subject] = charge.rule }
            let (limit, used) = state.store.limitAndUsed(key, base: base)
            guard used < UInt64(limit) else { return .quotaExceeded(key) }
            if me == authority { state.store.update(key) { $0.mint(upTo: UInt64(limit), authority: me) } }
            let spent = state.store.update(key) { $0.consumeRight(by: me, authority: authority) }
            let waits = spent == nil && mode.parks
            if waits { state.waiting[key, default: 0] += 1 }
            let rights = state.store.counter(key).rights(of: me, authority: authority)
            let chunk = configuration.escrow.chunk(remaining: limit - Int(clamping: used), members: state.memberCount)
            if waits || configuration.escrow.want(holding: rights, chunk: chunk) != nil, state.wanted[key] == nil {
                state.wanted[key] = RightsAsk()
                if markUrgent() { newlyUrgent = true }  // ask now, not at the next tick
            }
            guard spent != nil else { return waits ? .pending(key) : .throttled(.quotaRightsPending(key)) }
            state.store.noteLocalUse(key, now: now.monotonicNanos)
            recordDay(key, state: &state, now: now)
            return .admit
        }
    }

    /// WEEK and MONTH plans also count each admitted request in the day's reporting counter (GetUsage).
    private func recordDay(_ key: QuotaCounterKey, state: inout QuotaState, now: LimitsInstant) {
        guard key.period != .day else { return }
        let dayKey = QuotaCounterKey(planId: key.planId, keyId: key.keyId, period: .day,
                                     periodStart: QuotaPeriod.day.start(containing: now.epochSeconds))
        state.store.recordUse(dayKey, by: configuration.replicaID, now: now.monotonicNanos)
    }
}
