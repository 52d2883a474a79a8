import Shared

/// Method-request filter in the `throttle` slot: throttles at every AWS level and the usage-plan quota (reference §2.2
/// step 5, §2.8), decided by this node's `LimitsEngine`.
///
/// Levels, most specific first: the usage plan's per-method throttle for the key, else the plan's
/// throttle (only for keyed requests on `apiKeyRequired` methods, after `ApiKeyFilter`); the stage's
/// method setting, else its `*/*` default; the account. AWS applies stage limits "at the API method
/// level", so a `*/*` default gives each method its own bucket, keyed like a method setting: the
/// bucket keeps its tokens if the stage later gets an explicit setting for that method. A stage or
/// method limit no tighter than the account's adds no bucket (the account bucket, which every
/// request passes, refuses first). Buckets and counters are keyed by ids, never by snapshot
/// revision, so redeploys and rollbacks keep them. Built per snapshot, like `ApiKeyFilter`, after
/// `NodeLimits.apply` adopted that snapshot: the engine and quota mode read at construction are
/// the ones every request on the snapshot uses (no lock to read them per request).
///
/// Refusals: a bucket (any level; `0/0` refuses all) → 429 `{"message":"Too Many Requests"}`;
/// quota used up → 429 `{"message":"Limit Exceeded"}`. A strict quota with room whose rights are
/// still on their way to this node does not refuse: the request is parked in the node's
/// `QuotaWaitRoom` (`.suspend`) and resumed on its own loop when the rights arrive — or refused
/// Limit Exceeded when the quota runs out meanwhile, or Too Many Requests after the room's wait
/// bound (1 s). Off an event loop (benchmarks, tests) it cannot park and refuses Too Many Requests.
package final class LimitsFilter: RequestFilter {
    package let name = "throttle"
    let runtime: NodeLimits.Runtime
    let clock: LimitsClock
    let index: LimitsIndex
    let waitRoom: QuotaWaitRoom

    init(limits: NodeLimits, index: LimitsIndex) {
        runtime = limits.runtime
        clock = limits.clock
        self.index = index
        waitRoom = limits.waitRoom
    }

    package func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        let request = limitRequest(for: invocation, strictQuotas: runtime.strictQuotas)
        // Only a strict quota can leave a request waiting, and only a request on a loop can wait.
        if let loop = invocation.eventLoop, let quota = request.quota, quota.rule.strict {
            return checkOrPark(request, on: loop, &invocation)
        }
        return Self.outcome(runtime.engine.check(request, now: clock.now()), &invocation)
    }

    /// `check` that may answer `.pending`, parking the request in the wait room. A refusal after
    /// waiting names no level (the chain holds a parked request's invocation).
    private func checkOrPark(_ request: LimitRequest, on loop: EventLoop, _ invocation: inout Invocation) -> PhaseOutcome {
        let generation = waitRoom.generation
        let decision = runtime.engine.check(request, now: clock.now(), canWait: true)
        guard case .pending(let key) = decision else { return Self.outcome(decision, &invocation) }
        return waitRoom.suspend(request, on: key, engine: runtime.engine, clock: clock, loop: loop, seenGeneration: generation)
    }

    /// `outcome`, leaving the level of a throttle refusal in the invocation (`ThrottleRefusal`).
    private static func outcome(_ decision: LimitDecision, _ invocation: inout Invocation) -> PhaseOutcome {
        if case .throttled(let reason) = decision { invocation.slots[ThrottleRefusal.slot] = ThrottleRefusal.of(reason) }
        return outcome(decision)
    }

    private static func outcome(_ decision: LimitDecision) -> PhaseOutcome {
        switch decision {
        case .admit: return .proceed
        case .throttled: return .fail(.throttled)
        case .quotaExceeded: return .fail(.quotaExceeded)
        case .pending: return .fail(.throttled)  // not reached: only `check(canWait: true)` answers it
        }
    }

    /// The buckets and quota `invocation` must pass, most specific first. With `strictQuotas`
    /// false (no mint authority in the cluster), every quota is enforced in fast mode.
    func limitRequest(for invocation: Invocation, strictQuotas: Bool) -> LimitRequest {
        let stageChecks = index.checks(for: invocation.route, on: invocation.stage)
        guard invocation.route.apiKeyRequired, let key = invocation.apiKey,
              let grant = invocation.slots[.usagePlanGrant] ?? index.grant(keyId: key.id, on: invocation.stage) else {
            return LimitRequest(throttles: stageChecks)
        }
        // A plan's per-method throttle replaces its plan-wide throttle for that method.
        let planCheck = grant.methodChecks.isEmpty ? grant.planCheck : grant.methodChecks[ObjectIdentifier(invocation.route)] ?? grant.planCheck
        return LimitRequest(planThrottle: planCheck, throttles: stageChecks, quota: strictQuotas ? grant.strictQuota : grant.fastQuota)
    }
}

/// Puts the snapshot's `LimitsFilter` on every route: every request passes at least the account
/// bucket, so no route is free of limits while they are on (`--limits off` leaves this factory out).
struct LimitsFilterFactory: FilterFactory {
    let filter: LimitsFilter

    var phase: ChainPhase { .throttle }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        filter
    }
}
