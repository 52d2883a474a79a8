/// Everything one `apigatewayv2` API owns, stored as one document (`v2_apis.doc`) and edited
/// read-modify-write inside one transaction, as a REST API's `DeploymentContent` is.
///
/// Kept apart from the REST APIs (own table, own types), so v1 and v2 operations of the same name
/// never meet. Not part of any node snapshot yet: the data plane does not serve HTTP APIs.
struct V2ApiDocument: Codable, Sendable {
    var api: V2Api
    var routes: [V2Route] = []
    var integrations: [V2Integration] = []
    var authorizers: [V2Authorizer] = []
    var stages: [V2Stage] = []
    var deployments: [V2Deployment] = []

    init(api: V2Api) {
        self.api = api
    }

    /// What a deployment freezes: the routes, integrations and authorizers at that moment.
    var deployable: V2DeployedContent {
        V2DeployedContent(routes: routes, integrations: integrations, authorizers: authorizers)
    }
}

/// The part of an API a deployment freezes (what the data plane will serve from a stage).
struct V2DeployedContent: Codable, Sendable {
    var routes: [V2Route]
    var integrations: [V2Integration]
    var authorizers: [V2Authorizer]
}
