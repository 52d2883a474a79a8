/// Quota rules from usage plans, as nodes (compiled snapshot) and the control plane (store) see them.
///
/// Both must build equal rules for the same plan (the engine compares them): same policy, same
/// anchor (the control plane's stored `quota_anchor`, published as `quotaAnchorEpochSeconds`).
extension QuotaRule {
    /// The plan tag that selects fast-mode quotas: `tollgate:quota-mode` = `fast`. Any other value,
    /// or none, means strict (escrow) mode, the default.
    package static let modeTag = "tollgate:quota-mode"

    /// Whether a plan with these tags enforces its quota strictly.
    package static func isStrict(tags: [String: String]?) -> Bool {
        tags?[modeTag]?.lowercased() != "fast"
    }

    /// The rule of a compiled plan; nil when the plan has no quota.
    package init?(_ plan: CompiledUsagePlan) {
        guard let quota = plan.quota, let period = QuotaPeriod(awsName: quota.period.rawValue) else { return nil }
        self.init(policy: QuotaPolicy(limit: quota.limit, period: period, offset: quota.offset,
                                      anchorEpochSeconds: quota.anchorEpochSeconds),
                  strict: plan.strictQuota)
    }

    /// The rule of a stored plan whose quota took effect at `anchorEpochSeconds` (the store's
    /// `usagePlanQuotaAnchor`; nil: offset ignored); nil when the plan has no quota.
    package init?(_ plan: UsagePlan, anchorEpochSeconds: Int64?) {
        guard let settings = plan.quota,
              let policy = QuotaPolicy(settings: settings, anchorEpochSeconds: anchorEpochSeconds) else { return nil }
        self.init(policy: policy, strict: Self.isStrict(tags: plan.tags))
    }

    /// Every (plan, key) rule of a compiled snapshot.
    package static func all(in snapshot: CompiledSnapshot) -> [QuotaSubject: QuotaRule] {
        var rules: [QuotaSubject: QuotaRule] = [:]
        for plan in snapshot.usagePlans {
            guard let rule = QuotaRule(plan) else { continue }
            for keyId in plan.keyIds { rules[QuotaSubject(planId: plan.id, keyId: keyId)] = rule }
        }
        return rules
    }
}
