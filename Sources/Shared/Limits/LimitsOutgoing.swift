/// One payload for the gossip layer to frame, authenticate and send.
package struct LimitsOutgoing: Equatable, Sendable {
    package let destination: GossipDestination
    package let payload: [UInt8]

    package init(destination: GossipDestination, payload: [UInt8]) {
        self.destination = destination
        self.payload = payload
    }
}
