/// Compiles one deployment's resources and methods against one stage into a router and route table.
///
/// Mutable; lives only while compiling. Runs off the event loops (data plane) or inside an admin
/// request (control plane, through `SnapshotCompiler.validate`).
struct StageBuilder {
    let content: DeploymentContent
    let context: StageContext

    func build(patterns: inout SelectionPatternCache, schemas: inout ModelSchemaCache) throws(CompileError) -> (router: Router, routes: [CompiledRoute]) {
        try Self.refuseUnservedFeatures(content)
        let resources = try ResourceTreeBuilder.resolve(content.resources)
        var router = RouterBuilder()
        var routes: [CompiledRoute] = []
        for entry in resources {
            do {
                try router.addResource(path: entry.parts)
            } catch {
                throw Self.compileError(error, path: entry.path)
            }
            for (verb, method) in (entry.resource.resourceMethods ?? [:]).sorted(by: { $0.key < $1.key }) {
                let route = try compileRoute(verb: verb, method: method, resource: entry, patterns: &patterns, schemas: &schemas)
                do {
                    try router.add(path: entry.parts, method: verb, route: routes.count)
                } catch {
                    throw Self.compileError(error, path: entry.path)
                }
                routes.append(route)
            }
        }
        if routes.isEmpty, context.validatesDefinition { throw .noMethods }
        return (router.build(), routes)
    }

    private func compileRoute(verb: String, method: Method, resource entry: ResourceTreeBuilder.ResolvedResource,
                              patterns: inout SelectionPatternCache, schemas: inout ModelSchemaCache) throws(CompileError) -> CompiledRoute {
        guard IntegrationCompiler.validVerbs.contains(verb) else { throw .invalidHttpMethod(resourcePath: entry.path, method: verb) }
        let ref = CompileError.MethodRef(resourcePath: entry.path, httpMethod: verb)
        guard let integration = method.methodIntegration else { throw .noIntegration(ref) }
        let compiled = try IntegrationCompiler(ref: ref, context: context).compile(integration, patterns: &patterns)
        var statuses: Set<Int> = []
        for (key, response) in method.methodResponses ?? [:] {
            if let code = Int(response.statusCode.isEmpty ? key : response.statusCode) { statuses.insert(code) }
        }
        let setting = context.methodSetting(resourcePath: entry.path, httpMethod: verb)
        let cache = context.cacheClusterEnabled
            ? try CompiledRouteCache.compile(verb: verb, settingKey: setting?.key, setting: setting?.setting, integration: integration,
                                             resourceId: entry.resource.id, ref: ref)
            : nil
        let validation = try RequestValidationCompiler(content: content).compile(method, ref: ref, schemas: &schemas)
        let authorizer = try authorizer(for: method, ref: ref)
        var refusal = AccessRefusal.compile(authorizationType: method.authorizationType, resourcePolicy: content.api.policy,
                                            isPrivate: content.api.endpointConfiguration?.types.contains("PRIVATE") == true)
        // An authorizer the data plane runs replaces the authorizer refusal (a missing one keeps it: fail closed).
        if refusal == .authorizer, authorizer != nil { refusal = nil }
        return CompiledRoute(
            resourceId: entry.resource.id, resourcePath: entry.path, httpMethod: verb,
            pathParameterNames: entry.parts.compactMap(\.variableName),
            authorizationType: method.authorizationType, authorizerId: method.authorizerId,
            apiKeyRequired: method.apiKeyRequired, requestValidatorId: method.requestValidatorId,
            requestParameters: method.requestParameters ?? [:], methodResponseStatuses: statuses,
            integration: compiled, methodSettingKey: setting?.key, methodSetting: setting?.setting,
            refusal: refusal, requestValidation: validation, authorizer: authorizer,
            authorizationScopes: method.authorizationScopes ?? [], cache: cache)
    }

    /// The compiled authorizer of a `CUSTOM` or `COGNITO_USER_POOLS` method (nil for other methods,
    /// and for one naming an authorizer of the wrong kind or none: that method stays refused).
    private func authorizer(for method: Method, ref: CompileError.MethodRef) throws(CompileError) -> CompiledAuthorizer? {
        let wanted: Set<String>
        switch method.authorizationType {
        case "CUSTOM": wanted = ["TOKEN", "REQUEST"]
        case "COGNITO_USER_POOLS": wanted = ["COGNITO_USER_POOLS"]
        default: return nil
        }
        guard let id = method.authorizerId, let definition = content.authorizers?.first(where: { $0.id == id }),
              wanted.contains(definition.type) else { return nil }
        do {
            return try CompiledAuthorizer.compile(definition, variables: context.isValidationOnly ? nil : context.variables)
        } catch {
            throw .unsupportedFeature(feature: "authorizer \(definition.id)",
                                      detail: "method \(ref.httpMethod) \(ref.resourcePath): \(error)")
        }
    }

    /// Fails closed on what the data plane does not honour yet, in the definition as deployed:
    /// checks the customised gateway responses compile (a customised REQUEST_TOO_LARGE is refused,
    /// as AWS does not allow one). Runs on nodes too, so a definition that slipped past the admin
    /// API is never served without it.
    static func refuseUnservedFeatures(_ content: DeploymentContent) throws(CompileError) {
        _ = try CompiledGatewayResponses.compile(content.gatewayResponses)
    }

    private static func compileError(_ error: RouteTreeError, path: String) -> CompileError {
        switch error {
        case .childOfGreedy(let parent):
            return .childOfGreedy(path: path, greedyPart: parent)
        case .conflictingVariableSibling(let existing, _):
            return .variableSiblingConflict(parentPath: path, pathPart: existing)
        case .duplicateMethod(let path, let method):
            return .invalidHttpMethod(resourcePath: path, method: method)
        }
    }
}
