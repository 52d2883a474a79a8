/// What the request pipeline asks the limits engine about one request.
///
/// The throttles are the cluster-wide limits of every level the request passes, most specific
/// first (usage-plan key method ▸ usage-plan key ▸ stage method or stage default ▸ account, per
/// AWS); the engine enforces this node's share of each. `planThrottle` is the usage-plan level of a
/// keyed request (its per-method throttle, else the plan's), checked before `throttles`: kept apart
/// so the pipeline can pass the stage's precomputed list as it is instead of building a new array
/// per request. `quota` is present only for requests that carry an API key on a method with
/// `apiKeyRequired`, whose plan has a quota.
package struct LimitRequest: Sendable {
    package var planThrottle: ThrottleCheck?
    package var throttles: [ThrottleCheck]
    package var quota: QuotaCharge?

    package init(planThrottle: ThrottleCheck? = nil, throttles: [ThrottleCheck], quota: QuotaCharge? = nil) {
        self.planThrottle = planThrottle
        self.throttles = throttles
        self.quota = quota
    }
}
