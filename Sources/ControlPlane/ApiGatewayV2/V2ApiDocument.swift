import Shared

/// Everything one `apigatewayv2` API owns, stored as one document (`v2_apis.doc`) and edited
/// read-modify-write inside one transaction, as a REST API's `DeploymentContent` is.
///
/// Kept apart from the REST APIs (own table, own types), so v1 and v2 operations of the same name
/// never meet. What nodes serve of it (deployed stages of an HTTP API) is `servedForm`.
struct V2ApiDocument: Codable, Sendable {
    var api: V2Api
    var routes: [V2Route] = []
    var integrations: [V2Integration] = []
    var authorizers: [V2Authorizer] = []
    var stages: [V2Stage] = []
    var deployments: [V2Deployment] = []
    var models: [V2Model] = []

    init(api: V2Api) {
        self.api = api
    }

    private enum CodingKeys: String, CodingKey {
        case api, routes, integrations, authorizers, stages, deployments, models
    }

    /// Decodes a stored document; members added after a document was written (`models`) default to empty.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        api = try container.decode(V2Api.self, forKey: .api)
        routes = try container.decode([V2Route].self, forKey: .routes)
        integrations = try container.decode([V2Integration].self, forKey: .integrations)
        authorizers = try container.decode([V2Authorizer].self, forKey: .authorizers)
        stages = try container.decode([V2Stage].self, forKey: .stages)
        deployments = try container.decode([V2Deployment].self, forKey: .deployments)
        models = try container.decodeIfPresent([V2Model].self, forKey: .models) ?? []
    }

    /// What a deployment freezes: the routes, integrations and authorizers at that moment.
    var deployable: V2DeployedContent {
        V2DeployedContent(routes: routes, integrations: integrations, authorizers: authorizers)
    }
}
