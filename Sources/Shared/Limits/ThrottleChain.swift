/// Builds the list of buckets one REST request must pass, most specific first, from settings the
/// snapshot compiler has already looked up.
///
/// AWS order and override rules (reference §2.2, §2.8): the usage plan's per-method throttle
/// (`apiStages[].throttle["/{path}/{METHOD}"]`) replaces the plan's `throttle` for that method; the
/// stage's method setting (`methodSettings["{path}/{METHOD}"]`) replaces its `"*/*"` default; the
/// account bucket always applies. A stage with no throttle setting mirrors the account limit, which
/// the account bucket already enforces, so it adds no bucket. Usage-plan levels apply only to
/// requests with an API key on methods with `apiKeyRequired` (pass `plan` only then).
package enum ThrottleChain {
    /// The usage-plan part of a request: plan, key, and the throttles the plan sets (if any).
    package struct PlanThrottle: Sendable {
        package let planId: String
        package let keyId: String
        package let planLimit: ThrottleLimit?
        package let methodLimit: ThrottleLimit?

        package init(planId: String, keyId: String, planLimit: ThrottleLimit?, methodLimit: ThrottleLimit?) {
            self.planId = planId
            self.keyId = keyId
            self.planLimit = planLimit
            self.methodLimit = methodLimit
        }
    }

    package static func build(apiId: String, stage: String, resourcePath: String, method: String,
                              methodLimit: ThrottleLimit?, stageLimit: ThrottleLimit?, account: ThrottleLimit,
                              plan: PlanThrottle?) -> [ThrottleCheck] {
        var chain: [ThrottleCheck] = []
        if let plan {
            if let limit = plan.methodLimit {
                chain.append(ThrottleCheck(key: .usagePlanKeyMethod(planId: plan.planId, keyId: plan.keyId, apiId: apiId, stage: stage,
                                                                    resourcePath: resourcePath, method: method), limit: limit))
            } else if let limit = plan.planLimit {
                chain.append(ThrottleCheck(key: .usagePlanKey(planId: plan.planId, keyId: plan.keyId), limit: limit))
            }
        }
        if let methodLimit {
            chain.append(ThrottleCheck(key: .method(apiId: apiId, stage: stage, resourcePath: resourcePath, method: method),
                                       limit: methodLimit))
        } else if let stageLimit {
            chain.append(ThrottleCheck(key: .stage(apiId: apiId, stage: stage), limit: stageLimit))
        }
        chain.append(ThrottleCheck(key: .account, limit: account))
        return chain
    }
}
