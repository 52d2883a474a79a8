import Shared

/// Security schemes, integrations and the API-level `x-amazon-apigateway-*` extensions of an export.
extension OpenAPIExporter {
    func securitySchemes() -> [(key: String, value: JSONValue)] {
        let methods = content.resources.flatMap { ($0.resourceMethods ?? [:]).values }
        var result: [(key: String, value: JSONValue)] = []
        if methods.contains(where: \.apiKeyRequired) {
            result.append((Self.apiKeyScheme, .object([("type", .string("apiKey")), ("name", .string("x-api-key")), ("in", .string("header"))])))
        }
        if methods.contains(where: { $0.authorizationType == "AWS_IAM" }) {
            result.append((Self.sigv4Scheme, .object([
                ("type", .string("apiKey")), ("name", .string("Authorization")), ("in", .string("header")),
                ("x-amazon-apigateway-authtype", .string("awsSigv4")),
            ])))
        }
        for authorizer in content.authorizers ?? [] {
            let header = authorizer.identitySource.flatMap { source -> String? in
                let prefix = "method.request.header."
                return source.hasPrefix(prefix) && !source.contains(",") ? String(source.dropFirst(prefix.count)) : nil
            }
            var scheme: [(key: String, value: JSONValue)] = [("type", .string("apiKey")), ("name", .string(header ?? "Unused")),
                                                             ("in", .string("header"))]
            if !extensions.isDisjoint(with: [.authorizers, .api]) {
                scheme.add("x-amazon-apigateway-authtype", authorizer.authType ?? (authorizer.type == "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom"))
                var body: [(key: String, value: JSONValue)] = [("type", .string(authorizer.type.lowercased()))]
                body.add("authorizerUri", authorizer.authorizerUri)
                body.add("authorizerCredentials", authorizer.authorizerCredentials)
                body.add("identitySource", authorizer.identitySource)
                body.add("identityValidationExpression", authorizer.identityValidationExpression)
                if let arns = authorizer.providerARNs { body.add("providerARNs", .array(arns.map(JSONValue.string))) }
                if let ttl = authorizer.authorizerResultTtlInSeconds { body.add("authorizerResultTtlInSeconds", .number(Double(ttl))) }
                scheme.add("x-amazon-apigateway-authorizer", .object(body))
            }
            result.append((authorizer.name, .object(scheme)))
        }
        return result
    }

    func integration(_ integration: Integration, resource: Resource) -> JSONValue {
        var out: [(key: String, value: JSONValue)] = [("type", .string(integration.type.lowercased()))]
        out.add("httpMethod", integration.httpMethod)
        out.add("uri", integration.uri)
        if let type = integration.connectionType, type != "INTERNET" { out.add("connectionType", type) }
        out.add("connectionId", integration.connectionId)
        out.add("credentials", integration.credentials)
        out.add("requestParameters", map: integration.requestParameters)
        out.add("requestTemplates", map: integration.requestTemplates)
        out.add("passthroughBehavior", integration.passthroughBehavior?.lowercased())
        out.add("contentHandling", integration.contentHandling)
        if integration.timeoutInMillis != 29000 { out.add("timeoutInMillis", .number(Double(integration.timeoutInMillis))) }
        if let namespace = integration.cacheNamespace, namespace != resource.id { out.add("cacheNamespace", namespace) }
        if let keys = integration.cacheKeyParameters, !keys.isEmpty { out.add("cacheKeyParameters", .array(keys.map(JSONValue.string))) }
        if let tls = integration.tlsConfig?.insecureSkipVerification {
            out.add("tlsConfig", .object([("insecureSkipVerification", .bool(tls))]))
        }
        out.add("responseTransferMode", integration.responseTransferMode)
        var responses: [(key: String, value: JSONValue)] = []
        for (status, response) in (integration.integrationResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            var entry: [(key: String, value: JSONValue)] = [("statusCode", .string(status))]
            entry.add("responseParameters", map: response.responseParameters)
            entry.add("responseTemplates", map: response.responseTemplates)
            entry.add("contentHandling", response.contentHandling)
            let pattern = response.selectionPattern.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            responses.append((pattern, .object(entry)))
        }
        if !responses.isEmpty { out.add("responses", .object(responses)) }
        return .object(out)
    }

    /// `x-amazon-apigateway-endpoint-configuration` when the API has something for it.
    func endpointExtension() -> JSONValue? {
        var out: [(key: String, value: JSONValue)] = []
        if let ids = content.api.endpointConfiguration?.vpcEndpointIds, !ids.isEmpty {
            out.add("vpcEndpointIds", .array(ids.map(JSONValue.string)))
        }
        if content.api.disableExecuteApiEndpoint { out.add("disableExecuteApiEndpoint", .bool(true)) }
        return out.isEmpty ? nil : .object(out)
    }

    func apiExtensions() -> [(key: String, value: JSONValue)] {
        let api = content.api
        var out: [(key: String, value: JSONValue)] = []
        if isSwagger, let endpoint = endpointExtension() { out.add("x-amazon-apigateway-endpoint-configuration", endpoint) }
        if let types = api.binaryMediaTypes, !types.isEmpty {
            out.add("x-amazon-apigateway-binary-media-types", .array(types.map(JSONValue.string)))
        }
        if let size = api.minimumCompressionSize { out.add("x-amazon-apigateway-minimum-compression-size", .number(Double(size))) }
        if api.apiKeySource != "HEADER" { out.add("x-amazon-apigateway-api-key-source", api.apiKeySource) }
        if let policy = api.policy {
            out.add("x-amazon-apigateway-policy", (try? JSONParser.parse(Array(policy.utf8))) ?? .string(policy))
        }
        if let responses = content.gatewayResponses, !responses.isEmpty {
            out.add("x-amazon-apigateway-gateway-responses", .object(responses.map { response in
                var entry: [(key: String, value: JSONValue)] = []
                entry.add("statusCode", response.statusCode)
                entry.add("responseParameters", map: response.responseParameters)
                entry.add("responseTemplates", map: response.responseTemplates)
                return (response.responseType, .object(entry))
            }))
        }
        if let validators = content.requestValidators, !validators.isEmpty {
            out.add("x-amazon-apigateway-request-validators", .object(validators.map { validator in
                (validator.name, .object([("validateRequestBody", .bool(validator.validateRequestBody)),
                                          ("validateRequestParameters", .bool(validator.validateRequestParameters))]))
            }))
        }
        if !documentationParts.isEmpty {
            var documentation: [(key: String, value: JSONValue)] = []
            documentation.add("version", documentationVersion)
            documentation.add("documentationParts", .array(documentationParts.map { part in
                var location: [(key: String, value: JSONValue)] = [("type", .string(part.location.type))]
                location.add("path", part.location.path)
                location.add("method", part.location.method)
                location.add("statusCode", part.location.statusCode)
                location.add("name", part.location.name)
                let properties = (try? JSONParser.parse(Array(part.properties.utf8))) ?? .object([])
                return .object([("location", .object(location)), ("properties", properties)])
            }))
            out.add("x-amazon-apigateway-documentation", .object(documentation))
        }
        return out
    }
}
