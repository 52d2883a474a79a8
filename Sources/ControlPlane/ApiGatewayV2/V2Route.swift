/// A route of an `apigatewayv2` API (`Route`): a route key, its target integration and its
/// authorization.
struct V2Route: Codable, Sendable, Equatable {
    var routeId: String
    var routeKey: String
    var apiGatewayManaged: Bool?
    var apiKeyRequired: Bool
    var authorizationScopes: [String]?
    var authorizationType: String
    var authorizerId: String?
    var modelSelectionExpression: String?
    var operationName: String?
    var requestModels: [String: String]?
    var requestParameters: [String: V2ParameterConstraints]?
    var routeResponseSelectionExpression: String?
    /// `integrations/{integrationId}`, or nil for a route without an integration yet.
    var target: String?

    static let authorizationTypes = ["NONE", "AWS_IAM", "CUSTOM", "JWT"]
}

/// Whether a WebSocket route's request parameter is required (`ParameterConstraints`).
struct V2ParameterConstraints: Codable, Sendable, Equatable {
    var required: Bool?
}
