import Dispatch
import Shared
import Synchronization

/// The control plane's quota observer: a `LimitsEngine` in observer mode that merges every node's
/// quota counters, mints and grants strict-mode rights as the cluster's mint authority, persists
/// the merged state to SQLite, and answers GetUsage and UpdateUsage.
///
/// Durability (see docs/operations.md): every second (`start`), counters that changed since they
/// were last written are upserted in one transaction. Entries the authority writes itself — minted
/// rights, rights it grants, UpdateUsage adjustments — are written before they can leave:
/// `beforeSend` (the gossip service's hook) persists every counter whose outgoing delta carries
/// one, so a restarted control plane never grants the same rights twice. At start the stored
/// counters of the last `importDays` are merged back into the engine, and the authority keeps the
/// replica id stored with them.
///
/// Thread-safe. `usage` and `setRemaining` run inside the admin call's transaction; `persist` and
/// `refreshRules` open their own and must not be called from inside one.
package final class QuotaLedger: Sendable {
    /// The gossip id of the control plane unless configured otherwise.
    package static let defaultNodeId = "control-plane"
    /// How far back stored counters are loaded into the engine at start (older ones serve GetUsage
    /// from the database only).
    package static let importDays: Int64 = 40

    /// What the ledger tracks between calls.
    private struct State: Sendable {
        /// The state last written per counter.
        var persisted: [QuotaCounterKey: QuotaCounter] = [:]
        var rulesRevision: Int64?
        var adjustmentVersion: UInt64
    }

    package let engine: LimitsEngine
    /// The mint authority's replica id (this ledger's), stored in `quota_observer`.
    package let authority: ReplicaID
    package let nodeID: NodeID
    let store: ConfigStore
    let clock: LimitsClock
    private let state: Mutex<State>
    private let running = Atomic<Bool>(false)
    private let gossip = Mutex<GossipService?>(nil)
    private let queue = DispatchQueue(label: "tollgate.quota-ledger")

    /// Opens the ledger on `store`: creates the observer's identity on first start (a random replica
    /// id), records the advertised `gossipAddress` (bumping the revision when it changed, since
    /// snapshots carry it), loads recent counters and the current quota rules.
    package init(store: ConfigStore, gossipAddress: String?, nodeId: String = QuotaLedger.defaultNodeId,
                 clock: LimitsClock = .system, tune: (inout LimitsEngineConfiguration) -> Void = { _ in }) throws {
        self.store = store
        self.clock = clock
        let since = clock.now().epochSeconds - Self.importDays * QuotaPeriod.daySeconds
        let (record, stored, members) = try store.write { tx in
            var record = try tx.quotaObserver() ?? QuotaObserverRecord(replicaID: Self.freshReplicaID(), nodeId: nodeId, gossipAddress: nil)
            record.nodeId = nodeId
            record.gossipAddress = gossipAddress
            try tx.putQuotaObserver(record)
            let members = try tx.nodes(listedOnly: true).map { NodeID($0.nodeId) }
            return (record, try tx.quotaCounters(startingSince: since), members)
        }
        authority = record.replicaID
        nodeID = NodeID(nodeId)
        var configuration = LimitsEngineConfiguration(nodeID: nodeID, replicaID: authority, mintAuthority: authority,
                                                      members: members, isObserver: true)
        tune(&configuration)
        engine = LimitsEngine(configuration: configuration)
        engine.importState(stored, now: clock.now())
        state = Mutex(State(persisted: Dictionary(stored.map { ($0.key, $0.counter) }, uniquingKeysWith: { a, b in var c = a; c.merge(b); return c }),
                            adjustmentVersion: record.adjustmentVersion))
        try refreshRules()
    }

    private static func freshReplicaID() -> ReplicaID {
        var value = SecureRandom.uint64()
        while value == 0 { value = SecureRandom.uint64() }
        return ReplicaID(value)
    }

    // MARK: - Background work

    /// Persists changed counters and refreshes rules every `interval` (default 1 s) on a private queue.
    package func start(interval: Duration = .seconds(1)) {
        running.store(true, ordering: .releasing)
        schedule(after: interval)
    }

    private func schedule(after interval: Duration) {
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(interval.nanoseconds))) { [self] in
            guard running.load(ordering: .acquiring) else { return }
            try? refreshRules()
            try? persist()
            schedule(after: interval)
        }
    }

    /// Stops the periodic work and writes whatever changed since the last write.
    package func shutdown() {
        running.store(false, ordering: .releasing)
        queue.sync {}
        try? persist()
    }

    /// Lets `refreshRules` keep `service`'s peers (the listed nodes' gossip addresses) current.
    package func attach(_ service: GossipService) {
        gossip.withLock { $0 = service }
        state.withLock { $0.rulesRevision = nil }
        try? refreshRules()
    }

    /// Reloads plan rules, the member list and the gossip peers when the store's revision moved.
    /// `knownRevision` is the revision a caller just committed (it saves reading it again); nil reads it.
    package func refreshRules(knownRevision: Int64? = nil) throws {
        let revision = try knownRevision ?? store.revision()
        guard state.withLock({ $0.rulesRevision != revision }) else { return }
        let (rules, nodes) = try store.read { tx -> ([QuotaSubject: QuotaRule], [NodeRecord]) in
            var rules: [QuotaSubject: QuotaRule] = [:]
            let anchors = try tx.usagePlanQuotaAnchors()
            for plan in try tx.usagePlans() {
                // The same rule nodes compile from the snapshot (anchor included), so both agree.
                guard let rule = QuotaRule(plan, anchorEpochSeconds: anchors[plan.id]) else { continue }
                for keyId in try tx.usagePlanKeyIds(planId: plan.id) { rules[QuotaSubject(planId: plan.id, keyId: keyId)] = rule }
            }
            return (rules, try tx.nodes(listedOnly: true))
        }
        engine.updateQuotaRules(rules)
        engine.updateMembers(nodes.map { NodeID($0.nodeId) })
        if let service = gossip.withLock({ $0 }) {
            var peers: [NodeID: SocketAddress] = [:]
            for node in nodes {
                if let text = node.gossipAddress, let address = GossipAddress.resolve(text) { peers[NodeID(node.nodeId)] = address }
            }
            service.setPeers(peers)
        }
        state.withLock { $0.rulesRevision = revision }
    }

    // MARK: - Persistence

    /// Writes every counter whose merged state changed since it was last written (one transaction).
    package func persist() throws {
        try persist(engine.exportState())
    }

    /// The gossip service's hook: before payloads leave, writes the counters they carry entries of
    /// this authority's for (grants, mints, adjustments), so none of those is ever sent unrecorded.
    package func beforeSend(_ outgoing: [LimitsOutgoing]) {
        var keys = Set<QuotaCounterKey>()
        for item in outgoing {
            guard let (_, message) = try? LimitsGossipCodec.decode(item.payload) else { continue }
            switch message {
            case .delta(let slices), .fullState(let slices), .rightsGrant(let slices):
                for slice in slices where carriesAuthorityEntries(slice.counter) { keys.insert(slice.key) }
            case .demand, .rightsRequest, .syncRequest:
                continue
            }
        }
        guard !keys.isEmpty else { return }
        try? persist(keys.map { QuotaCounterSlice(key: $0, counter: engine.counter($0)) })
    }

    private func carriesAuthorityEntries(_ counter: QuotaCounter) -> Bool {
        !counter.adjustment.isEmpty || counter.transfers.cells.entries.contains { $0.key.from == authority }
    }

    private func persist(_ slices: [QuotaCounterSlice]) throws {
        let changed = state.withLock { state in slices.filter { state.persisted[$0.key] != $0.counter } }
        guard !changed.isEmpty else { return }
        let now = clock.now().epochSeconds
        try store.write { tx in try tx.putQuotaCounters(changed, at: now) }
        state.withLock { state in
            for slice in changed { state.persisted[slice.key] = slice.counter }
        }
    }

    // MARK: - GetUsage / UpdateUsage (inside the admin call's transaction)

    /// Per-day `[used, remaining]` of `planId`/`keyId` from `fromDay` through `toDay` (epoch seconds
    /// within those UTC days): the engine's live state merged with what the database holds (older
    /// days, and counters the engine no longer keeps).
    package func usage(planId: String, keyId: String, rule: QuotaRule?, fromDay: Int64, toDay: Int64,
                       _ tx: ConfigTransaction) throws -> [LimitsEngine.DailyUsage] {
        var stored: [QuotaCounterKey: QuotaCounter] = [:]
        for slice in try tx.quotaCounters(planId: planId, keyId: keyId) { stored[slice.key, default: QuotaCounter()].merge(slice.counter) }
        let engine = engine
        return LimitsEngine.dailyUsage(of: QuotaSubject(planId: planId, keyId: keyId), rule: rule, fromDay: fromDay, toDay: toDay) { key in
            var counter = engine.counter(key)
            if let old = stored[key] { counter.merge(old) }
            return counter
        }
    }

    /// UpdateUsage `replace /remaining`: the current period's remaining quota becomes `remaining`,
    /// as a last-writer-wins adjustment whose version (epoch ms) is strictly above every earlier
    /// one, even across restarts. Persisted in `tx` before gossip can carry it.
    package func setRemaining(_ remaining: Int, planId: String, keyId: String, rule: QuotaRule, _ tx: ConfigTransaction) throws {
        let now = clock.now()
        let version = state.withLock { state -> UInt64 in
            state.adjustmentVersion = max(state.adjustmentVersion + 1, UInt64(max(0, clock.epochMillis())))
            return state.adjustmentVersion
        }
        if var record = try tx.quotaObserver() {
            record.adjustmentVersion = version
            try tx.putQuotaObserver(record)
        }
        let subject = QuotaSubject(planId: planId, keyId: keyId)
        engine.updateQuotaRules([subject: rule])
        engine.setRemaining(remaining, of: subject, rule: rule, version: version, now: now)
        let key = QuotaCharge(planId: planId, keyId: keyId, rule: rule).counterKey(at: now.epochSeconds)
        let slice = QuotaCounterSlice(key: key, counter: engine.counter(key))
        try tx.putQuotaCounters([slice], at: now.epochSeconds)
        state.withLock { $0.persisted[key] = slice.counter }
    }
}
