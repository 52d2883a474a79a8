import Shared

/// Method-request phase: throttles at every AWS level and the usage-plan quota (reference §2.2
/// step 5, §2.8), decided by this node's `LimitsEngine`.
///
/// Levels, most specific first: the usage plan's per-method throttle for the key, else the plan's
/// throttle (only for keyed requests on `apiKeyRequired` methods, after `ApiKeyPhase`); the stage's
/// method setting, else its `*/*` default; the account. AWS applies stage limits "at the API method
/// level", so a `*/*` default gives each method its own bucket, keyed like a method setting: the
/// bucket keeps its tokens if the stage later gets an explicit setting for that method. A stage or
/// method limit no tighter than the account's adds no bucket (the account bucket, which every
/// request passes, refuses first). Buckets and counters are keyed by ids, never by snapshot
/// revision, so redeploys and rollbacks keep them. Built per snapshot, like `ApiKeyPhase`.
///
/// Refusals: a bucket (any level; `0/0` refuses all) or strict-mode rights still on their way →
/// 429 `{"message":"Too Many Requests"}`; quota used up → 429 `{"message":"Limit Exceeded"}`.
package struct LimitsPhase: RequestPhase {
    package let name = "throttle"
    let limits: NodeLimits
    let snapshot: CompiledSnapshot

    package init(limits: NodeLimits, snapshot: CompiledSnapshot) {
        self.limits = limits
        self.snapshot = snapshot
    }

    package func process(_ invocation: inout Invocation) -> PhaseOutcome {
        let runtime = limits.runtime
        let request = Self.limitRequest(for: invocation, snapshot: snapshot, strictQuotas: runtime.strictQuotas)
        switch runtime.engine.check(request, now: limits.clock.now()) {
        case .admit: return .proceed
        case .throttled: return .fail(.throttled)
        case .quotaExceeded: return .fail(.quotaExceeded)
        }
    }

    /// The buckets and quota `invocation` must pass. With `strictQuotas` false (no mint authority
    /// in the cluster), every quota is enforced in fast mode.
    static func limitRequest(for invocation: Invocation, snapshot: CompiledSnapshot, strictQuotas: Bool) -> LimitRequest {
        let stage = invocation.stage, route = invocation.route
        let account = ThrottleLimit(snapshot.accountThrottle)
        var methodLimit = route.throttle.map(ThrottleLimit.init)
        if let limit = methodLimit, limit.isNoTighter(than: account) { methodLimit = nil }
        var plan: ThrottleChain.PlanThrottle?
        var quota: QuotaCharge?
        if route.apiKeyRequired, let key = invocation.apiKey,
           let usagePlan = snapshot.usagePlan(keyId: key.id, restApiId: stage.restApiId, stage: stage.stageName) {
            let entry = usagePlan.stages.first {
                $0.stage == stage.stageName && $0.restApiId.lowercased() == stage.restApiId.lowercased()
            }
            plan = ThrottleChain.PlanThrottle(planId: usagePlan.id, keyId: key.id, planLimit: usagePlan.throttle.map(ThrottleLimit.init),
                                              methodLimit: entry?.methodThrottles[route.usagePlanMethodKey].map(ThrottleLimit.init))
            if let rule = QuotaRule(usagePlan) {
                quota = QuotaCharge(planId: usagePlan.id, keyId: key.id,
                                    rule: strictQuotas ? rule : QuotaRule(policy: rule.policy, strict: false))
            }
        }
        let chain = ThrottleChain.build(apiId: stage.restApiId, stage: stage.stageName, resourcePath: route.resourcePath,
                                        method: route.httpMethod, methodLimit: methodLimit, stageLimit: nil, account: account,
                                        plan: plan)
        return LimitRequest(throttles: chain, quota: quota)
    }
}
