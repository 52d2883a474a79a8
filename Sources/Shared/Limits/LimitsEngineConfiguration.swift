/// Settings of one `LimitsEngine`. Durations are nanoseconds of the monotonic clock.
package struct LimitsEngineConfiguration: Sendable {
    /// This node's name (as in the snapshot's node list).
    package var nodeID: NodeID
    /// This process's replica id: random, fresh at every start, never reused (see `ReplicaID`).
    package var replicaID: ReplicaID
    /// The one replica allowed to mint escrow rights: the control plane's observer, or in a
    /// cluster without one a single node named by the operator. Must be the same on every node.
    package var mintAuthority: ReplicaID
    /// Data-plane nodes that share throttles (this node is added if missing). The control plane
    /// is not a member: it serves no traffic and takes no share.
    package var members: [NodeID]
    /// An observer (the control plane) only merges, mints, grants and reports usage: it sends no
    /// demand and takes no throttle share.
    package var isObserver: Bool

    /// Demand EWMA time constant (default 1 s).
    package var demandTauNanos: UInt64 = 1_000_000_000
    /// A peer's demand report older than this counts as unknown (default 1 s).
    package var demandStaleAfterNanos: UInt64 = 1_000_000_000
    /// With no peer report for this long a node's shares stop growing (default 300 ms).
    package var demandFreezeAfterNanos: UInt64 = 300_000_000
    /// A peer silent this long while others are heard is presumed dead and stops being reserved a
    /// share of throttles (default 5 s; see `DemandSplitter`).
    package var demandDeadAfterNanos: UInt64 = 5_000_000_000
    /// For this long after a key's demand starts on a node, the node takes at least an equal share
    /// of the live members (default 500 ms; see `DemandSplitter.nodeLimit`).
    package var demandWarmupNanos: UInt64 = 500_000_000
    /// How often demand reports go out (default 100 ms).
    package var demandIntervalNanos: UInt64 = 100_000_000
    /// How long a computed node share is reused before recomputing (default 50 ms).
    package var shareRefreshNanos: UInt64 = 50_000_000
    /// Peers each delta batch goes to (default 2).
    package var deltaFanout: Int = 2
    /// A fast-mode counter with at most this fraction of its limit left ships its deltas at once,
    /// to every peer (`takeUrgentOutgoing`), instead of at the next tick: near the limit a lag of
    /// one gossip interval is what over-admission is made of (default 0.05).
    package var urgentFraction: Double = 0.05
    /// How often a page of full state goes to one random peer (default 1 s).
    package var antiEntropyIntervalNanos: UInt64 = 1_000_000_000
    /// Counters per anti-entropy page (default 64).
    package var antiEntropyPageSize: Int = 64
    /// Minimum gap between two answers to one peer's sync requests (default 500 ms).
    package var syncReplyIntervalNanos: UInt64 = 500_000_000
    /// Most counters sent in answer to one sync request (default 4,096; anti-entropy brings the rest).
    package var maxSyncCounters: Int = 4_096
    /// Minimum gap between two rights requests for one counter (default 100 ms).
    package var rightsRetryNanos: UInt64 = 100_000_000
    /// How long quota counters outlive their period (default two days).
    package var quotaRetentionSeconds: Int64 = 2 * QuotaPeriod.daySeconds
    /// Largest payload handed to the gossip layer (default 1,100 bytes).
    package var maxPayloadBytes: Int = LimitsGossipCodec.defaultMaxPayloadBytes
    package var escrow = EscrowPolicy()

    package init(nodeID: NodeID, replicaID: ReplicaID, mintAuthority: ReplicaID, members: [NodeID] = [],
                 isObserver: Bool = false) {
        self.nodeID = nodeID
        self.replicaID = replicaID
        self.mintAuthority = mintAuthority
        self.members = members
        self.isObserver = isObserver
    }
}
