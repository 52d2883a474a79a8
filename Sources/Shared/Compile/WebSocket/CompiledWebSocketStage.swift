/// A deployed WebSocket API stage, compiled: the route selection expression and the routes by
/// key. Built off the loops by `WebSocketApiCompiler`, immutable, shared by every loop.
package final class CompiledWebSocketStage: Sendable {
    package let apiId: String
    package let apiName: String
    package let stageName: String
    package let deploymentId: String
    package let variables: [String: String]
    /// nil when the expression could not be compiled (then `refusal` says why).
    package let selection: WebSocketSelectionExpression?
    /// Every route by key (`$connect`, `$disconnect`, `$default` among them when defined).
    package let routes: [String: CompiledWebSocketRoute]
    /// Why the stage cannot be served (an unusable selection expression): an upgrade to it answers
    /// 500 and the reason is logged; nil when served.
    package let refusal: String?

    package init(apiId: String, apiName: String, stageName: String, deploymentId: String, variables: [String: String],
                 selection: WebSocketSelectionExpression?, routes: [String: CompiledWebSocketRoute], refusal: String?) {
        self.apiId = apiId
        self.apiName = apiName
        self.stageName = stageName
        self.deploymentId = deploymentId
        self.variables = variables
        self.selection = selection
        self.routes = routes
        self.refusal = refusal
    }

    package var connectRoute: CompiledWebSocketRoute? { routes["$connect"] }
    package var disconnectRoute: CompiledWebSocketRoute? { routes["$disconnect"] }
    package var defaultRoute: CompiledWebSocketRoute? { routes["$default"] }

    /// The route a message goes to: the key the selection expression gives, when a route other than
    /// `$connect`/`$disconnect` has it; else `$default`; nil when there is none (AWS's error frame).
    package func route(forMessage message: [UInt8]) -> CompiledWebSocketRoute? {
        if let key = selection?.key(for: message), key != "$connect", key != "$disconnect", let route = routes[key] {
            return route
        }
        return defaultRoute
    }
}
