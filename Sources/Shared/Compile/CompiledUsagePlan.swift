/// A usage plan as the data plane enforces it (reference §2.8–2.9).
package struct CompiledUsagePlan: Sendable, Equatable {
    /// A quota period; boundaries are calendar UTC.
    package enum Period: String, Sendable, Equatable {
        case day = "DAY"
        case week = "WEEK"
        case month = "MONTH"
    }

    /// `limit` requests per `period`, minus `offset` in the first period: the one containing
    /// `anchorEpochSeconds` (when the quota took effect; nil: no first period, offset ignored).
    package struct Quota: Sendable, Equatable {
        package let limit: Int
        package let offset: Int
        package let period: Period
        package let anchorEpochSeconds: Int64?
        package init(limit: Int, offset: Int, period: Period, anchorEpochSeconds: Int64? = nil) {
            self.limit = limit
            self.offset = offset
            self.period = period
            self.anchorEpochSeconds = anchorEpochSeconds
        }
    }

    /// One `{apiId, stage}` of the plan with its per-method throttles keyed `/path/METHOD`.
    package struct StageEntry: Sendable, Equatable {
        package let restApiId: String
        package let stage: String
        package let methodThrottles: [String: ThrottleLimits]
        package init(restApiId: String, stage: String, methodThrottles: [String: ThrottleLimits]) {
            self.restApiId = restApiId
            self.stage = stage
            self.methodThrottles = methodThrottles
        }
    }

    package let id: String
    package let name: String
    package let throttle: ThrottleLimits?
    /// Nil when the plan has no quota (or an unknown period).
    package let quota: Quota?
    package let strictQuota: Bool
    package let stages: [StageEntry]
    package let keyIds: [String]

    package init(id: String, name: String, throttle: ThrottleLimits?, quota: Quota?, strictQuota: Bool,
                 stages: [StageEntry], keyIds: [String]) {
        self.id = id
        self.name = name
        self.throttle = throttle
        self.quota = quota
        self.strictQuota = strictQuota
        self.stages = stages
        self.keyIds = keyIds
    }

    /// The per-client throttle for a method: the plan stage's per-method entry, else the plan throttle.
    package func throttle(restApiId: String, stage: String, methodKey: String) -> ThrottleLimits? {
        if let entry = stages.first(where: { $0.restApiId == restApiId && $0.stage == stage }),
           let method = entry.methodThrottles[methodKey] {
            return method
        }
        return throttle
    }
}

/// An API key as the data plane sees it.
package struct CompiledApiKey: Sendable, Equatable {
    package let id: String
    package let enabled: Bool
    /// Lowercase hex SHA-256 of the key's value ("" when unknown), for a constant-time recheck.
    package let valueSHA256: String
    package init(id: String, enabled: Bool, valueSHA256: String = "") {
        self.id = id
        self.enabled = enabled
        self.valueSHA256 = valueSHA256
    }
}
