/// How strict-mode nodes size their requests for escrow rights and how donors answer them.
///
/// A node aims to hold a *chunk* of `ceil(remaining / (2·members))` rights (at least 1, at most
/// `maxChunk`), so half of what is left stays with the authority and idle nodes for whoever needs
/// it. It asks when it holds less than half a chunk, for enough to refill the chunk. A donor that
/// admitted requests on the counter within `activeWindowNanos` may give half of its rights,
/// rounded up (so its last right too); an idle donor (and the control-plane authority, which serves no traffic)
/// may give everything it holds. Smaller chunks strand fewer rights on a node that dies; larger
/// ones need fewer requests.
package struct EscrowPolicy: Sendable, Equatable {
    package var maxChunk: UInt64
    package var activeWindowNanos: UInt64

    package init(maxChunk: UInt64 = 10_000, activeWindowNanos: UInt64 = 1_000_000_000) {
        self.maxChunk = max(1, maxChunk)
        self.activeWindowNanos = activeWindowNanos
    }

    /// The holding a node aims for, given the quota left cluster-wide as this node knows it.
    package func chunk(remaining: Int, members: Int) -> UInt64 {
        let parts = UInt64(2 * max(1, members))
        let left = UInt64(max(0, remaining))
        return min(maxChunk, max(1, (left + parts - 1) / parts))
    }

    /// How many rights to ask for, or nil when the node holds enough.
    package func want(holding rights: Int64, chunk: UInt64) -> UInt64? {
        let held = UInt64(max(0, rights))
        guard held * 2 < chunk || held == 0 else { return nil }
        return chunk - min(held, chunk - 1)
    }

    /// How many rights a donor holding `rights` may give away.
    package func grantable(holding rights: Int64, active: Bool) -> UInt64 {
        guard rights > 0 else { return 0 }
        // Half rounded up: a busy donor down to its last right still hands it to a node that asks,
        // else that right would sit unused while another node's requests wait for it.
        return active ? (UInt64(rights) + 1) / 2 : UInt64(rights)
    }
}
