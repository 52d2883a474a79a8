/// An HTTP API (`apigatewayv2`, `protocolType: HTTP`) as nodes serve it: the API-wide settings
/// and every stage that points at a deployment, each with that deployment frozen inside.
///
/// Built by the control plane from the stored API (`V2ApiDocument.servedForm`); only what changes
/// what a node answers is here (no tags, names of deployments, timestamps), so an edit that does
/// not change it does not move the revision. APIs without a deployed stage are left out.
package struct SnapshotHttpApi: Codable, Sendable, Equatable {
    package var apiId: String
    package var name: String
    /// `HTTP` (WebSocket APIs are not served yet and never appear).
    package var protocolType: String
    package var disableExecuteApiEndpoint: Bool
    package var corsConfiguration: V2Cors?
    /// Sorted by stage name.
    package var stages: [SnapshotHttpApiStage]

    package init(apiId: String, name: String, protocolType: String = "HTTP", disableExecuteApiEndpoint: Bool = false,
                 corsConfiguration: V2Cors? = nil, stages: [SnapshotHttpApiStage]) {
        self.apiId = apiId
        self.name = name
        self.protocolType = protocolType
        self.disableExecuteApiEndpoint = disableExecuteApiEndpoint
        self.corsConfiguration = corsConfiguration
        self.stages = stages
    }
}

/// One deployed stage of an HTTP API: its served settings and the deployment it points at.
/// `$default` is served without a path prefix.
package struct SnapshotHttpApiStage: Codable, Sendable, Equatable {
    package var stageName: String
    package var deploymentId: String
    package var defaultRouteSettings: V2RouteSettings?
    /// Route key → settings.
    package var routeSettings: [String: V2RouteSettings]?
    /// nil when the stage has none.
    package var stageVariables: [String: String]?
    package var accessLogSettings: V2AccessLogSettings?
    package var deployment: V2DeployedContent

    package init(stageName: String, deploymentId: String, defaultRouteSettings: V2RouteSettings? = nil,
                 routeSettings: [String: V2RouteSettings]? = nil, stageVariables: [String: String]? = nil,
                 accessLogSettings: V2AccessLogSettings? = nil, deployment: V2DeployedContent) {
        self.stageName = stageName
        self.deploymentId = deploymentId
        self.defaultRouteSettings = defaultRouteSettings
        self.routeSettings = routeSettings
        self.stageVariables = stageVariables
        self.accessLogSettings = accessLogSettings
        self.deployment = deployment
    }
}
