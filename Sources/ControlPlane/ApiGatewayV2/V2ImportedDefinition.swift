import Shared

/// What an OpenAPI 3.0 document defines for an HTTP API, read by `V2OpenAPIImporter` and not yet
/// stored: ImportApi places it in a new `V2ApiDocument`, ReimportApi over an existing one
/// (`applied(to:)`), and either stores nothing when the result is refused.
///
/// Routes refer to their integration and authorizer by the ids this definition assigned (the
/// importer is given the id source), so the parts are consistent as they stand.
struct V2ImportedDefinition: Sendable, Equatable {
    var name: String
    var description: String?
    var version: String?
    /// From `x-amazon-apigateway-cors`; nil when the document has none.
    var cors: V2Cors?
    /// From `x-amazon-apigateway-endpoint-configuration.disableExecuteApiEndpoint`.
    var disableExecuteApiEndpoint: Bool?
    var routes: [V2Route] = []
    var integrations: [V2Integration] = []
    var authorizers: [V2Authorizer] = []
    /// What the import skipped, in AWS's wording where known; refused under `failOnWarnings=true`.
    var warnings: [String] = []

    init(name: String) {
        self.name = name
    }

    /// `document` with this definition in place of its API members, routes, integrations and
    /// authorizers (ReimportApi overwrites them, as AWS's reimport does); stages, deployments, tags
    /// and models stay. Every route is checked as CreateRoute checks it, against the new parts.
    func applied(to document: V2ApiDocument) throws -> V2ApiDocument {
        var result = document
        result.api.name = name
        result.api.description = description
        result.api.version = version
        result.api.corsConfiguration = cors
        if let disableExecuteApiEndpoint { result.api.disableExecuteApiEndpoint = disableExecuteApiEndpoint }
        result.routes = []
        result.integrations = integrations
        result.authorizers = authorizers
        for route in routes {
            try AdminAPI.checkRoute(route, in: result)
            result.routes.append(route)
        }
        return result
    }
}
