import Shared

/// What nodes serve of a stored `apigatewayv2` API: the snapshot's `SnapshotHttpApi`.
extension V2ApiDocument {
    /// The API as nodes serve it: every stage that points at a deployment, with that deployment's
    /// frozen routes, integrations and authorizers, sorted by stage name; nil for a WebSocket API
    /// (not served yet) and for an API with no deployed stage. Pure.
    var servedForm: SnapshotHttpApi? {
        guard api.isHTTP else { return nil }
        var stages: [SnapshotHttpApiStage] = []
        for stage in stagesByName {
            guard let id = stage.deploymentId, let deployment = deployments.first(where: { $0.deploymentId == id }) else { continue }
            stages.append(SnapshotHttpApiStage(
                stageName: stage.stageName, deploymentId: id,
                defaultRouteSettings: stage.defaultRouteSettings,
                routeSettings: stage.routeSettings.isEmpty ? nil : stage.routeSettings,
                stageVariables: stage.stageVariables.isEmpty ? nil : stage.stageVariables,
                accessLogSettings: stage.accessLogSettings, deployment: deployment.content))
        }
        guard !stages.isEmpty else { return nil }
        return SnapshotHttpApi(apiId: api.apiId, name: api.name, protocolType: api.protocolType,
                               disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
                               corsConfiguration: api.corsConfiguration, stages: stages)
    }

    private var stagesByName: [V2Stage] {
        self.stages.sorted { $0.stageName < $1.stageName }
    }
}
