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
