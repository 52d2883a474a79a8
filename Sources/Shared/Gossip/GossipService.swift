#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The gossip transport: one UDP socket, every datagram sealed and opened by `GossipAuthenticator`,
/// carrying `LimitsEngine` payloads between data-plane nodes and the control plane's observer.
///
/// Threads: `start()` runs `run()` on a dedicated thread that waits on the socket and calls the
/// engine's `makeOutgoing` every `tickInterval` (default 100 ms). What cannot wait for the tick
/// (`takeUrgentOutgoing`) wakes the thread through a `WakeSignal` the engine fires when it first
/// has something urgent, so the thread sleeps between ticks and datagrams instead of polling;
/// `setPeers`, `setEnabled`,
/// `setEngine` and `statistics` may be called from any thread. Peers come from the snapshot's
/// node list (plus the observer); a reply to an authenticated sender that is not (yet) listed goes
/// to the address its datagram came from.
///
/// Catching up: when a peer is heard for the first time, or again after `rejoinAfter` of silence
/// (it restarted, or one side was partitioned), this side sends it its full state and a sync
/// request, so both exchange everything in one round trip instead of waiting for anti-entropy.
///
/// The off switch (`setEnabled(false)`) cuts the node off as a partition would: nothing is sent,
/// and everything received is dropped unread (counted in `droppedWhileDisabled`). The engine's
/// tick does not run meanwhile, so deltas wait in its buffer and leave when gossip is switched on.
package final class GossipService: Sendable {
    /// Settings of one service.
    package struct Configuration: Sendable {
        /// This process's id in frames: the node id, or the control plane's gossip id.
        package var nodeID: NodeID
        package var clusterSecret: String
        /// How often the engine's `makeOutgoing` runs (default 100 ms).
        package var tickInterval: Duration = .milliseconds(100)
        /// Silence after which a peer that speaks again is synced with (default 1 s).
        package var rejoinAfter: Duration = .seconds(1)
        package var authenticator = GossipAuthenticator.Configuration()
        /// Most datagrams read per wake-up before the tick gets a turn (default 256).
        package var receiveBatch = 256

        package init(nodeID: NodeID, clusterSecret: String) {
            self.nodeID = nodeID
            self.clusterSecret = clusterSecret
        }
    }

    /// Mutable state, behind one mutex.
    private struct State: Sendable {
        var authenticator: GossipAuthenticator
        var engine: LimitsEngine
        var peers: [NodeID: SocketAddress] = [:]
        /// Source addresses of authenticated senders (bounded), for replies to unlisted peers.
        var learned: [NodeID: SocketAddress] = [:]
        var lastHeard: [NodeID: UInt64] = [:]
        var statistics = GossipStatistics()
        /// When the service was made (monotonic ns): a peer never heard has been silent since then.
        var created: UInt64
    }

    package let configuration: Configuration
    package let localAddress: SocketAddress
    private let socket: UDPSocket
    /// Fired by the engine when something urgent is waiting (see `LimitsEngine.setUrgentHandler`).
    private let wake: WakeSignal
    private let clock: LimitsClock
    private let state: Mutex<State>
    private let beforeSend: @Sendable ([LimitsOutgoing]) -> Void
    private let stopping = Atomic<Bool>(false)
    private let thread = Mutex<pthread_t?>(nil)
    private static let maxLearned = 1_024

    /// Binds the socket at `bindAddress` (port 0 picks one; see `localAddress`). `beforeSend` runs
    /// on the gossip thread with every batch of engine payloads before any of it is sent: the
    /// control plane persists its grants there (see docs/limits.md, strict mode).
    package convenience init(configuration: Configuration, bindAddress: SocketAddress, engine: LimitsEngine, clock: LimitsClock = .system,
                             beforeSend: @escaping @Sendable ([LimitsOutgoing]) -> Void = { _ in }) throws(SyscallError) {
        try self.init(configuration: configuration, socket: try UDPSocket(bindingTo: bindAddress), engine: engine, clock: clock,
                  beforeSend: beforeSend)
    }

    /// Runs on a socket bound beforehand (the control plane binds before it records its address).
    package init(configuration: Configuration, socket: UDPSocket, engine: LimitsEngine, clock: LimitsClock = .system,
                 beforeSend: @escaping @Sendable ([LimitsOutgoing]) -> Void = { _ in }) throws(SyscallError) {
        let wake = try WakeSignal()
        self.wake = wake
        engine.setUrgentHandler { wake.signal() }
        self.configuration = configuration
        self.clock = clock
        self.beforeSend = beforeSend
        self.socket = socket
        localAddress = socket.localAddress
        let authenticator = GossipAuthenticator(localNodeID: configuration.nodeID.rawValue,
                                                key: GossipKey(clusterSecret: configuration.clusterSecret),
                                                configuration: configuration.authenticator, clock: clock.epochMillis)
        state = Mutex(State(authenticator: authenticator, engine: engine, created: clock.monotonicNanos()))
    }

    // MARK: - Control (any thread)

    /// Replaces the peer list (the snapshot's nodes with gossip addresses, plus the observer).
    package func setPeers(_ peers: [NodeID: SocketAddress]) {
        state.withLock { state in
            state.peers = peers.filter { $0.key != configuration.nodeID }
            state.statistics.peers = state.peers.count
        }
    }

    /// Swaps the engine (a node whose mint authority changed starts a fresh one).
    package func setEngine(_ engine: LimitsEngine) {
        let wake = wake
        engine.setUrgentHandler { wake.signal() }
        state.withLock { $0.engine = engine }
    }

    /// Switches gossip off (a simulated partition) or back on.
    package func setEnabled(_ enabled: Bool) {
        state.withLock { $0.statistics.enabled = enabled }
    }

    package var isEnabled: Bool { state.withLock { $0.statistics.enabled } }

    package var statistics: GossipStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.frames = state.authenticator.statistics
            statistics.peersHeard = state.lastHeard.count
            // The longest silence among the peers gossip sends to: nothing this node knows of that
            // peer's counters is more recent, so it bounds how far behind the merged state can be.
            let now = clock.monotonicNanos()
            statistics.longestPeerSilenceNanos = state.peers.keys.map { peer in
                let since = state.lastHeard[peer] ?? state.created
                return now > since ? now - since : 0
            }.max()
            return statistics
        }
    }

    // MARK: - Lifecycle

    /// Starts the gossip thread.
    package func start() {
        thread.withLock { thread in
            guard thread == nil else { return }
            thread = Syscall.spawnThread(name: "tollgate-gossip") { [self] in run() }
        }
    }

    /// Runs the receive/tick loop on the calling thread until `shutdown`.
    package func run() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let interval = configuration.tickInterval.nanoseconds
        var nextTick = clock.monotonicNanos()
        while !stopping.load(ordering: .acquiring) {
            let now = clock.monotonicNanos()
            if now >= nextTick {
                tick()
                nextTick = max(nextTick + interval, now + interval / 2)
            }
            // Sleep until the tick, a datagram, or the engine's wake for what cannot wait (counters
            // near their limit, rights requests).
            let wait = nextTick > now ? nextTick - now : 0
            let ready = (try? socket.waitReadable(orWoken: wake, timeout: .nanoseconds(Int64(wait)))) ?? (readable: false, woken: false)
            if ready.woken { wake.drain() }
            if ready.readable { drain(buffer: &buffer) }
            flushUrgent()
        }
    }

    /// Stops the thread (within one tick interval), waits for it, and closes the socket.
    package func shutdown() {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        if let running = thread.withLock({ thread -> pthread_t? in defer { thread = nil }; return thread }) {
            Syscall.join(running)
        }
        socket.close()
        wake.close()
    }

    // MARK: - Work (gossip thread)

    /// Handles the datagrams already queued on the socket (at most `receiveBatch`); returns how many.
    @discardableResult
    func drain() -> Int {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        return drain(buffer: &buffer)
    }

    private func drain(buffer: inout [UInt8]) -> Int {
        var handled = 0
        while handled < configuration.receiveBatch, let (count, sender) = (try? socket.receive(into: &buffer)) ?? nil {
            handle(frame: buffer[..<count], from: sender)
            handled += 1
        }
        return handled
    }

    /// Sends what the engine has that cannot wait for the tick, if anything. Skipped while switched off.
    func flushUrgent() {
        guard let engine = state.withLock({ $0.statistics.enabled ? $0.engine : nil }) else { return }
        send(engine.takeUrgentOutgoing(now: clock.now()))
    }

    /// One gossip round: whatever the engine has due goes out. Skipped while switched off.
    func tick() {
        guard let engine = state.withLock({ $0.statistics.enabled ? $0.engine : nil }) else { return }
        send(engine.makeOutgoing(now: clock.now()))
    }

    /// Authenticates one datagram and hands its payload to the engine; sends the engine's replies.
    func handle(frame: some Collection<UInt8>, from sender: SocketAddress?) {
        let now = clock.monotonicNanos()
        let rejoinNanos = configuration.rejoinAfter.nanoseconds
        let accepted = state.withLock { state -> (GossipDatagram, LimitsEngine, Bool)? in
            guard state.statistics.enabled else {
                state.statistics.droppedWhileDisabled += 1
                return nil
            }
            guard case .success(let datagram) = state.authenticator.open(frame) else { return nil }
            let node = NodeID(datagram.senderID)
            let rejoined = state.lastHeard[node].map { now > $0 && now - $0 > rejoinNanos } ?? true
            state.lastHeard[node] = now
            if let sender, state.learned[node] != nil || state.learned.count < Self.maxLearned { state.learned[node] = sender }
            if rejoined { state.statistics.syncs += 1 }
            return (datagram, state.engine, rejoined)
        }
        guard let (datagram, engine, rejoined) = accepted else { return }
        let node = NodeID(datagram.senderID)
        var replies: [LimitsOutgoing] = []
        do {
            replies = try engine.receive(datagram.payload, from: node, now: clock.now())
        } catch {
            state.withLock { $0.statistics.malformedPayloads += 1 }
        }
        if rejoined { replies += engine.syncMessages(to: node) }
        send(replies)
    }

    /// Seals each payload for each of its recipients and sends it.
    private func send(_ outgoing: [LimitsOutgoing]) {
        guard !outgoing.isEmpty else { return }
        beforeSend(outgoing)
        let frames = state.withLock { state -> [(SocketAddress?, [UInt8])] in
            var frames: [(SocketAddress?, [UInt8])] = []
            for item in outgoing {
                for node in recipients(item.destination, state: state) {
                    let address = state.peers[node] ?? state.learned[node]
                    frames.append((address, state.authenticator.seal(item.payload, to: node.rawValue)))
                }
            }
            return frames
        }
        var sent: UInt64 = 0, failed: UInt64 = 0
        for (address, frame) in frames {
            if let address, (try? socket.send(frame, to: address)) == true { sent += 1 } else { failed += 1 }
        }
        state.withLock { state in
            state.statistics.sent += sent
            state.statistics.sendFailures += failed
        }
    }

    private func recipients(_ destination: GossipDestination, state: State) -> [NodeID] {
        switch destination {
        case .allPeers: return Array(state.peers.keys)
        case .randomPeers(let count): return Array(state.peers.keys.shuffled().prefix(max(0, count)))
        case .node(let node): return [node]
        }
    }
}
