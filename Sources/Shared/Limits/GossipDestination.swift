/// Where the gossip layer should send an outgoing payload.
package enum GossipDestination: Equatable, Sendable {
    /// Every live peer, the control-plane observer included.
    case allPeers
    /// This many peers picked at random.
    case randomPeers(Int)
    /// One node (the answer to its rights request).
    case node(NodeID)
}
