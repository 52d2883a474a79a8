/// Seals outgoing gossip datagrams and authenticates incoming ones: HMAC, addressing, timestamp
/// skew and per-sender replay protection, with a counter for every reason a datagram is dropped.
///
/// Socket-free: the gossip loop hands it bytes and sends what it returns. A value type with no
/// locks, meant to be owned by the one thread or loop that runs gossip. Time comes from the
/// injected clock (Unix epoch milliseconds).
///
/// Sequence numbers start at `clock() × 1024` and count up by one per sealed datagram, so after a
/// restart a node's numbers are higher than any it used before, provided it sealed fewer than 1,024
/// datagrams per millisecond of uptime on average, and its clock did not step back. Receivers
/// therefore keep their replay state across a sender's restart.
package struct GossipAuthenticator: Sendable {
    /// Limits; the defaults suit gossip between nodes whose clocks are NTP-synchronised.
    package struct Configuration: Sendable, Equatable {
        /// Largest frame accepted: the largest UDP payload over IPv4 by default.
        package var maxFrameBytes = 65_507
        /// Largest difference allowed between a sender's timestamp and our clock.
        package var maxClockSkewMillis: Int64 = 30_000
        /// How many sequence numbers below the highest one seen are still accepted once (out-of-order
        /// delivery); a positive multiple of 64.
        package var replayWindowSize = 256

        package init() {}
    }

    /// Counts of accepted and dropped datagrams since start.
    package struct Statistics: Sendable, Equatable {
        package var accepted: UInt64 = 0
        package var sealed: UInt64 = 0
        package var dropped: [GossipDropReason: UInt64] = [:]

        package var totalDropped: UInt64 { dropped.values.reduce(0, +) }
        package func dropped(_ reason: GossipDropReason) -> UInt64 { dropped[reason] ?? 0 }
    }

    package typealias Clock = @Sendable () -> Int64

    package let localNodeID: String
    package let configuration: Configuration
    private let key: GossipKey
    private let clock: Clock
    private var nextSequence: UInt64
    private var windows: [String: GossipReplayWindow] = [:]
    package private(set) var statistics = Statistics()

    /// - Parameters:
    ///   - localNodeID: this node's id (1…255 UTF-8 bytes), written as the sender of sealed datagrams.
    ///   - clock: current time in Unix epoch milliseconds.
    package init(localNodeID: String, key: GossipKey, configuration: Configuration = Configuration(), clock: @escaping Clock) {
        precondition((1...255).contains(localNodeID.utf8.count), "GossipAuthenticator: node id must be 1…255 bytes")
        precondition(configuration.replayWindowSize > 0 && configuration.replayWindowSize % 64 == 0,
                     "GossipAuthenticator: replayWindowSize must be a positive multiple of 64")
        self.localNodeID = localNodeID
        self.key = key
        self.configuration = configuration
        self.clock = clock
        nextSequence = UInt64(max(clock(), 1)) << 10
    }

    // MARK: - Outgoing

    /// The frame carrying `payload` from this node, addressed to `recipient` (nil: any node).
    package mutating func seal(_ payload: [UInt8], to recipient: String? = nil) -> [UInt8] {
        let datagram = GossipDatagram(senderID: localNodeID, recipientID: recipient, sequence: nextSequence,
                                      timestampMillis: clock(), payload: payload)
        nextSequence += 1
        statistics.sealed += 1
        return datagram.encode(key: key)
    }

    // MARK: - Incoming

    /// Authenticates `frame`; returns the datagram if it should be processed, or why it was dropped
    /// (already counted). The replay state changes only for datagrams that are accepted.
    package mutating func open(_ frame: some Collection<UInt8>) -> Result<GossipDatagram, GossipDropReason> {
        let result = authenticate(frame)
        switch result {
        case .success: statistics.accepted += 1
        case .failure(let reason): statistics.dropped[reason, default: 0] += 1
        }
        return result
    }

    private mutating func authenticate(_ frame: some Collection<UInt8>) -> Result<GossipDatagram, GossipDropReason> {
        let datagram: GossipDatagram
        switch GossipDatagram.decode(frame, key: key, maxFrameBytes: configuration.maxFrameBytes) {
        case .success(let decoded): datagram = decoded
        case .failure(let reason): return .failure(reason)
        }
        if datagram.senderID == localNodeID { return .failure(.fromSelf) }
        if let recipient = datagram.recipientID, recipient != localNodeID { return .failure(.wrongRecipient) }

        let now = clock()
        if datagram.timestampMillis < now - configuration.maxClockSkewMillis { return .failure(.staleTimestamp) }
        if datagram.timestampMillis > now + configuration.maxClockSkewMillis { return .failure(.futureTimestamp) }

        var window = windows[datagram.senderID] ?? GossipReplayWindow(size: configuration.replayWindowSize)
        switch window.check(datagram.sequence) {
        case .replayed: return .failure(.replayed)
        case .tooOld: return .failure(.outsideReplayWindow)
        case .fresh:
            window.record(datagram.sequence)
            windows[datagram.senderID] = window
            return .success(datagram)
        }
    }

    /// Senders with replay state, for diagnostics.
    package var trackedSenders: Int { windows.count }
}
