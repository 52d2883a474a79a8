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
    let index: LimitsIndex

    init(limits: NodeLimits, index: LimitsIndex) {
        self.limits = limits
        self.index = index
    }

    package func process(_ invocation: inout Invocation) -> PhaseOutcome {
        let runtime = limits.runtime
        let request = limitRequest(for: invocation, strictQuotas: runtime.strictQuotas)
        switch runtime.engine.check(request, now: limits.clock.now()) {
        case .admit: return .proceed
        case .throttled: return .fail(.throttled)
        case .quotaExceeded: return .fail(.quotaExceeded)
        }
    }

    /// The buckets and quota `invocation` must pass, most specific first. With `strictQuotas`
    /// false (no mint authority in the cluster), every quota is enforced in fast mode.
    func limitRequest(for invocation: Invocation, strictQuotas: Bool) -> LimitRequest {
        let stageChecks = index.checks(for: invocation.route, on: invocation.stage)
        guard invocation.route.apiKeyRequired, let key = invocation.apiKey,
              let grant = index.grant(keyId: key.id, on: invocation.stage) else {
            return LimitRequest(throttles: stageChecks)
        }
        var checks: [ThrottleCheck] = []
        checks.reserveCapacity(stageChecks.count + 1)
        // A plan's per-method throttle replaces its plan-wide throttle for that method.
        if let planCheck = grant.methodChecks[ObjectIdentifier(invocation.route)] ?? grant.planCheck { checks.append(planCheck) }
        checks.append(contentsOf: stageChecks)
        return LimitRequest(throttles: checks, quota: strictQuotas ? grant.strictQuota : grant.fastQuota)
    }
}
