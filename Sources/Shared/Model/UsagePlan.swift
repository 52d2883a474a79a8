/// A usage plan (botocore `UsagePlan`): throttle and quota per API key over a set of API stages.
package struct UsagePlan: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var description: String?
    package var apiStages: [ApiStage]
    package var throttle: ThrottleSettings?
    package var quota: QuotaSettings?
    package var productCode: String?
    package var tags: [String: String]?

    package init(id: String, name: String, description: String? = nil, apiStages: [ApiStage] = [],
                 throttle: ThrottleSettings? = nil, quota: QuotaSettings? = nil, productCode: String? = nil, tags: [String: String]? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.apiStages = apiStages
        self.throttle = throttle
        self.quota = quota
        self.productCode = productCode
        self.tags = tags
    }
}

/// One API stage of a usage plan, with optional per-method throttles keyed `"/{path}/{METHOD}"` (root: `"//GET"`).
package struct ApiStage: Codable, Sendable, Equatable {
    package var apiId: String
    package var stage: String
    package var throttle: [String: ThrottleSettings]?

    package init(apiId: String, stage: String, throttle: [String: ThrottleSettings]? = nil) {
        self.apiId = apiId
        self.stage = stage
        self.throttle = throttle
    }
}

/// A token bucket: `rateLimit` tokens per second refill, `burstLimit` capacity.
package struct ThrottleSettings: Codable, Sendable, Equatable {
    package var burstLimit: Int?
    package var rateLimit: Double?

    package init(burstLimit: Int?, rateLimit: Double?) {
        self.burstLimit = burstLimit
        self.rateLimit = rateLimit
    }
}

/// A quota: `limit` requests per `period` (DAY, WEEK, MONTH; UTC), minus `offset` in the first period.
package struct QuotaSettings: Codable, Sendable, Equatable {
    package var limit: Int?
    package var offset: Int?
    package var period: String?

    package init(limit: Int?, offset: Int? = 0, period: String?) {
        self.limit = limit
        self.offset = offset
        self.period = period
    }
}

/// The account resource (botocore `Account`); its throttle defaults to 10,000 rps / 5,000 burst.
package struct Account: Codable, Sendable, Equatable {
    package var cloudwatchRoleArn: String?
    package var throttleSettings: ThrottleSettings
    package var features: [String]
    package var apiKeyVersion: String

    package init(cloudwatchRoleArn: String? = nil, throttleSettings: ThrottleSettings = ThrottleSettings(burstLimit: 5000, rateLimit: 10000),
                 features: [String] = ["UsagePlans"], apiKeyVersion: String = "4") {
        self.cloudwatchRoleArn = cloudwatchRoleArn
        self.throttleSettings = throttleSettings
        self.features = features
        self.apiKeyVersion = apiKeyVersion
    }
}
