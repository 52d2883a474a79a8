import Shared

/// Writes an HTTP API as an OpenAPI 3.0.1 document with the HTTP API extensions (ExportApi
/// `specification=OAS30`, `exportVersion` 1.0), in the shape `V2OpenAPIImporter` reads back: a
/// document exported and imported again gives the same routes, integrations, authorizers and CORS.
///
/// Pure. `content` is what is exported: the API's current routes, integrations and authorizers,
/// or a stage's deployment (`stageName`, which then is the `basePath` server variable's default;
/// `$default` and no stage leave it empty). Without `includeExtensions` every
/// `x-amazon-apigateway-*` member is left out. Paths, methods and schemes are sorted so an export
/// is deterministic.
struct V2OpenAPIExporter {
    let api: V2Api
    let content: V2DeployedContent
    let stageName: String?
    let includeExtensions: Bool

    func document() -> JSONValue {
        var info: [(key: String, value: JSONValue)] = [("title", .string(api.name))]
        info.add("description", api.description)
        // AWS writes the API's version, else the export's moment; Tollgate the API's creation date.
        info.append(("version", .string(api.version ?? api.createdDate)))
        let basePath = stageName.map { $0 == "$default" ? "" : $0 } ?? ""
        var document: [(key: String, value: JSONValue)] = [
            ("openapi", .string("3.0.1")),
            ("info", .object(info)),
            ("servers", .array([.object([("url", .string(api.apiEndpoint + "/{basePath}")),
                                         ("variables", .object([("basePath", .object([("default", .string(basePath))]))]))])])),
            ("paths", paths()),
        ]
        let schemes = securitySchemes()
        if !schemes.isEmpty { document.append(("components", .object([("securitySchemes", .object(schemes))]))) }
        if let cors = api.corsConfiguration { document.append(("x-amazon-apigateway-cors", Self.cors(cors))) }
        if api.disableExecuteApiEndpoint {
            document.append(("x-amazon-apigateway-endpoint-configuration", .object([("disableExecuteApiEndpoint", .bool(true))])))
        }
        document.append(("x-amazon-apigateway-importexport-version", .string("1.0")))
        let result = JSONValue.object(document)
        return includeExtensions ? result : Self.withoutExtensions(result)
    }

    // MARK: - Paths

    func paths() -> JSONValue {
        var byPath: [String: [(key: String, value: JSONValue)]] = [:]
        for route in content.routes {
            let (method, path): (String, String)
            if route.routeKey == "$default" {
                (method, path) = ("ANY", "$default")
            } else {
                let parts = route.routeKey.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                (method, path) = (parts[0], parts[1])
            }
            let key = method == "ANY" ? V2OpenAPIImporter.anyMethod : method.lowercased()
            byPath[path, default: []].append((key, operation(route)))
        }
        return .object(byPath.keys.sorted().map { path in
            (path, .object(byPath[path]!.sorted { $0.key < $1.key }))
        })
    }

    func operation(_ route: V2Route) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        members.add("operationId", route.operationName)
        members.append(("responses", .object([("default", .object([("description", .string("Default response for \(route.routeKey)"))]))])))
        if let id = route.authorizerId, let authorizer = content.authorizers.first(where: { $0.authorizerId == id }) {
            let scopes = (route.authorizationScopes ?? []).map(JSONValue.string)
            members.append(("security", .array([.object([(authorizer.name, .array(scopes))])])))
        }
        if route.authorizationType == "AWS_IAM" {
            members.append(("x-amazon-apigateway-auth", .object([("type", .string("AWS_IAM"))])))
        }
        if let id = route.integrationId, let integration = content.integrations.first(where: { $0.integrationId == id }) {
            members.append(("x-amazon-apigateway-integration", Self.integration(integration)))
        }
        return .object(members)
    }

    static func integration(_ integration: V2Integration) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("type", .string(integration.integrationType.lowercased()))]
        members.add("integrationSubtype", integration.integrationSubtype)
        members.add("httpMethod", integration.integrationMethod)
        members.add("uri", integration.integrationUri)
        members.add("payloadFormatVersion", integration.payloadFormatVersion)
        members.append(("connectionType", .string(integration.connectionType)))
        members.add("connectionId", integration.connectionId)
        members.add("credentials", integration.credentialsArn)
        members.add("description", integration.description)
        members.add("requestParameters", map: integration.requestParameters)
        if let response = integration.responseParameters {
            members.append(("responseParameters", .object(response.keys.sorted().map { status in
                var inner: [(key: String, value: JSONValue)] = []
                inner.add(status, map: response[status])
                return inner[0]
            })))
        }
        if let name = integration.tlsConfig?.serverNameToVerify {
            members.append(("tlsConfig", .object([("serverNameToVerify", .string(name))])))
        }
        members.append(("timeoutInMillis", .number(Double(integration.timeoutInMillis))))
        return .object(members)
    }

    // MARK: - Authorizers and CORS

    func securitySchemes() -> [(key: String, value: JSONValue)] {
        content.authorizers.sorted { $0.name < $1.name }.map { authorizer in
            var extensionMembers: [(key: String, value: JSONValue)] = [("type", .string(authorizer.authorizerType.lowercased()))]
            if let sources = authorizer.identitySource { extensionMembers.append(("identitySource", .string(sources.joined(separator: ",")))) }
            if let jwt = authorizer.jwtConfiguration {
                var config: [(key: String, value: JSONValue)] = []
                if let audience = jwt.audience { config.append(("audience", .array(audience.map(JSONValue.string)))) }
                config.add("issuer", jwt.issuer)
                extensionMembers.append(("jwtConfiguration", .object(config)))
            }
            extensionMembers.add("authorizerUri", authorizer.authorizerUri)
            extensionMembers.add("authorizerCredentials", authorizer.authorizerCredentialsArn)
            extensionMembers.add("authorizerPayloadFormatVersion", authorizer.authorizerPayloadFormatVersion)
            if let simple = authorizer.enableSimpleResponses { extensionMembers.append(("enableSimpleResponses", .bool(simple))) }
            if let ttl = authorizer.authorizerResultTtlInSeconds { extensionMembers.append(("authorizerResultTtlInSeconds", .number(Double(ttl)))) }
            let scheme: [(key: String, value: JSONValue)] = authorizer.authorizerType == "JWT"
                ? [("type", .string("oauth2")), ("flows", .object([]))]
                : [("type", .string("apiKey")), ("name", .string("Unused")), ("in", .string("header"))]
            return (authorizer.name, .object(scheme + [("x-amazon-apigateway-authorizer", .object(extensionMembers))]))
        }
    }

    static func cors(_ cors: V2Cors) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let value = cors.allowCredentials { members.append(("allowCredentials", .bool(value))) }
        for (key, list) in [("allowHeaders", cors.allowHeaders), ("allowMethods", cors.allowMethods),
                            ("allowOrigins", cors.allowOrigins), ("exposeHeaders", cors.exposeHeaders)] {
            if let list { members.append((key, .array(list.map(JSONValue.string)))) }
        }
        if let maxAge = cors.maxAge { members.append(("maxAge", .number(Double(maxAge)))) }
        return .object(members)
    }

    /// `value` without any `x-amazon-apigateway-*` member, at every depth.
    static func withoutExtensions(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(members.filter { !$0.key.hasPrefix("x-amazon-apigateway-") }.map { ($0.key, withoutExtensions($0.value)) })
        case .array(let items): .array(items.map(withoutExtensions))
        default: value
        }
    }
}
