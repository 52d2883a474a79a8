/// A route of an `apigatewayv2` API (`Route`): a route key, its target integration and its
/// authorization. Stored by the control plane and frozen into deployments; the data plane compiles
/// the deployed ones of HTTP APIs (`HttpApiCompiler`).
package struct V2Route: Codable, Sendable, Equatable {
    package var routeId: String
    package var routeKey: String
    package var apiGatewayManaged: Bool?
    package var apiKeyRequired: Bool
    package var authorizationScopes: [String]?
    package var authorizationType: String
    package var authorizerId: String?
    package var modelSelectionExpression: String?
    package var operationName: String?
    package var requestModels: [String: String]?
    package var requestParameters: [String: V2ParameterConstraints]?
    package var routeResponseSelectionExpression: String?
    /// `integrations/{integrationId}`, or nil for a route without an integration yet.
    package var target: String?

    package static let authorizationTypes = ["NONE", "AWS_IAM", "CUSTOM", "JWT"]

    package init(routeId: String, routeKey: String, apiGatewayManaged: Bool? = nil, apiKeyRequired: Bool,
                 authorizationScopes: [String]? = nil, authorizationType: String, authorizerId: String? = nil,
                 modelSelectionExpression: String? = nil, operationName: String? = nil, requestModels: [String: String]? = nil,
                 requestParameters: [String: V2ParameterConstraints]? = nil, routeResponseSelectionExpression: String? = nil,
                 target: String? = nil) {
        self.routeId = routeId
        self.routeKey = routeKey
        self.apiGatewayManaged = apiGatewayManaged
        self.apiKeyRequired = apiKeyRequired
        self.authorizationScopes = authorizationScopes
        self.authorizationType = authorizationType
        self.authorizerId = authorizerId
        self.modelSelectionExpression = modelSelectionExpression
        self.operationName = operationName
        self.requestModels = requestModels
        self.requestParameters = requestParameters
        self.routeResponseSelectionExpression = routeResponseSelectionExpression
        self.target = target
    }

    /// The integration id of `target` (`integrations/{id}`), or nil.
    package var integrationId: String? {
        guard let target, target.hasPrefix("integrations/") else { return nil }
        return String(target.dropFirst("integrations/".count))
    }
}

/// Whether a WebSocket route's request parameter is required (`ParameterConstraints`).
package struct V2ParameterConstraints: Codable, Sendable, Equatable {
    package var required: Bool?

    package init(required: Bool? = nil) {
        self.required = required
    }
}
