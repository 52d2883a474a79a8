/// Splits each cluster-wide throttle across the live nodes in proportion to their recent demand.
///
/// Inputs: the member list (the snapshot's nodes plus this one), this node's own demand per key
/// (always known) and the peers' gossiped demand reports. For one key, with N members:
/// - a peer that sent no report within `staleAfterNanos` is *unknown* and is reserved an equal
///   share 1/N (it may be serving traffic we have not heard about);
/// - a peer that reported recently but not this key has demand 0 — provided its report arrived
///   after the key became active here (`activeSince`); an older report says nothing about a key
///   that was not in use yet, so that peer counts as unknown for it. Without this rule every node
///   that starts serving a new key at once would believe it is alone and take the whole burst;
/// - a peer silent for longer than `deadAfterNanos` (since its last report, or since it joined the
///   member list if it never reported) while this node hears from other peers is *presumed dead* and
///   left out: the live members split the whole limit. Without this rule a node that was killed
///   would keep its 1/N reserved until the control plane drops it from the node list (minutes). The
///   cost is a partition's: a node cut off from gossip but still serving keeps its last share (see
///   below) while the others stop reserving it, so the cluster may admit up to that node's last
///   share above the configured rate until the partition heals;
/// - the known members split the rest, `1 − unknown/N`, in proportion to demand (equally when all
///   are zero).
/// Over one consistent view the shares sum to 1, so Σ node rates = the configured rate, and bursts
/// are apportioned by largest remainder (Hamilton; ties by node id) so Σ node bursts = the
/// configured burst exactly. Views differ while reports are in flight: a node whose demand just rose
/// is under-counted by its peers for one report interval, so the cluster may briefly admit up to
/// that node's share more than the rate. A node that hears from no peer at all (isolated or
/// partitioned) keeps the last share it computed for the key, never the whole limit; with no
/// history it takes 1/N. Once the newest peer report is older than `freezeAfterNanos`, a node's
/// share may shrink but not grow: its own demand keeps rising while its picture of the others
/// ages, and growing on stale information is how a partitioned node would over-admit. A bucket whose burst share rounds to 0 admits nothing until its
/// demand grows its share (its demand counts refused requests too, so it does grow).
/// Not thread-safe; `LimitsEngine` guards it.
package struct DemandSplitter: Sendable {
    /// A peer's last report time and its per-key rates with their arrival times.
    private struct PeerDemand: Sendable {
        var lastReportNanos: UInt64
        var rates: [UInt64: (rate: Double, atNanos: UInt64)]
    }

    package let selfNode: NodeID
    package let staleAfterNanos: UInt64
    package let freezeAfterNanos: UInt64
    package let deadAfterNanos: UInt64
    /// How long after a key's demand run starts on this node it takes at least an equal share of
    /// the live members (default 500 ms; see `nodeLimit`).
    package let warmupNanos: UInt64
    package private(set) var members: [NodeID]
    private var peers: [NodeID: PeerDemand] = [:]
    private var lastShare: [UInt64: Double] = [:]
    /// When each peer joined the member list (monotonic ns); nil until a clock reading arrives.
    private var memberSince: [NodeID: UInt64?] = [:]
    private var hasUnstampedMembers = false

    package init(selfNode: NodeID, members: [NodeID] = [], staleAfterNanos: UInt64 = 1_000_000_000,
                 freezeAfterNanos: UInt64 = 300_000_000, deadAfterNanos: UInt64 = 5_000_000_000,
                 warmupNanos: UInt64 = 500_000_000) {
        self.selfNode = selfNode
        self.warmupNanos = warmupNanos
        self.staleAfterNanos = staleAfterNanos
        self.freezeAfterNanos = min(freezeAfterNanos, staleAfterNanos)
        self.deadAfterNanos = max(deadAfterNanos, staleAfterNanos)
        self.members = [selfNode]
        setMembers(members)
    }

    /// Replaces the member list (this node is always a member); forgets departed peers' demand.
    /// A new member's silence is counted from the next clock reading (`receive` or `nodeLimit`).
    package mutating func setMembers(_ nodes: [NodeID]) {
        members = Array(Set(nodes + [selfNode])).sorted()
        let memberSet = Set(members)
        peers = peers.filter { memberSet.contains($0.key) }
        memberSince = memberSince.filter { memberSet.contains($0.key) }
        for node in members where node != selfNode && memberSince[node] == nil {
            memberSince[node] = .some(nil)
            hasUnstampedMembers = true
        }
    }

    /// Dates members that joined since the last clock reading.
    private mutating func stampMembers(now: UInt64) {
        guard hasUnstampedMembers else { return }
        for (node, since) in memberSince where since == nil { memberSince[node] = now }
        hasUnstampedMembers = false
    }

    /// Records a peer's demand report received at `now` (monotonic ns). Reports from non-members
    /// and from this node itself are ignored.
    package mutating func receive(from node: NodeID, entries: [DemandEntry], now: UInt64) {
        stampMembers(now: now)
        guard node != selfNode, members.contains(node) else { return }
        var peer = peers[node] ?? PeerDemand(lastReportNanos: now, rates: [:])
        peer.lastReportNanos = max(peer.lastReportNanos, now)
        for entry in entries where entry.rate.isFinite && entry.rate >= 0 {
            peer.rates[entry.fingerprint] = (entry.rate, now)
        }
        peer.rates = peer.rates.filter { !isStale($0.value.atNanos, now: now) }
        peers[node] = peer
    }

    /// Every member's share of the key with `fingerprint`, given this node's own demand and when
    /// the key became active here (0: long ago).
    /// Members presumed dead are left out of the result.
    package func shares(fingerprint: UInt64, ownDemand: Double, now: UInt64, activeSince: UInt64 = 0) -> [(node: NodeID, share: Double)] {
        let hearing = heardFromAnyPeer(now: now)
        var demands: [(NodeID, Double?)] = []
        demands.reserveCapacity(members.count)
        for node in members {
            if node == selfNode {
                demands.append((node, max(0, ownDemand)))
            } else if let peer = peers[node], !isStale(peer.lastReportNanos, now: now) {
                if let entry = peer.rates[fingerprint], !isStale(entry.atNanos, now: now) {
                    demands.append((node, entry.rate))
                } else {
                    demands.append((node, peer.lastReportNanos >= activeSince ? 0 : nil))
                }
            } else if !(hearing && isPresumedDead(node, now: now)) {
                demands.append((node, nil))
            }
        }
        return Self.split(demands)
    }

    /// Whether `node` has been silent for longer than `deadAfterNanos` at `now`: since its last
    /// report, or since it joined the member list if it never reported.
    package func isPresumedDead(_ node: NodeID, now: UInt64) -> Bool {
        guard node != selfNode else { return false }
        let silentSince: UInt64
        if let peer = peers[node] {
            silentSince = peer.lastReportNanos
        } else if case .some(.some(let joined)) = memberSince[node] {
            silentSince = joined
        } else {
            return false  // joined after the last clock reading: not silent for long
        }
        return now > silentSince && now - silentSince > deadAfterNanos
    }

    /// Whether some peer's report arrived within `staleAfterNanos` of `now`.
    private func heardFromAnyPeer(now: UInt64) -> Bool {
        peers.values.contains { !isStale($0.lastReportNanos, now: now) }
    }

    /// The part of `configured` this node enforces for the key with `fingerprint` at `now`.
    ///
    /// Optimistic floor: while this node has no comparable demand figure for the key it takes at
    /// least 1/L of the rate and burst, L the members not presumed dead — for `warmupNanos` after
    /// the key's demand run began here (`activeSince`), and while `surging` (its live demand is far
    /// above its last report: the caller's judgement, see `ThrottleTable`). In both cases its own
    /// figure, as last reported, predates the load it now serves while a peer's may have been
    /// reported further into it; splitting by them gave a node a near-zero share until its next
    /// report and refused traffic the cluster-wide limit allowed. The price: a node under the floor
    /// may admit up to its floor above its demand share, so the cluster admits at most (1 + Y/L) ×
    /// the rate and (1 + Y/L) × the burst, Y the nodes under the floor; at worst twice the limit,
    /// for a key's first `warmupNanos` or one report interval after a node's demand jumps
    /// (docs/limits.md).
    package mutating func nodeLimit(fingerprint: UInt64, configured: ThrottleLimit, ownDemand: Double,
                                    now: UInt64, activeSince: UInt64 = 0, surging: Bool = false) -> ThrottleLimit {
        if members.count == 1 { return configured }
        stampMembers(now: now)
        let newestReport = peers.values.map(\.lastReportNanos).max()
        let heardFromAnyPeer = newestReport.map { !isStale($0, now: now) } ?? false
        if !heardFromAnyPeer, let share = lastShare[fingerprint] {
            return ThrottleLimit(rate: configured.rate * share, burst: Int(Double(configured.burst) * share))
        }
        let vector = shares(fingerprint: fingerprint, ownDemand: ownDemand, now: now, activeSince: activeSince)
        let own = vector.first { $0.node == selfNode }?.share ?? 0
        if let newestReport, now > newestReport, now - newestReport > freezeAfterNanos,
           let last = lastShare[fingerprint], own > last {
            return ThrottleLimit(rate: configured.rate * last, burst: Int(Double(configured.burst) * last))
        }
        let young = now >= activeSince && now - activeSince < warmupNanos
        let floor = (young || surging) && !vector.isEmpty ? 1 / Double(vector.count) : 0
        lastShare[fingerprint] = max(own, floor)
        let bursts = Self.apportion(configured.burst, among: vector)
        let burst = max(bursts[selfNode] ?? 0, Int(Double(configured.burst) * floor))
        return ThrottleLimit(rate: configured.rate * max(own, floor), burst: burst)
    }

    /// Forgets remembered shares of keys not in `live` (call now and then to bound memory).
    package mutating func retainShares(for live: Set<UInt64>) {
        lastShare = lastShare.filter { live.contains($0.key) }
    }

    // MARK: - Pure rules

    /// Demand-proportional split; `nil` demand = unknown, reserved 1/N. The result sums to 1
    /// (up to rounding) and follows the input order.
    package static func split(_ demands: [(NodeID, Double?)]) -> [(node: NodeID, share: Double)] {
        let count = Double(demands.count)
        guard count > 0 else { return [] }
        let unknown = demands.filter { $0.1 == nil }.count
        let known = demands.count - unknown
        let pool = 1 - Double(unknown) / count
        let total = demands.reduce(0.0) { $0 + ($1.1 ?? 0) }
        return demands.map { node, demand in
            guard let demand else { return (node, 1 / count) }
            if total > 0 { return (node, pool * demand / total) }
            return (node, pool / Double(known))
        }
    }

    /// Largest-remainder apportionment of `total` whole units by `shares`: Σ result ≤ `total`
    /// (= `total` when the shares sum to 1); ties go to the smaller node id.
    package static func apportion(_ total: Int, among shares: [(node: NodeID, share: Double)]) -> [NodeID: Int] {
        guard total > 0, !shares.isEmpty else { return Dictionary(shares.map { ($0.node, 0) }, uniquingKeysWith: { a, _ in a }) }
        let quotas = shares.map { (node: $0.node, quota: max(0, $0.share) * Double(total)) }
        var result: [NodeID: Int] = [:]
        var assigned = 0
        for item in quotas {
            let whole = Int(item.quota.rounded(.down))
            result[item.node] = whole
            assigned += whole
        }
        let shareSum = shares.reduce(0.0) { $0 + max(0, $1.share) }
        let target = min(total, Int((shareSum * Double(total)).rounded()))
        let byRemainder = quotas.sorted {
            let lhs = $0.quota - $0.quota.rounded(.down), rhs = $1.quota - $1.quota.rounded(.down)
            return lhs != rhs ? lhs > rhs : $0.node < $1.node
        }
        var index = 0
        while assigned < target, index < byRemainder.count {
            result[byRemainder[index].node, default: 0] += 1
            assigned += 1
            index += 1
        }
        // Defensive: floating error must never push the sum past the total.
        var trim = byRemainder.reversed().makeIterator()
        while assigned > total, let item = trim.next() {
            if let units = result[item.node], units > 0 {
                result[item.node] = units - 1
                assigned -= 1
            }
        }
        return result
    }

    private func isStale(_ atNanos: UInt64, now: UInt64) -> Bool {
        now > atNanos && now - atNanos > staleAfterNanos
    }
}
