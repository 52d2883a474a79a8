/// The quota a request counts against: a usage plan, one of its API keys, and the plan's rule.
package struct QuotaCharge: Sendable {
    package let planId: String
    package let keyId: String
    package let rule: QuotaRule

    package init(planId: String, keyId: String, rule: QuotaRule) {
        self.planId = planId
        self.keyId = keyId
        self.rule = rule
    }

    /// The enforcement counter's key for the period containing `epochSeconds`.
    package func counterKey(at epochSeconds: Int64) -> QuotaCounterKey {
        QuotaCounterKey(planId: planId, keyId: keyId, period: rule.policy.period,
                        periodStart: rule.policy.periodStart(at: epochSeconds))
    }
}
