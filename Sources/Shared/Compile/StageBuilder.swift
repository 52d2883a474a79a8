/// Compiles one deployment's resources and methods against one stage into a router and route table.
///
/// Mutable; lives only while compiling. Runs off the event loops (data plane) or inside an admin
/// request (control plane, through `SnapshotCompiler.validate`).
struct StageBuilder {
    let content: DeploymentContent
    let context: StageContext

    func build(patterns: inout SelectionPatternCache) throws(CompileError) -> (router: Router, routes: [CompiledRoute]) {
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
                let route = try compileRoute(verb: verb, method: method, resource: entry, patterns: &patterns)
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
                              patterns: inout SelectionPatternCache) throws(CompileError) -> CompiledRoute {
        guard IntegrationCompiler.validVerbs.contains(verb) else { throw .invalidHttpMethod(resourcePath: entry.path, method: verb) }
        let ref = CompileError.MethodRef(resourcePath: entry.path, httpMethod: verb)
        guard let integration = method.methodIntegration else { throw .noIntegration(ref) }
        let compiled = try IntegrationCompiler(ref: ref, context: context).compile(integration, patterns: &patterns)
        var statuses: Set<Int> = []
        for (key, response) in method.methodResponses ?? [:] {
            if let code = Int(response.statusCode.isEmpty ? key : response.statusCode) { statuses.insert(code) }
        }
        let setting = context.methodSetting(resourcePath: entry.path, httpMethod: verb)
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
            refusal: refusal, authorizer: authorizer, authorizationScopes: method.authorizationScopes ?? [])
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
    /// a method that names a request validator (its checks would be skipped) and a gateway response
    /// that differs from AWS's default (the built-in one would be sent instead). Runs on nodes too,
    /// so a definition that slipped past the admin API is never served without them.
    static func refuseUnservedFeatures(_ content: DeploymentContent) throws(CompileError) {
        for resource in content.resources {
            for (verb, method) in (resource.resourceMethods ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let validator = method.requestValidatorId, !validator.isEmpty {
                    throw .unsupportedFeature(feature: "request validation",
                                              detail: "method \(verb) \(resource.path) uses request validator \(validator)")
                }
            }
        }
        if let custom = content.gatewayResponses?.first(where: { !$0.isDefault }) {
            throw .unsupportedFeature(feature: "customised gateway responses",
                                      detail: "gateway response \(custom.responseType) differs from its default")
        }
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
