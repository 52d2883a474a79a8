/// One route of a deployed WebSocket API stage: its key, integration, whether it answers the
/// client (a two-way route) and its throttle. Immutable.
package struct CompiledWebSocketRoute: Sendable {
    package let routeId: String
    /// `$connect`, `$disconnect`, `$default` or a custom key.
    package let routeKey: String
    package let integration: CompiledWebSocketIntegration
    /// A route with a `routeResponseSelectionExpression` (AWS: "two-way"): the integration's
    /// answer is sent back to the client as a message. One-way routes send nothing back.
    package let twoWay: Bool
    /// The stage's route (or default) throttle, nil when none is set.
    package let throttle: ThrottleLimits?
    /// `$connect` with `authorizationType: AWS_IAM`: the upgrade must be SigV4-signed for
    /// `execute-api` by a caller allowed `execute-api:Invoke` on the route's ARN.
    package let requiresIAM: Bool
    /// `$connect` with `authorizationType: CUSTOM`: its REQUEST authorizer, run before the integration.
    package let authorizer: CompiledWebSocketAuthorizer?

    package init(routeId: String, routeKey: String, integration: CompiledWebSocketIntegration, twoWay: Bool,
                 throttle: ThrottleLimits? = nil, requiresIAM: Bool = false, authorizer: CompiledWebSocketAuthorizer? = nil) {
        self.requiresIAM = requiresIAM
        self.authorizer = authorizer
        self.routeId = routeId
        self.routeKey = routeKey
        self.integration = integration
        self.twoWay = twoWay
        self.throttle = throttle
    }
}
