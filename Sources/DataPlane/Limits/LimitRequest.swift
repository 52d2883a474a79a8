/// What the request pipeline asks the limits engine about one request.
///
/// `throttles` lists the cluster-wide limits of every level the request passes, most specific
/// first (usage-plan key method ▸ usage-plan key ▸ stage method or stage default ▸ account, per
/// AWS); the engine enforces this node's share of each. `quota` is present only for requests that
/// carry an API key on a method with `apiKeyRequired`, whose plan has a quota.
package struct LimitRequest: Sendable {
    package var throttles: [ThrottleCheck]
    package var quota: QuotaCharge?

    package init(throttles: [ThrottleCheck], quota: QuotaCharge? = nil) {
        self.throttles = throttles
        self.quota = quota
    }
}

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

/// A usage plan and API key pair (what GetUsage and UpdateUsage address).
package struct QuotaSubject: Hashable, Sendable {
    package let planId: String
    package let keyId: String

    package init(planId: String, keyId: String) {
        self.planId = planId
        self.keyId = keyId
    }
}
