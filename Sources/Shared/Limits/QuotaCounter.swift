/// The replicated state of one quota counter: usage, escrow rights and the UpdateUsage adjustment.
///
/// A product of three join-semilattices (G-Counter, transfer matrix, LWW register), merged
/// component-wise, so the whole is a delta-state CRDT: every mutator returns a delta of the same
/// type, and merge is commutative, associative and idempotent.
///
/// **Fast mode** uses only `used`: admit while `used.value < limit`, then increment.
///
/// **Strict mode** is a bounded counter (Balegas et al., "Putting consistency back into eventual
/// consistency", EuroSys 2015) specialised to an upper bound. The mint authority `a` creates
/// rights by raising `T[a][a]` up to the limit; replica i holds
///
///     rights(i) = [i == a]·T[a][a] + Σ_{j≠i} T[j][i] − Σ_{j≠i} T[i][j] − used(i)
///
/// and may raise `used(i)` or give rights away (`T[i][j]`) only while that stays ≥ 0. Replica i is
/// the only writer of `used(i)` and of row `T[i][·]`, so its own view of those is exact, while its
/// view of incoming transfers is a lower bound (entries only grow). Its computed rights are thus
/// never above its true rights, true rights never go negative, and summing over replicas:
/// Σ used = T[a][a] − Σ rights ≤ T[a][a] ≤ limit — whatever the message loss, duplication,
/// reordering or interleaving. Two preconditions: a replica id is never reused by a process that
/// forgot its writes (nodes take a fresh random id per start), and the authority never mints
/// more than the limit (it persists `T[a][a]` and its row before gossiping them).
package struct QuotaCounter: Sendable, Equatable {
    package private(set) var used = GCounter()
    package private(set) var transfers = TransferMatrix()
    package private(set) var adjustment = UsageAdjustment()

    package init() {}

    package init(used: GCounter, transfers: TransferMatrix = TransferMatrix(), adjustment: UsageAdjustment = UsageAdjustment()) {
        self.used = used
        self.transfers = transfers
        self.adjustment = adjustment
    }

    package var isEmpty: Bool { used.isEmpty && transfers.isEmpty && adjustment.isEmpty }

    /// Requests counted by every replica (the GetUsage "used" figure).
    package var value: UInt64 { used.value }

    /// The limit after UpdateUsage adjustments, given the policy's base limit for the period.
    package func effectiveLimit(base: Int) -> Int {
        let sum = Int64(base).addingReportingOverflow(adjustment.amount)
        return sum.overflow ? (adjustment.amount > 0 ? Int.max : 0) : Int(clamping: max(0, sum.partialValue))
    }

    /// Rights the authority has minted so far.
    package func minted(by authority: ReplicaID) -> UInt64 { transfers[authority, authority] }

    /// Escrow rights `replica` holds in this view (exact for the replica's own view, see above).
    package func rights(of replica: ReplicaID, authority: ReplicaID) -> Int64 {
        let minted = replica == authority ? transfers[authority, authority] : 0
        let gained = MaxMap<ReplicaID>.saturatingAdd(minted, transfers.incoming(to: replica))
        let spent = MaxMap<ReplicaID>.saturatingAdd(transfers.outgoing(from: replica), used.count(of: replica))
        return Int64(clamping: gained) - Int64(clamping: spent)
    }

    // MARK: - Mutators (each returns the delta to ship)

    /// Counts one request admitted by `replica` without escrow (fast mode, reporting counters).
    @discardableResult
    package mutating func recordUse(by replica: ReplicaID, count: UInt64 = 1) -> QuotaCounter {
        QuotaCounter(used: used.increment(replica, by: count))
    }

    /// `recordUse` of one request without building a delta; returns the replica's new count (the
    /// caller raises its delta buffer to it, which is the same delta).
    package mutating func bumpUse(by replica: ReplicaID) -> UInt64 {
        used.bump(replica)
    }

    /// Raises `replica`'s usage entry to `value` (a delta buffer catching up with `bumpUse`).
    package mutating func raiseUse(of replica: ReplicaID, to value: UInt64) {
        used.raiseQuietly(replica, to: value)
    }

    /// Strict mode: spends one of `replica`'s rights on a request; nil when it holds none.
    package mutating func consumeRight(by replica: ReplicaID, authority: ReplicaID) -> QuotaCounter? {
        guard rights(of: replica, authority: authority) >= 1 else { return nil }
        return recordUse(by: replica)
    }

    /// Moves `amount` rights from `giver` to `receiver`; nil when the giver lacks them or the move
    /// is meaningless (self-transfer, zero).
    package mutating func transfer(_ amount: UInt64, from giver: ReplicaID, to receiver: ReplicaID,
                                   authority: ReplicaID) -> QuotaCounter? {
        guard amount > 0, giver != receiver, rights(of: giver, authority: authority) >= Int64(clamping: amount) else { return nil }
        let raised = MaxMap<ReplicaPair>.saturatingAdd(transfers[giver, receiver], amount)
        return QuotaCounter(used: GCounter(), transfers: transfers.raise(from: giver, to: receiver, value: raised))
    }

    /// The authority creates rights up to `total` (never lowers); nil when nothing changed.
    package mutating func mint(upTo total: UInt64, authority: ReplicaID) -> QuotaCounter? {
        let delta = transfers.raise(from: authority, to: authority, value: total)
        return delta.isEmpty ? nil : QuotaCounter(used: GCounter(), transfers: delta)
    }

    /// Installs an UpdateUsage adjustment if it wins over the current one.
    package mutating func adjust(_ newValue: UsageAdjustment) -> QuotaCounter? {
        guard adjustment.isSuperseded(by: newValue) else { return nil }
        adjustment = newValue
        return QuotaCounter(used: GCounter(), transfers: TransferMatrix(), adjustment: newValue)
    }

    /// Joins `other`; returns the parts that grew (empty when `other` taught nothing new).
    @discardableResult
    package mutating func merge(_ other: QuotaCounter) -> QuotaCounter {
        var delta = QuotaCounter()
        delta.used = used.merge(other.used)
        delta.transfers = transfers.merge(other.transfers)
        if adjustment.isSuperseded(by: other.adjustment) {
            adjustment = other.adjustment
            delta.adjustment = other.adjustment
        }
        return delta
    }
}
