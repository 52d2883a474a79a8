import Shared
import Synchronization

/// A data-plane node's cluster limits: its `LimitsEngine`, the gossip service that shares it, and
/// the chain filters that consult it (`ApiKeyFilter`, `LimitsFilter`).
///
/// Wiring (`DataPlaneNode.Configuration.filterFactories`, set from `chainFeatures(limitsOn:)` in
/// `Serving/NodeLimits+ChainFeatures.swift`): for every snapshot about to go live, `apply(_:)` (off
/// the event loops: it may resolve peer host names), then the filter factories; `start()` once and
/// `shutdown()` at exit. `apply` updates the member list (demand splitting), the gossip peers (the
/// snapshot's nodes with gossip addresses, plus the control plane's observer) and the quota rules.
///
/// Mint authority: strict quotas need the control plane's observer (advertised in the snapshot's
/// `gossip`). Without one, every quota is enforced in fast mode (plain counters), since no node can
/// mint rights durably. When the authority first appears or changes, the engine is rebuilt under
/// the same replica id with the old engine's quota state imported (its own entries stay exact);
/// a node without a gossip socket cannot receive rights and enforces quotas in fast mode too;
/// throttle buckets start full again at that one moment.
///
/// Thread-safe: `runtime` is read by every request; the rest is called rarely.
package final class NodeLimits: Sendable {
    /// Settings from the command line.
    package struct Configuration: Sendable {
        package var nodeID: NodeID
        package var clusterSecret: String
        /// Where the gossip socket binds; nil runs without gossip (a lone node).
        package var gossipBind: SocketAddress?
        package var gossipTick: Duration = .milliseconds(100)
        /// Longest a request waits for strict-quota rights before 429 Too Many Requests (default 1 s).
        package var quotaWait: Duration = .seconds(1)
        /// Most requests waiting for rights at once on this node (default 10,000; more are refused).
        package var maxWaitingRequests: Int = 10_000
        /// Applied to every engine this node builds (tests and benchmarks shorten timers here).
        package var tune: @Sendable (inout LimitsEngineConfiguration) -> Void = { _ in }

        package init(nodeID: NodeID, clusterSecret: String, gossipBind: SocketAddress? = nil) {
            self.nodeID = nodeID
            self.clusterSecret = clusterSecret
            self.gossipBind = gossipBind
        }
    }

    /// What a request reads: the engine and whether strict quotas can be honoured.
    package struct Runtime: Sendable {
        package let engine: LimitsEngine
        package let strictQuotas: Bool
        let authority: ReplicaID?
    }

    package let configuration: Configuration
    package let clock: LimitsClock
    /// This process's replica id: random, fresh at every start.
    package let replicaID: ReplicaID
    package let gossip: GossipService?
    private let current: Mutex<Runtime>
    private let resolved = Mutex<[String: SocketAddress]>([:])
    /// Digests of key values seen, shared by every snapshot's `ApiKeyFilter`.
    let keyDigests = ApiKeyDigestCache()
    /// Requests waiting for strict-quota rights, woken by every engine this node builds.
    package let waitRoom: QuotaWaitRoom

    /// Builds the engine and binds the gossip socket (not started yet).
    package init(configuration: Configuration, clock: LimitsClock = .system) throws(SyscallError) {
        self.configuration = configuration
        self.clock = clock
        var random = SecureRandom.uint64()
        while random == 0 { random = SecureRandom.uint64() }
        replicaID = ReplicaID(random)
        waitRoom = QuotaWaitRoom(maxWait: configuration.quotaWait, capacity: configuration.maxWaitingRequests)
        let engine = Self.makeEngine(configuration, replica: replicaID, authority: nil, waitRoom: waitRoom)
        current = Mutex(Runtime(engine: engine, strictQuotas: false, authority: nil))
        if let bind = configuration.gossipBind {
            var gossipConfiguration = GossipService.Configuration(nodeID: configuration.nodeID, clusterSecret: configuration.clusterSecret)
            gossipConfiguration.tickInterval = configuration.gossipTick
            gossip = try GossipService(configuration: gossipConfiguration, bindAddress: bind, engine: engine, clock: clock)
        } else {
            gossip = nil
        }
    }

    /// The current engine and quota mode (one mutex read).
    package var runtime: Runtime { current.withLock { $0 } }

    /// The current engine's escrow figures (`tollgate_quota_*`; a scrape, never a request).
    package var quotaStatistics: LimitsEngine.QuotaStatistics {
        let runtime = runtime
        return runtime.engine.quotaStatistics(authority: runtime.authority)
    }

    package var engine: LimitsEngine { runtime.engine }

    /// The gossip socket's address as peers should reach it (`HOST:PORT`), if gossiping.
    package var gossipAddress: String? { gossip?.localAddress.description }

    // MARK: - Snapshot

    /// Adopts a newly applied snapshot's members, peers, mint authority and quota rules.
    package func apply(_ snapshot: CompiledSnapshot) {
        let authority = snapshot.gossip.flatMap { UInt64($0.mintAuthority, radix: 16) }.map(ReplicaID.init)
        let runtime = current.withLock { runtime -> Runtime in
            guard runtime.authority != authority else { return runtime }
            let engine = Self.makeEngine(configuration, replica: replicaID, authority: authority, waitRoom: waitRoom)
            engine.importState(runtime.engine.exportState(), now: clock.now())
            // Strict rights travel by gossip: a node without a gossip socket could never get any
            // and would refuse every keyed request, so it counts alone (fast mode) instead.
            runtime = Runtime(engine: engine, strictQuotas: authority != nil && configuration.gossipBind != nil, authority: authority)
            return runtime
        }
        gossip?.setEngine(runtime.engine)
        runtime.engine.updateMembers(snapshot.nodes.map { NodeID($0.nodeId) })
        var rules = QuotaRule.all(in: snapshot)
        if !runtime.strictQuotas { rules = rules.mapValues { QuotaRule(policy: $0.policy, strict: false) } }
        runtime.engine.updateQuotaRules(rules)
        guard let gossip else { return }
        var peers: [NodeID: SocketAddress] = [:]
        for node in snapshot.nodes where node.nodeId != configuration.nodeID.rawValue {
            if let text = node.gossipAddress, let address = resolve(text) { peers[NodeID(node.nodeId)] = address }
        }
        if let observer = snapshot.gossip, let address = resolve(observer.address) { peers[NodeID(observer.nodeId)] = address }
        gossip.setPeers(peers)
    }

    private func resolve(_ text: String) -> SocketAddress? {
        if let known = resolved.withLock({ $0[text] }) { return known }
        guard let address = GossipAddress.resolve(text) else { return nil }
        resolved.withLock { $0[text] = address }
        return address
    }

    // MARK: - Lifecycle

    /// Starts the gossip thread (no-op without gossip).
    package func start() {
        gossip?.start()
    }

    /// Stops gossip and closes its socket.
    package func shutdown() {
        gossip?.shutdown()
    }

    /// The switch that cuts this node off from gossip (tests, benchmarks); see `GossipService`.
    package func setGossipEnabled(_ enabled: Bool) {
        gossip?.setEnabled(enabled)
    }

    private static func makeEngine(_ configuration: Configuration, replica: ReplicaID, authority: ReplicaID?,
                                   waitRoom: QuotaWaitRoom) -> LimitsEngine {
        // Without an authority no replica may mint: ReplicaID(0) is never a process's id.
        var engineConfiguration = LimitsEngineConfiguration(nodeID: configuration.nodeID, replicaID: replica,
                                                            mintAuthority: authority ?? ReplicaID(0), members: [configuration.nodeID])
        configuration.tune(&engineConfiguration)
        let engine = LimitsEngine(configuration: engineConfiguration)
        engine.setQuotaChangeHandler { waitRoom.wake() }
        return engine
    }
}
