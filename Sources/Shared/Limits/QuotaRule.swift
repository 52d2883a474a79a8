/// How one plan's quota is enforced for its keys: the policy plus strict (escrow) or fast mode.
package struct QuotaRule: Hashable, Sendable {
    package let policy: QuotaPolicy
    /// Strict: never admit past the limit (escrow rights). Fast: plain counters, bounded overshoot.
    package let strict: Bool

    package init(policy: QuotaPolicy, strict: Bool = true) {
        self.policy = policy
        self.strict = strict
    }
}
