/// One bucket a request must pass: its stable key, the limit this node enforces for it, and the
/// cluster-wide limit that local one is a share of.
///
/// `configured` lets the bucket tell a share move (same `configured`, different `limit`: keep the
/// bucket's deficit so the burst the cluster holds stays whole) from a configuration change (keep
/// the tokens, clamped, so a change never hands out a fresh burst). It defaults to `limit` (a node
/// alone enforces the whole limit).
package struct ThrottleCheck: Hashable, Sendable {
    package let key: LimiterKey
    package let limit: ThrottleLimit
    package let configured: ThrottleLimit

    package init(key: LimiterKey, limit: ThrottleLimit, configured: ThrottleLimit? = nil) {
        self.key = key
        self.limit = limit
        self.configured = configured ?? limit
    }
}
