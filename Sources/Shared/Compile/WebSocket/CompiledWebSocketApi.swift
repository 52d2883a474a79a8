/// A deployed WebSocket API (`apigatewayv2` WEBSOCKET), compiled: its stages by name. Immutable,
/// shared by every loop through `CompiledSnapshot.webSocketApis`.
///
/// Clients connect to `wss://{apiId}.execute-api.{domain}/{stage}`: the whole path names the stage
/// (nothing may follow it but the `@connections` management path).
package final class CompiledWebSocketApi: Sendable {
    package let apiId: String
    /// By stage name (case-sensitive).
    package let stages: [String: CompiledWebSocketStage]
    /// `disableExecuteApiEndpoint`: the `{apiId}.execute-api` host answers 403 Forbidden.
    package let executeApiEndpointDisabled: Bool

    package init(apiId: String, stages: [String: CompiledWebSocketStage], executeApiEndpointDisabled: Bool) {
        self.apiId = apiId
        self.stages = stages
        self.executeApiEndpointDisabled = executeApiEndpointDisabled
    }
}
