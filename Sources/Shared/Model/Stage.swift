/// A stage of a REST API (botocore `Stage`): a name pointing at a deployment, with settings.
package struct Stage: Codable, Sendable, Equatable {
    package var deploymentId: String
    package var clientCertificateId: String?
    package var stageName: String
    package var description: String?
    package var cacheClusterEnabled: Bool
    package var cacheClusterSize: String?
    package var cacheClusterStatus: String
    /// Keyed `"*/*"` (stage defaults) or `"{resourcePath without leading /}/{METHOD}"`, e.g. `"pets/GET"`, `"~1/GET"`-free.
    package var methodSettings: [String: MethodSetting]
    package var variables: [String: String]?
    package var documentationVersion: String?
    package var accessLogSettings: AccessLogSettings?
    package var canarySettings: CanarySettings?
    package var tracingEnabled: Bool
    package var webAclArn: String?
    package var tags: [String: String]?
    package var createdDate: Int64
    package var lastUpdatedDate: Int64
    /// Tollgate's count of FlushStageAuthorizersCache calls on this stage (nil: never flushed):
    /// carried to nodes in the snapshot and part of every authorizer cache key of the stage, so a
    /// flush empties that stage's authorizer cache on every node. Not an AWS field.
    package var authorizerCacheGeneration: Int?
    /// Tollgate's count of FlushStageCache calls on this stage (nil: never flushed): carried to
    /// nodes in the snapshot and part of every stage-cache key, so a flush empties the stage's
    /// cache on every node. Not an AWS field.
    package var cacheGeneration: Int?

    package init(deploymentId: String, stageName: String, description: String? = nil, cacheClusterEnabled: Bool = false,
                 cacheClusterSize: String? = nil, cacheClusterStatus: String = "NOT_AVAILABLE",
                 methodSettings: [String: MethodSetting] = [:], variables: [String: String]? = nil,
                 tracingEnabled: Bool = false, tags: [String: String]? = nil, createdDate: Int64, lastUpdatedDate: Int64) {
        self.deploymentId = deploymentId
        self.stageName = stageName
        self.description = description
        self.cacheClusterEnabled = cacheClusterEnabled
        self.cacheClusterSize = cacheClusterSize
        self.cacheClusterStatus = cacheClusterStatus
        self.methodSettings = methodSettings
        self.variables = variables
        self.tracingEnabled = tracingEnabled
        self.tags = tags
        self.createdDate = createdDate
        self.lastUpdatedDate = lastUpdatedDate
    }
}

extension Stage {
    /// Sets `cacheClusterStatus` (and the default size) from `cacheClusterEnabled` as AWS reports
    /// them once the change settled: `AVAILABLE` with a size (`0.5` unless given) when enabled,
    /// `NOT_AVAILABLE` when not. A node's cache exists as soon as the snapshot reaches it, so the
    /// minutes of `CREATE_IN_PROGRESS` / `DELETE_IN_PROGRESS` AWS shows are never reported.
    package mutating func settleCacheClusterStatus() {
        if cacheClusterEnabled {
            if cacheClusterSize == nil { cacheClusterSize = "0.5" }
            cacheClusterStatus = "AVAILABLE"
        } else {
            cacheClusterStatus = "NOT_AVAILABLE"
        }
    }
}

/// One entry of `Stage.methodSettings`. Setting any leaf materialises every field with AWS's defaults.
package struct MethodSetting: Codable, Sendable, Equatable {
    package var metricsEnabled: Bool = false
    package var loggingLevel: String = "OFF"
    package var dataTraceEnabled: Bool = false
    package var throttlingBurstLimit: Int = 5000
    package var throttlingRateLimit: Double = 10000.0
    package var cachingEnabled: Bool = false
    package var cacheTtlInSeconds: Int = 300
    package var cacheDataEncrypted: Bool = false
    package var requireAuthorizationForCacheControl: Bool = true
    package var unauthorizedCacheControlHeaderStrategy: String = "SUCCEED_WITH_RESPONSE_HEADER"

    package init() {}
}

/// `accessLogSettings` of a stage.
package struct AccessLogSettings: Codable, Sendable, Equatable {
    package var format: String?
    package var destinationArn: String?
    package init(format: String? = nil, destinationArn: String? = nil) {
        self.format = format
        self.destinationArn = destinationArn
    }
}

/// `canarySettings` of a stage: `percentTraffic` percent of the stage's requests are served by
/// `deploymentId` with the stage variables overlaid by `stageVariableOverrides` (docs/config-flow.md).
package struct CanarySettings: Codable, Sendable, Equatable {
    package var percentTraffic: Double?
    package var deploymentId: String?
    package var stageVariableOverrides: [String: String]?
    package var useStageCache: Bool?
    package init(percentTraffic: Double? = nil, deploymentId: String? = nil, stageVariableOverrides: [String: String]? = nil,
                 useStageCache: Bool? = nil) {
        self.percentTraffic = percentTraffic
        self.deploymentId = deploymentId
        self.stageVariableOverrides = stageVariableOverrides
        self.useStageCache = useStageCache
    }
}

extension Stage {
    /// The deployment the stage's canary serves, when it has a canary with a deployment.
    package var canaryDeploymentId: String? { canarySettings?.deploymentId }
}
