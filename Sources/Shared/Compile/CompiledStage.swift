/// A deployed stage of a REST API, compiled: its router, routes and settings.
///
/// Immutable and shared by every event loop; a request reads it from the snapshot it started on.
package final class CompiledStage: Sendable {
    package let restApiId: String
    package let apiName: String
    package let stageName: String
    package let deploymentId: String
    package let router: Router
    /// Indexed by `RouteMatch.route`.
    package let routes: [CompiledRoute]
    package let variables: [String: String]
    package let binaryMediaTypes: [String]
    /// `HEADER` or `AUTHORIZER`.
    package let apiKeySource: String
    /// The stage-wide `*/*` method setting, if set.
    package let defaultMethodSetting: MethodSetting?
    package let tracingEnabled: Bool
    /// `disableExecuteApiEndpoint`: the default invoke URL answers 403 Forbidden.
    package let executeApiEndpointDisabled: Bool
    /// Bumped by FlushStageAuthorizersCache: part of every authorizer cache key of the stage, so a
    /// flush reaches every node with the snapshot that carries it.
    package let authorizerCacheGeneration: Int

    package init(restApiId: String, apiName: String, stageName: String, deploymentId: String, router: Router,
                 routes: [CompiledRoute], variables: [String: String], binaryMediaTypes: [String], apiKeySource: String,
                 defaultMethodSetting: MethodSetting?, tracingEnabled: Bool, executeApiEndpointDisabled: Bool,
                 authorizerCacheGeneration: Int = 0) {
        self.restApiId = restApiId
        self.apiName = apiName
        self.stageName = stageName
        self.deploymentId = deploymentId
        self.router = router
        self.routes = routes
        self.variables = variables
        self.binaryMediaTypes = binaryMediaTypes
        self.apiKeySource = apiKeySource
        self.defaultMethodSetting = defaultMethodSetting
        self.tracingEnabled = tracingEnabled
        self.executeApiEndpointDisabled = executeApiEndpointDisabled
        self.authorizerCacheGeneration = authorizerCacheGeneration
    }

    /// Routes `method` + `path` (the part after the stage). Nil → 403 Missing Authentication Token.
    package func route(method: String, path: Substring) -> (route: CompiledRoute, match: RouteMatch)? {
        guard let match = router.match(method: method, path: path) else { return nil }
        return (routes[match.route], match)
    }
}
