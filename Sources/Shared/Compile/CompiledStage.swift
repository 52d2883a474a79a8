/// A deployed stage of a REST API (or of an HTTP API, with `httpApi` set), compiled: its router,
/// routes and settings.
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
    /// The REST API's `minimumCompressionSize` in bytes: responses at least this large are
    /// compressed for clients that accept it; nil turns compression off.
    package let minimumCompressionSize: Int?
    /// The API's customised gateway responses, resolved; nil when it customises none (errors
    /// then answer exactly the built-in responses, with no lookup).
    package let gatewayResponses: CompiledGatewayResponses?
    /// The API's resource policy (JSON text) as deployed; nil when it has none. Compiled per
    /// snapshot by the data plane's policy filter, which knows the node's region and account.
    package let resourcePolicy: String?
    /// Bumped by FlushStageAuthorizersCache: part of every authorizer cache key of the stage, so a
    /// flush reaches every node with the snapshot that carries it.
    package let authorizerCacheGeneration: Int
    /// The stage cache (`cacheClusterEnabled`): its per-node bound and flush generation; nil without one.
    package let cache: CompiledStageCache?
    /// This stage's canary (on the stage requests resolve to); nil without one.
    package let canary: CompiledCanary?
    /// True on the compiled form of a canary (`canary.stage`): `$context.isCanaryRequest`.
    package let isCanary: Bool
    /// `accessLogSettings` with both a format and a destination; nil: the stage writes no access log.
    package let accessLog: CompiledAccessLog?
    /// The client certificate the stage presents to HTTPS integrations (`clientCertificateId`), nil: none.
    package let clientCertificateId: String?
    /// The catch-all route and refusal of an HTTP API stage (`HttpApiCompiler`); nil on REST stages.
    package let httpApi: CompiledHttpStage?

    package init(restApiId: String, apiName: String, stageName: String, deploymentId: String, router: Router,
                 routes: [CompiledRoute], variables: [String: String], binaryMediaTypes: [String], apiKeySource: String,
                 defaultMethodSetting: MethodSetting?, tracingEnabled: Bool, executeApiEndpointDisabled: Bool,
                 minimumCompressionSize: Int? = nil, gatewayResponses: CompiledGatewayResponses? = nil,
                 resourcePolicy: String? = nil, authorizerCacheGeneration: Int = 0, cache: CompiledStageCache? = nil,
                 canary: CompiledCanary? = nil, isCanary: Bool = false, accessLog: CompiledAccessLog? = nil,
                 clientCertificateId: String? = nil, httpApi: CompiledHttpStage? = nil) {
        self.clientCertificateId = clientCertificateId
        self.cache = cache
        self.httpApi = httpApi
        self.accessLog = accessLog
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
        self.minimumCompressionSize = minimumCompressionSize
        self.gatewayResponses = gatewayResponses
        self.resourcePolicy = resourcePolicy
        self.authorizerCacheGeneration = authorizerCacheGeneration
        self.canary = canary
        self.isCanary = isCanary
    }

    /// The stage that serves a request whose uniform draw in [0, 1) is `draw`: the canary for
    /// `percentTraffic` % of draws, else this stage. Without a canary, always this stage.
    @inline(__always)
    package func serving(draw: @autoclosure () -> Double) -> CompiledStage {
        guard let canary else { return self }
        return canary.takes(draw: draw()) ? canary.stage : self
    }

    /// This stage and its canary's stage (what chains and indexes are built for).
    package var withCanary: [CompiledStage] {
        canary.map { [self, $0.stage] } ?? [self]
    }

    /// `$context.isCanaryRequest`: "true"/"false" on a stage with a canary, nil (absent) without one.
    package var isCanaryRequest: String? {
        isCanary ? "true" : (canary == nil ? nil : "false")
    }

    /// Routes `method` + `path` (the part after the stage). Nil → 403 Missing Authentication Token.
    package func route(method: String, path: Substring) -> (route: CompiledRoute, match: RouteMatch)? {
        guard let match = router.match(method: method, path: path) else { return nil }
        return (routes[match.route], match)
    }
}
