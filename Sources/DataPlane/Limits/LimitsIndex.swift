import Shared

/// What the API-key and limits filters need from one snapshot, precomputed when the snapshot is
/// applied (off the event loops) so a request does only dictionary hits on integers and digests.
///
/// - Per route: the stage-level check (method setting or `*/*` default, keyed per method, dropped
///   when it is no tighter than the account's) followed by the account check.
/// - Per stage: every enabled key that a usage plan attached to the stage admits, by the SHA-256
///   of its value and by its id, with the plan's checks and quota for that key (the plan's
///   per-method throttles resolved against the stage's routes).
///
/// Immutable and `Sendable`; built once per snapshot by `NodeLimits.filterFactories(for:)`.
final class LimitsIndex: Sendable {
    /// SHA-256 of a key value as four words: a cheap dictionary key, compared in constant time.
    struct KeyDigest: Hashable, Sendable {
        let words: (UInt64, UInt64, UInt64, UInt64)

        init?(_ bytes: [UInt8]) {
            guard bytes.count == 32 else { return nil }
            func word(_ offset: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[offset + $1]) } }
            words = (word(0), word(8), word(16), word(24))
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
        }

        static func == (lhs: KeyDigest, rhs: KeyDigest) -> Bool {
            lhs.equalsInConstantTime(rhs)
        }

        /// Compares all 32 bytes without an early exit (XOR-OR over the four words).
        func equalsInConstantTime(_ other: KeyDigest) -> Bool {
            ((words.0 ^ other.words.0) | (words.1 ^ other.words.1) | (words.2 ^ other.words.2) | (words.3 ^ other.words.3)) == 0
        }
    }

    /// An API key admitted on one stage by one usage plan, with what the plan applies to it. A
    /// class: `ApiKeyFilter` hands it to `LimitsFilter` through the invocation's `usagePlanGrant` slot for one reference count.
    final class Grant: Sendable {
        let keyId: String
        /// The digest the snapshot holds (compared again in constant time).
        let digest: KeyDigest
        /// `usagePlanKey` check (the plan's throttle), if the plan sets one.
        let planCheck: ThrottleCheck?
        /// `usagePlanKeyMethod` checks by the route's identity (resolved from the plan's
        /// `usagePlanMethodKey`, `/pets/GET`, at build time: a request hashes a pointer, not a String).
        let methodChecks: [ObjectIdentifier: ThrottleCheck]
        /// The quota in strict and in fast mode (nil: the plan has no quota).
        let strictQuota: QuotaCharge?
        let fastQuota: QuotaCharge?

        init(keyId: String, digest: KeyDigest, planCheck: ThrottleCheck?, methodChecks: [ObjectIdentifier: ThrottleCheck],
             strictQuota: QuotaCharge?, fastQuota: QuotaCharge?) {
            self.keyId = keyId
            self.digest = digest
            self.planCheck = planCheck
            self.methodChecks = methodChecks
            self.strictQuota = strictQuota
            self.fastQuota = fastQuota
        }
    }

    let account: ThrottleCheck
    private let routeChecks: [ObjectIdentifier: [ThrottleCheck]]
    private let grantsByDigest: [ObjectIdentifier: [KeyDigest: Grant]]
    private let grantsByKeyId: [ObjectIdentifier: [String: Grant]]

    init(_ snapshot: CompiledSnapshot) {
        let accountLimit = ThrottleLimit(snapshot.accountThrottle)
        account = ThrottleCheck(key: .account, limit: accountLimit)
        let keysById = snapshot.apiKeysById
        var routeChecks: [ObjectIdentifier: [ThrottleCheck]] = [:]
        var byDigest: [ObjectIdentifier: [KeyDigest: Grant]] = [:]
        var byKeyId: [ObjectIdentifier: [String: Grant]] = [:]
        for api in snapshot.apis.values {
            for stage in api.stages.values.flatMap(\.withCanary) {
                for route in stage.routes {
                    routeChecks[ObjectIdentifier(route)] = Self.stageChecks(stage, route, account: account)
                }
                var digests: [KeyDigest: Grant] = [:], ids: [String: Grant] = [:]
                for plan in snapshot.usagePlans(restApiId: stage.restApiId, stage: stage.stageName) {
                    for keyId in plan.keyIds {
                        guard ids[keyId] == nil, let key = keysById[keyId], key.enabled,
                              snapshot.usagePlan(keyId: keyId, restApiId: stage.restApiId, stage: stage.stageName)?.id == plan.id,
                              let bytes = Hex.decode(key.valueSHA256), let digest = KeyDigest(bytes) else { continue }
                        let grant = Self.grant(plan, keyId: keyId, digest: digest, stage: stage)
                        digests[digest] = grant
                        ids[keyId] = grant
                    }
                }
                byDigest[ObjectIdentifier(stage)] = digests
                byKeyId[ObjectIdentifier(stage)] = ids
            }
        }
        self.routeChecks = routeChecks
        grantsByDigest = byDigest
        grantsByKeyId = byKeyId
    }

    /// The stage-level and account checks of `route` (most specific first).
    func checks(for route: CompiledRoute, on stage: CompiledStage) -> [ThrottleCheck] {
        routeChecks[ObjectIdentifier(route)] ?? Self.stageChecks(stage, route, account: account)
    }

    /// The grant of the key whose value hashes to `digest`, on `stage`.
    func grant(digest: KeyDigest, on stage: CompiledStage) -> Grant? {
        grantsByDigest[ObjectIdentifier(stage)]?[digest]
    }

    /// The grant of key `keyId` on `stage`.
    func grant(keyId: String, on stage: CompiledStage) -> Grant? {
        grantsByKeyId[ObjectIdentifier(stage)]?[keyId]
    }

    // MARK: - Building

    private static func stageChecks(_ stage: CompiledStage, _ route: CompiledRoute, account: ThrottleCheck) -> [ThrottleCheck] {
        guard let limits = route.throttle else { return [account] }
        let limit = ThrottleLimit(limits)
        guard !limit.isNoTighter(than: account.limit) else { return [account] }
        // AWS applies stage throttles per method, so the `*/*` default is keyed like a method setting.
        let key = LimiterKey.method(apiId: stage.restApiId, stage: stage.stageName, resourcePath: route.resourcePath,
                                    method: route.httpMethod)
        return [ThrottleCheck(key: key, limit: limit), account]
    }

    private static func grant(_ plan: CompiledUsagePlan, keyId: String, digest: KeyDigest, stage: CompiledStage) -> Grant {
        let planCheck = plan.throttle.map {
            ThrottleCheck(key: .usagePlanKey(planId: plan.id, keyId: keyId), limit: ThrottleLimit($0))
        }
        var methodChecks: [ObjectIdentifier: ThrottleCheck] = [:]
        let entry = plan.stages.first { $0.stage == stage.stageName && $0.restApiId.lowercased() == stage.restApiId.lowercased() }
        if let throttles = entry?.methodThrottles, !throttles.isEmpty {
            for route in stage.routes {
                guard let limits = throttles[route.usagePlanMethodKey] else { continue }
                let key = LimiterKey.usagePlanKeyMethod(planId: plan.id, keyId: keyId, apiId: stage.restApiId, stage: stage.stageName,
                                                        resourcePath: route.resourcePath, method: route.httpMethod)
                methodChecks[ObjectIdentifier(route)] = ThrottleCheck(key: key, limit: ThrottleLimit(limits))
            }
        }
        let rule = QuotaRule(plan)
        return Grant(keyId: keyId, digest: digest, planCheck: planCheck, methodChecks: methodChecks,
                     strictQuota: rule.map { QuotaCharge(planId: plan.id, keyId: keyId, rule: $0) },
                     fastQuota: rule.map { QuotaCharge(planId: plan.id, keyId: keyId, rule: QuotaRule(policy: $0.policy, strict: false)) })
    }
}
