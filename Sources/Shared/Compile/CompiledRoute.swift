/// One method of one resource of a deployed stage: everything the data plane needs to serve it.
///
/// Immutable and shared by every event loop.
package final class CompiledRoute: Sendable {
    package let resourceId: String
    /// `/pets/{petId}`.
    package let resourcePath: String
    /// The declared verb (`GET`, …, or `ANY`).
    package let httpMethod: String
    /// Names of the path variables in path order, aligned with `RouteMatch.parameterValues`.
    package let pathParameterNames: [String]
    package let authorizationType: String
    package let authorizerId: String?
    /// Set when the method asks for a protection (authorizer, IAM, resource policy) the data plane
    /// does not enforce yet: every request is refused with it, before the API key check.
    package let refusal: AccessRefusal?
    package let apiKeyRequired: Bool
    package let requestValidatorId: String?
    /// What the method's request validator checks (nil without one, or when it checks nothing here).
    package let requestValidation: CompiledRequestValidation?
    /// `method.request.{querystring|path|header}.NAME` → required.
    package let requestParameters: [String: Bool]
    /// Status codes with a declared MethodResponse.
    package let methodResponseStatuses: Set<Int>
    package let integration: CompiledIntegration
    /// The stage `methodSettings` key that applies (`pets/GET`, or `*/*`), nil when none does.
    package let methodSettingKey: String?
    package let methodSetting: MethodSetting?
    /// The stage throttle for this method (method setting, else `*/*`), nil when the stage sets none.
    package let throttle: ThrottleLimits?
    /// The key of this method in usage-plan per-method throttles: `/pets/GET`, root `//GET`.
    package let usagePlanMethodKey: String
    /// The Lambda or Cognito authorizer of a `CUSTOM` or `COGNITO_USER_POOLS` method (shared by the
    /// stage's routes that name it); nil for every other method.
    package let authorizer: CompiledAuthorizer?
    /// `authorizationScopes`: with a Cognito authorizer, the access token must carry one of them.
    package let authorizationScopes: [String]
    /// The method's stage-cache settings; nil when its stage has no cache or the method is not cached.
    package let cache: CompiledRouteCache?
    /// The route key and payload format of an HTTP API route (`HttpApiCompiler`); nil on REST routes.
    package let httpApi: CompiledHttpRoute?

    package init(resourceId: String, resourcePath: String, httpMethod: String, pathParameterNames: [String],
                 authorizationType: String, authorizerId: String?, apiKeyRequired: Bool, requestValidatorId: String?,
                 requestParameters: [String: Bool], methodResponseStatuses: Set<Int>, integration: CompiledIntegration,
                 methodSettingKey: String?, methodSetting: MethodSetting?, refusal: AccessRefusal?,
                 requestValidation: CompiledRequestValidation? = nil,
                 authorizer: CompiledAuthorizer? = nil, authorizationScopes: [String] = [], cache: CompiledRouteCache? = nil,
                httpApi: CompiledHttpRoute? = nil) {
        self.cache = cache
        self.httpApi = httpApi
        self.resourceId = resourceId
        self.resourcePath = resourcePath
        self.httpMethod = httpMethod
        self.pathParameterNames = pathParameterNames
        self.authorizationType = authorizationType
        self.authorizerId = authorizerId
        self.refusal = refusal
        self.apiKeyRequired = apiKeyRequired
        self.requestValidatorId = requestValidatorId
        self.requestValidation = requestValidation
        self.requestParameters = requestParameters
        self.methodResponseStatuses = methodResponseStatuses
        self.integration = integration
        self.methodSettingKey = methodSettingKey
        self.methodSetting = methodSetting
        self.throttle = methodSetting.map(ThrottleLimits.init)
        self.usagePlanMethodKey = "\(resourcePath)/\(httpMethod)"
        self.authorizer = authorizer
        self.authorizationScopes = authorizationScopes
    }
}
