/// A deployment's metadata as the admin API returns it (botocore `Deployment`).
package struct Deployment: Codable, Sendable, Equatable {
    package var id: String
    package var description: String?
    package var createdDate: Int64
    /// `resourcePath` → `METHOD` → `{authorizationType, apiKeyRequired}`.
    package var apiSummary: [String: [String: MethodSnapshot]]?

    package init(id: String, description: String? = nil, createdDate: Int64, apiSummary: [String: [String: MethodSnapshot]]? = nil) {
        self.id = id
        self.description = description
        self.createdDate = createdDate
        self.apiSummary = apiSummary
    }
}

/// botocore `MethodSnapshot`: the summary of one method inside a deployment.
package struct MethodSnapshot: Codable, Sendable, Equatable {
    package var authorizationType: String?
    package var apiKeyRequired: Bool?
    package init(authorizationType: String?, apiKeyRequired: Bool?) {
        self.authorizationType = authorizationType
        self.apiKeyRequired = apiKeyRequired
    }
}

/// The immutable content of a deployment: the whole API definition frozen at CreateDeployment.
/// Later edits to the API never change a stored `DeploymentContent`.
///
/// The parts added after the first schema (authorizers, models, request validators, gateway
/// responses) are optional and absent when empty, so older stored definitions and snapshots decode
/// unchanged and a definition without them encodes to the same bytes as before.
package struct DeploymentContent: Codable, Sendable, Equatable {
    package var api: RestApi
    package var resources: [Resource]
    /// In creation order.
    package var authorizers: [Authorizer]?
    /// In creation order.
    package var models: [Model]?
    /// In creation order.
    package var requestValidators: [RequestValidator]?
    /// Only the types put on the API (`defaultResponse` false), in the order they were first put.
    package var gatewayResponses: [GatewayResponse]?

    package init(api: RestApi, resources: [Resource], authorizers: [Authorizer]? = nil, models: [Model]? = nil,
                 requestValidators: [RequestValidator]? = nil, gatewayResponses: [GatewayResponse]? = nil) {
        self.api = api
        self.resources = resources
        self.authorizers = authorizers
        self.models = models
        self.requestValidators = requestValidators
        self.gatewayResponses = gatewayResponses
    }
}
