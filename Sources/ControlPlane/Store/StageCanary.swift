import Shared

/// A stage's canary as `GET /_tollgate/v1/nodes` reports it (issue 12): the deployment that serves
/// `percentTraffic` percent of the stage's requests. `tollgate nodes` shows it under every node
/// that serves it (one that applied the revision it was read at).
package struct StageCanary: Codable, Sendable, Equatable {
    package var restApiId: String
    package var stageName: String
    package var deploymentId: String
    /// Percent (0.0–100.0) of the stage's requests the canary serves; unset counts as 0, as on AWS.
    package var percentTraffic: Double

    package init(restApiId: String, stageName: String, deploymentId: String, percentTraffic: Double) {
        self.restApiId = restApiId
        self.stageName = stageName
        self.deploymentId = deploymentId
        self.percentTraffic = percentTraffic
    }

    /// The canary of `stage`, nil when it has none (no `canarySettings` or no deployment: the data
    /// plane then serves the stage's own deployment alone).
    package init?(restApiId: String, stage: Stage) {
        guard let deploymentId = stage.canaryDeploymentId else { return nil }
        self.init(restApiId: restApiId, stageName: stage.stageName, deploymentId: deploymentId,
                  percentTraffic: stage.canarySettings?.percentTraffic ?? 0)
    }
}
