/// Every throttle level this node has seen, with all it needs to decide a request at that level.
///
/// One slot per `LimiterKey` holds the level's token bucket, this node's demand estimate for it
/// and the share of the configured limit last computed for it, so deciding one level costs one
/// hash lookup. `DemandSplitter` (the members and the peers' gossiped demand) and this node's
/// demand as last reported complete the state.
///
/// `admit` is all-or-nothing: it takes a token from each level of the request in order, and if one
/// is empty gives the earlier ones back. A rejection at any level therefore consumes no token at
/// the other levels (AWS's docs do not say what they do; not charging a request that was refused
/// is the fairer reading and keeps a hot method from draining the stage and account buckets with
/// requests it refuses anyway). Demand is recorded at every level, admitted or not: it is what the
/// node is asked to serve, which is what the cluster splits rates by.
///
/// Buckets are created full on first use and reconfigured in place when the limit for a key
/// changes (see `TokenBucket.reconfigure`: a share move keeps the deficit, a configuration change
/// keeps the tokens, clamped). `sweep` forgets full buckets (a full bucket is indistinguishable
/// from a fresh one, so forgetting it changes no decision), shares older than a second, and
/// slots left empty. Not thread-safe: `LimitsEngine` guards it with one mutex.
package struct ThrottleTable: Sendable {
    /// What the table holds for one key.
    struct Slot: Sendable {
        var bucket: TokenBucket?
        var demand: DemandEstimate?
        var share: Share?

        var isEmpty: Bool { bucket == nil && demand == nil && share == nil }
    }

    /// This node's part of one configured limit, reused for `shareRefreshNanos`.
    struct Share: Sendable {
        let configured: ThrottleLimit
        let local: ThrottleLimit
        let computedAtNanos: UInt64
    }

    /// Demand estimates' time constant (ns).
    package let tauNanos: UInt64
    /// Estimates below this many requests per second are forgotten at the next report.
    package let demandFloor: Double
    /// How long a computed share is reused before it is computed again (ns).
    package let shareRefreshNanos: UInt64
    package private(set) var splitter: DemandSplitter
    private var slots: [LimiterKey: Slot] = [:]
    /// This node's demand as of its last report, by fingerprint: every node splits by the same
    /// figures (a fresher own figure against peers' older ones over-claims while demand ramps up).
    private var ownReported: [UInt64: Double] = [:]
    private var lastSweepNanos: UInt64?

    package init(splitter: DemandSplitter, tauNanos: UInt64 = 1_000_000_000, demandFloor: Double = 0.01,
                 shareRefreshNanos: UInt64 = 50_000_000) {
        self.splitter = splitter
        self.tauNanos = max(1, tauNanos)
        self.demandFloor = demandFloor
        self.shareRefreshNanos = shareRefreshNanos
    }

    // MARK: - Admission

    /// Decides `request`'s throttles at `now` (monotonic ns): its plan level, then the others in
    /// order. Returns the first level whose bucket was empty, having given back what the earlier
    /// levels gave.
    package mutating func admit(_ request: LimitRequest, now: UInt64) -> ThrottleDecision {
        var refused: LimiterKey?
        if let plan = request.planThrottle, !charge(plan, now: now, take: true) { refused = plan.key }
        for check in request.throttles {
            if !charge(check, now: now, take: refused == nil), refused == nil { refused = check.key }
        }
        guard let refused else { return .admitted }
        // Give back what the levels before the refusing one took.
        if let plan = request.planThrottle {
            if plan.key == refused { return .throttled(refused) }
            slots[plan.key]?.bucket?.giveBack()
        }
        for check in request.throttles {
            if check.key == refused { break }
            slots[check.key]?.bucket?.giveBack()
        }
        return .throttled(refused)
    }

    /// Returns one token to every level of `request` (it was admitted here and refused later, e.g.
    /// by its quota).
    package mutating func giveBack(_ request: LimitRequest) {
        if let plan = request.planThrottle { slots[plan.key]?.bucket?.giveBack() }
        for check in request.throttles { slots[check.key]?.bucket?.giveBack() }
    }

    /// One level: records demand, refreshes this node's share and, when `take`, takes a token.
    /// Returns whether a token was taken.
    private mutating func charge(_ check: ThrottleCheck, now: UInt64, take: Bool) -> Bool {
        Self.charge(&slots[check.key, default: Slot()], check, now: now, take: take, splitter: &splitter,
                    ownReported: ownReported, tauNanos: tauNanos, shareRefreshNanos: shareRefreshNanos)
    }

    // Static so the slot is mutated in place (one lookup) while the splitter is borrowed beside it.
    private static func charge(_ slot: inout Slot, _ check: ThrottleCheck, now: UInt64, take: Bool, splitter: inout DemandSplitter,
                               ownReported: [UInt64: Double], tauNanos: UInt64, shareRefreshNanos: UInt64) -> Bool {
        if slot.demand == nil {
            slot.demand = DemandEstimate(firstRequestAt: now, tauNanos: tauNanos)
        } else {
            slot.demand!.record(now: now, tauNanos: tauNanos)
        }
        let local: ThrottleLimit
        if let share = slot.share, share.configured == check.limit, now >= share.computedAtNanos,
           now - share.computedAtNanos < shareRefreshNanos {
            local = share.local
        } else {
            let fingerprint = check.key.fingerprint
            let demand = slot.demand!
            let live = demand.rate(at: now, tauNanos: tauNanos)
            let reported = ownReported[fingerprint]
            // Demand more than doubled (by 2 req/s at least, above single-request noise) since the
            // last report: that figure says nothing about the load now, so no near-zero share.
            let surging = reported.map { live >= 2 * $0 + 2 } ?? false
            local = splitter.nodeLimit(fingerprint: fingerprint, configured: check.limit, ownDemand: reported ?? live, now: now,
                                       activeSince: demand.sinceNanos, surging: surging)
            slot.share = Share(configured: check.limit, local: local, computedAtNanos: now)
        }
        guard take else { return false }
        if slot.bucket == nil {
            slot.bucket = TokenBucket(limit: local, configured: check.limit, now: now)
        }
        return slot.bucket!.refreshedTake(limit: local, configured: check.limit, now: now)
    }

    // MARK: - Demand and members

    /// This node's demand estimate for `key` at `now`, in requests per second.
    package func demandRate(_ key: LimiterKey, now: UInt64) -> Double {
        slots[key]?.demand?.rate(at: now, tauNanos: tauNanos) ?? 0
    }

    /// When `key`'s current run of demand began here, if it has demand.
    package func activeSince(_ key: LimiterKey) -> UInt64? { slots[key]?.demand?.sinceNanos }

    /// Every demand estimate at or above the floor as (fingerprint, requests/s), sorted by
    /// fingerprint, remembered as this node's reported demand. Estimates below the floor are
    /// forgotten (the key's next request starts a new run), and so are the splitter's remembered
    /// shares of keys no longer reported.
    package mutating func reportDemand(now: UInt64) -> [DemandEntry] {
        var report: [DemandEntry] = []
        var forgotten: [LimiterKey] = []
        for (key, slot) in slots {
            guard let demand = slot.demand else { continue }
            let rate = demand.rate(at: now, tauNanos: tauNanos)
            if rate < demandFloor {
                forgotten.append(key)
            } else {
                report.append(DemandEntry(fingerprint: key.fingerprint, rate: rate))
            }
        }
        for key in forgotten {
            slots[key]?.demand = nil
            if slots[key]?.isEmpty == true { slots[key] = nil }
        }
        report.sort { $0.fingerprint < $1.fingerprint }
        splitter.retainShares(for: Set(report.map(\.fingerprint)))
        ownReported = Dictionary(report.map { ($0.fingerprint, $0.rate) }, uniquingKeysWith: max)
        return report
    }

    /// Records a peer's demand report received at `now`.
    package mutating func receiveDemand(from node: NodeID, entries: [DemandEntry], now: UInt64) {
        splitter.receive(from: node, entries: entries, now: now)
    }

    /// Replaces the member list; every share is computed afresh. Returns the member count.
    @discardableResult
    package mutating func setMembers(_ nodes: [NodeID]) -> Int {
        splitter.setMembers(nodes)
        for key in Array(slots.keys) {
            slots[key]?.share = nil
            if slots[key]?.isEmpty == true { slots[key] = nil }
        }
        return splitter.members.count
    }

    // MARK: - Buckets

    /// Tokens `key`'s bucket holds at `now` after refill, or nil when it has none (i.e. it is full).
    package mutating func tokens(for key: LimiterKey, now: UInt64) -> Double? {
        guard slots[key]?.bucket != nil else { return nil }
        slots[key]!.bucket!.refill(now: now)
        return slots[key]!.bucket!.tokens
    }

    /// Number of buckets currently held.
    package var bucketCount: Int { slots.values.reduce(0) { $0 + ($1.bucket == nil ? 0 : 1) } }

    /// Forgets full buckets, shares computed more than a second before `now` and empty slots;
    /// returns how many buckets remain.
    @discardableResult
    package mutating func sweep(now: UInt64) -> Int {
        lastSweepNanos = now
        slots = slots.compactMapValues { slot in
            var slot = slot
            if let share = slot.share, now < share.computedAtNanos || now - share.computedAtNanos >= 1_000_000_000 { slot.share = nil }
            if let bucket = slot.bucket, bucket.isFull(now: now) { slot.bucket = nil }
            return slot.isEmpty ? nil : slot
        }
        return bucketCount
    }

    /// `sweep` when at least `intervalNanos` passed since the last one.
    package mutating func sweepIfDue(now: UInt64, intervalNanos: UInt64 = 1_000_000_000) {
        if let last = lastSweepNanos, now >= last, now - last < intervalNanos { return }
        sweep(now: now)
    }
}
