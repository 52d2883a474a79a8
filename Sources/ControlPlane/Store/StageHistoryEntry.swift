/// One change of the deployment a stage points at: creation (`fromDeploymentId` nil), a repoint
/// (CreateDeployment with `stageName`, UpdateStage `/deploymentId`, a rollback) or deletion
/// (`toDeploymentId` nil). JSON shape of `GET /_tollgate/v1/stages/{api}/{stage}/history`.
package struct StageHistoryEntry: Codable, Sendable, Equatable {
    package var seq: Int64
    package var restApiId: String
    package var stageName: String
    /// Epoch seconds.
    package var at: Int64
    package var accessKeyId: String
    package var requestId: String
    package var fromDeploymentId: String?
    package var toDeploymentId: String?

    package init(seq: Int64 = 0, restApiId: String, stageName: String, at: Int64, accessKeyId: String, requestId: String,
                 fromDeploymentId: String?, toDeploymentId: String?) {
        self.seq = seq
        self.restApiId = restApiId
        self.stageName = stageName
        self.at = at
        self.accessKeyId = accessKeyId
        self.requestId = requestId
        self.fromDeploymentId = fromDeploymentId
        self.toDeploymentId = toDeploymentId
    }
}
