/// Protocol upgrade (WebSocket, h2c, …): handing the connection over once the handler agreed.
///
/// A request that asks for an upgrade (`HTTPRequestHead.asksForUpgrade`) holds parsing after it:
/// the bytes that follow may already be the new protocol. When its response is queued, a
/// `101 Switching Protocols` makes the machine emit `.upgrade(buffered:)` with the bytes read past
/// the request and stop speaking HTTP (phase `.upgraded`); any other status resumes parsing as if
/// nothing had been asked. The shell then gives the transport, the unsent `outbound` (the `101`
/// head, written first) and those bytes to a new owner.
extension HTTPServerConnectionStateMachine {
    /// Called once the answer to an upgrade-asking request is serialized; `switching` when it is a
    /// `101` that keeps the connection. Returns whether the connection was handed over.
    mutating func finishUpgradeOffer(switching: Bool) -> Bool {
        upgradeOffered = false
        guard switching else { return false }
        phase = .upgraded
        reading = .stopped
        dropPending()
        requestBody.release()
        // What the new owner takes (earlier responses still in `outbound`) leaves HTTP's accounting.
        configuration.bodyBudget?.release(outboundReserved)
        outboundReserved = 0
        if armedDeadline != nil {
            armedDeadline = nil
            emit(.cancelTimer)
        }
        emit(.upgrade(buffered: parser.takeBufferedBytes()))
        return true
    }

    var isUpgraded: Bool { phase == .upgraded }
}
