/// Body memory: what the connection holds against the node's `BodyMemoryBudget` — the body being
/// read (`requestBody`), bodies of delivered requests awaiting their response (`Pending`), and
/// response bodies in `outbound` — and giving it back on every path that drops it.
extension HTTPServerConnectionStateMachine {
    /// Gives back what queued output no longer keeps alive. A body queued by reference stays
    /// counted whole until its last byte is sent, since its array lives until then: releasing as
    /// bytes went out let 73 slow readers pin 250 MB more than the budget said.
    mutating func releaseWrittenOutbound() {
        let retained = outbound.retainedCount
        guard outboundReserved > retained else { return }
        configuration.bodyBudget?.release(outboundReserved - retained)
        outboundReserved = retained
    }

    /// Forgets pending requests, giving back their bodies' reservations.
    mutating func dropPending() {
        if let budget = configuration.bodyBudget {
            for entry in pending { budget.release(entry.reservedBytes) }
        }
        pending.removeAll()
    }

    /// Gives back every reservation the connection holds (it is closing, or was aborted by the
    /// shell). Idempotent; the budget never keeps bytes of a closed connection.
    mutating func releaseBodyMemory() {
        requestBody.release()
        dropPending()
        configuration.bodyBudget?.release(outboundReserved)
        outboundReserved = 0
    }
}
