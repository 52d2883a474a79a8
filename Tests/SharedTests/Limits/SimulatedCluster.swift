@testable import Shared

/// An in-memory cluster of `LimitsEngine`s joined by a lossy, duplicating, reordering network,
/// driven by a simulated clock. No sockets, no sleeping.
final class SimulatedCluster {
    struct Member {
        let id: NodeID
        let engine: LimitsEngine
        var reachable = true
    }

    private struct Packet {
        let deliverAt: UInt64
        let sequence: Int
        let from: NodeID
        let to: NodeID
        let payload: [UInt8]
    }

    var members: [Member] = []
    private var inFlight: [Packet] = []
    private var sequence = 0
    private var rng: SeededGenerator
    private(set) var nowNanos: UInt64 = 0
    let epochBase: Int64
    var lossRate = 0.0
    var duplicateRate = 0.0
    var delayNanos: ClosedRange<UInt64> = 1_000_000...5_000_000
    var gossipIntervalNanos: UInt64 = 100_000_000
    private var nextGossip: [NodeID: UInt64] = [:]
    private(set) var decodeFailures = 0

    /// `nodes` data-plane nodes named n0…; with `observer`, a control-plane observer "cp" that is
    /// the mint authority (otherwise n0's replica is).
    init(nodes: Int, observer: Bool, seed: UInt64, epochBase: Int64 = 1_709_164_800,
         configure: (inout LimitsEngineConfiguration) -> Void = { _ in }) {
        rng = SeededGenerator(seed: seed)
        self.epochBase = epochBase
        let names = (0..<nodes).map { NodeID("n\($0)") }
        let authority = observer ? ReplicaID(0xC0) : ReplicaID(1)
        for (index, name) in names.enumerated() {
            var configuration = LimitsEngineConfiguration(nodeID: name, replicaID: ReplicaID(UInt64(index + 1)),
                                                          mintAuthority: authority, members: names)
            configure(&configuration)
            members.append(Member(id: name, engine: LimitsEngine(configuration: configuration)))
        }
        if observer {
            var configuration = LimitsEngineConfiguration(nodeID: NodeID("cp"), replicaID: authority, mintAuthority: authority,
                                                          members: names, isObserver: true)
            configure(&configuration)
            members.append(Member(id: NodeID("cp"), engine: LimitsEngine(configuration: configuration)))
        }
        // Stagger gossip ticks so nodes do not act in lockstep.
        for (index, member) in members.enumerated() {
            nextGossip[member.id] = UInt64(index) * gossipIntervalNanos / UInt64(max(1, members.count))
        }
    }

    var instant: LimitsInstant {
        LimitsInstant(monotonicNanos: nowNanos, epochSeconds: epochBase + Int64(nowNanos / 1_000_000_000))
    }

    func engine(_ name: String) -> LimitsEngine { members.first { $0.id.rawValue == name }!.engine }

    var dataNodes: [Member] { members.filter { !$0.engine.configuration.isObserver } }

    /// Replaces a node's engine (a restart under a fresh replica id), optionally seeded.
    func restart(_ name: String, replica: ReplicaID, seed: [QuotaCounterSlice] = []) {
        let index = members.firstIndex { $0.id.rawValue == name }!
        var configuration = members[index].engine.configuration
        configuration.replicaID = replica
        let engine = LimitsEngine(configuration: configuration)
        engine.importState(seed, now: instant)
        members[index] = Member(id: members[index].id, engine: engine, reachable: members[index].reachable)
        inFlight.removeAll { $0.to.rawValue == name }
    }

    func setReachable(_ name: String, _ reachable: Bool) {
        let index = members.firstIndex { $0.id.rawValue == name }!
        members[index].reachable = reachable
    }

    /// Advances the clock to `time`, running gossip ticks and deliveries due on the way.
    func advance(to time: UInt64) {
        while true {
            let nextTick = nextGossip.values.min() ?? .max
            let nextPacket = inFlight.map(\.deliverAt).min() ?? .max
            let next = min(nextTick, nextPacket)
            guard next <= time else { break }
            nowNanos = max(nowNanos, next)
            if nextPacket <= nextTick {
                deliverDue()
            } else {
                for member in members where nextGossip[member.id]! <= nowNanos {
                    nextGossip[member.id]! += gossipIntervalNanos
                    route(member.engine.makeOutgoing(now: instant), from: member.id)
                }
            }
        }
        nowNanos = max(nowNanos, time)
    }

    private func deliverDue() {
        let due = inFlight.filter { $0.deliverAt <= nowNanos }.sorted { ($0.deliverAt, $0.sequence) < ($1.deliverAt, $1.sequence) }
        inFlight.removeAll { $0.deliverAt <= nowNanos }
        for packet in due {
            guard let index = members.firstIndex(where: { $0.id == packet.to }) else { continue }
            do {
                let replies = try members[index].engine.receive(packet.payload, from: packet.from, now: instant)
                route(replies, from: packet.to)
            } catch {
                decodeFailures += 1
            }
        }
    }

    private func route(_ outgoing: [LimitsOutgoing], from sender: NodeID) {
        let others = members.map(\.id).filter { $0 != sender }
        for item in outgoing {
            let targets: [NodeID]
            switch item.destination {
            case .allPeers: targets = others
            case .randomPeers(let count): targets = Array(others.shuffled(using: &rng).prefix(count))
            case .node(let node): targets = [node]
            }
            for target in targets { send(item.payload, from: sender, to: target) }
        }
    }

    private func send(_ payload: [UInt8], from: NodeID, to: NodeID) {
        let fromReachable = members.first { $0.id == from }?.reachable ?? false
        let toReachable = members.first { $0.id == to }?.reachable ?? false
        guard fromReachable, toReachable else { return }
        guard Double.random(in: 0..<1, using: &rng) >= lossRate else { return }
        let copies = Double.random(in: 0..<1, using: &rng) < duplicateRate ? 2 : 1
        for _ in 0..<copies {
            sequence += 1
            let delay = UInt64.random(in: delayNanos, using: &rng)
            inFlight.append(Packet(deliverAt: nowNanos + delay, sequence: sequence, from: from, to: to, payload: payload))
        }
    }
}
