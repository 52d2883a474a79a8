/// A WebSocket API (`apigatewayv2`, `protocolType: WEBSOCKET`) as nodes serve it: the API-wide
/// settings that change what a node answers and every stage that points at a deployment, each
/// with that deployment frozen inside (the same stage form as an HTTP API's).
///
/// Built by the control plane (`V2ApiDocument.servedWebSocketForm`); APIs without a deployed
/// stage are left out. Compiled per stage by `WebSocketApiCompiler`.
package struct SnapshotWebSocketApi: Codable, Sendable, Equatable {
    package var apiId: String
    package var name: String
    /// `$request.body.action` and the like (AWS's selection expression grammar).
    package var routeSelectionExpression: String
    package var apiKeySelectionExpression: String
    package var disableExecuteApiEndpoint: Bool
    /// Sorted by stage name.
    package var stages: [SnapshotHttpApiStage]

    package init(apiId: String, name: String, routeSelectionExpression: String,
                 apiKeySelectionExpression: String = "$request.header.x-api-key", disableExecuteApiEndpoint: Bool = false,
                 stages: [SnapshotHttpApiStage]) {
        self.apiId = apiId
        self.name = name
        self.routeSelectionExpression = routeSelectionExpression
        self.apiKeySelectionExpression = apiKeySelectionExpression
        self.disableExecuteApiEndpoint = disableExecuteApiEndpoint
        self.stages = stages
    }
}
