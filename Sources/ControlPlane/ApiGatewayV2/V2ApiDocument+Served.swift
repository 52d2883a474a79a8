import Shared

/// What nodes serve of a stored `apigatewayv2` API: the snapshot's `SnapshotHttpApi` or `SnapshotWebSocketApi`.
extension V2ApiDocument {
    /// The API as nodes serve it: every stage that points at a deployment, with that deployment's
    /// frozen routes, integrations and authorizers, sorted by stage name; nil for a WebSocket API
    /// (`servedWebSocketForm`) and for an API with no deployed stage. Pure.
    var servedForm: SnapshotHttpApi? {
        guard api.isHTTP else { return nil }
        let stages = deployedStages
        guard !stages.isEmpty else { return nil }
        return SnapshotHttpApi(apiId: api.apiId, name: api.name, protocolType: api.protocolType,
                               disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
                               corsConfiguration: api.corsConfiguration, stages: stages)
    }

    /// A WebSocket API as nodes serve it (`SnapshotWebSocketApi`): its route selection and every
    /// deployed stage; nil for an HTTP API and for a WebSocket API with no deployed stage. Pure.
    var servedWebSocketForm: SnapshotWebSocketApi? {
        guard !api.isHTTP else { return nil }
        let stages = deployedStages
        guard !stages.isEmpty else { return nil }
        return SnapshotWebSocketApi(apiId: api.apiId, name: api.name, routeSelectionExpression: api.routeSelectionExpression,
                                    apiKeySelectionExpression: api.apiKeySelectionExpression,
                                    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint, stages: stages)
    }

    /// Whether `other` serves differently from this document (either protocol's served form).
    func servesDifferently(from other: V2ApiDocument?) -> Bool {
        other?.servedForm != servedForm || other?.servedWebSocketForm != servedWebSocketForm
    }

    /// Whether nodes serve anything of this API.
    var isServed: Bool { servedForm != nil || servedWebSocketForm != nil }

    /// Every stage that points at a deployment, with that deployment's frozen content, by name.
    private var deployedStages: [SnapshotHttpApiStage] {
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
        return stages
    }

    private var stagesByName: [V2Stage] {
        self.stages.sorted { $0.stageName < $1.stageName }
    }
}
