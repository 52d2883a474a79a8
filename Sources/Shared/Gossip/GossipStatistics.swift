/// Counters of one `GossipService` since it started: what the authenticator accepted and dropped
/// (by reason), what was sent, and the service's own drops. Exposed on the debug endpoints.
package struct GossipStatistics: Sendable, Equatable {
    /// The authenticator's counts (accepted, sealed, dropped per `GossipDropReason`).
    package var frames = GossipAuthenticator.Statistics()
    /// Datagrams handed to the kernel.
    package var sent: UInt64 = 0
    /// Datagrams the kernel refused (buffer full, no route) or with no known address.
    package var sendFailures: UInt64 = 0
    /// Datagrams received while gossip was switched off (not even authenticated).
    package var droppedWhileDisabled: UInt64 = 0
    /// Authentic datagrams whose payload the limits codec rejected.
    package var malformedPayloads: UInt64 = 0
    /// Full-state exchanges started because a peer appeared or came back.
    package var syncs: UInt64 = 0
    /// Peers known from the snapshot (and the observer).
    package var peers = 0
    /// Peers an authentic datagram has come from since the service started.
    package var peersHeard = 0
    /// How long the quietest known peer has gone unheard (since the service started for one never
    /// heard); nil without peers. Filled when the statistics are read.
    package var longestPeerSilenceNanos: UInt64?
    /// Whether gossip is switched on.
    package var enabled = true

    package init() {}

    /// A small JSON object for the debug endpoints.
    package var json: String {
        let drops = GossipDropReason.allCases.map { "\"\($0.rawValue)\":\(frames.dropped($0))" }.joined(separator: ",")
        return "{\"enabled\":\(enabled),\"peers\":\(peers),\"accepted\":\(frames.accepted),\"sealed\":\(frames.sealed),"
            + "\"sent\":\(sent),\"sendFailures\":\(sendFailures),\"droppedWhileDisabled\":\(droppedWhileDisabled),"
            + "\"malformedPayloads\":\(malformedPayloads),\"syncs\":\(syncs),\"dropped\":{\(drops)}}"
    }
}
