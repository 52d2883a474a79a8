import Shared

/// Paths and operations of an export.
extension OpenAPIExporter {
    /// One path per resource that has methods, or that is a leaf (so an empty resource survives a
    /// round trip); sorted by path.
    func paths() -> [(key: String, value: JSONValue)] {
        let parents = Set(content.resources.compactMap(\.parentId))
        var result: [(key: String, value: JSONValue)] = []
        for resource in content.resources.sorted(by: { $0.path < $1.path }) {
            let methods = resource.resourceMethods ?? [:]
            guard !methods.isEmpty || (!parents.contains(resource.id) && resource.path != "/") else { continue }
            var item: [(key: String, value: JSONValue)] = []
            for verb in methods.keys.sorted(by: Self.verbOrder) {
                let key = verb == "ANY" ? "x-amazon-apigateway-any-method" : verb.lowercased()
                item.append((key, operation(methods[verb]!, resource: resource)))
            }
            result.append((resource.path, .object(item)))
        }
        return result
    }

    static let verbs = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "ANY"]
    static func verbOrder(_ a: String, _ b: String) -> Bool {
        (verbs.firstIndex(of: a) ?? verbs.count, a) < (verbs.firstIndex(of: b) ?? verbs.count, b)
    }

    func operation(_ method: Method, resource: Resource) -> JSONValue {
        var op: [(key: String, value: JSONValue)] = []
        op.add("operationId", method.operationName)
        let requestModels = (method.requestModels ?? [:]).sorted { $0.key < $1.key }
        if isSwagger {
            if !requestModels.isEmpty { op.add("consumes", .array(requestModels.map { .string($0.key) })) }
            let produced = Set((method.methodResponses ?? [:]).values.flatMap { ($0.responseModels ?? [:]).keys })
            if !produced.isEmpty { op.add("produces", .array(produced.sorted().map(JSONValue.string))) }
        }
        var parameters = requestParameters(method)
        if isSwagger, let body = requestModels.first {
            parameters.append(.object([("in", .string("body")), ("name", .string(body.value)), ("required", .bool(true)),
                                       ("schema", modelReference(body.value))]))
        }
        if !parameters.isEmpty { op.add("parameters", .array(parameters)) }
        if !isSwagger, !requestModels.isEmpty {
            op.add("requestBody", .object([
                ("content", .object(requestModels.map { ($0.key, .object([("schema", modelReference($0.value))])) })),
                ("required", .bool(true)),
            ]))
        }
        op.add("responses", .object(responses(method)))
        if let security = security(method) { op.add("security", security) }
        if extensions.contains(.api), let validator = method.requestValidatorId,
           let name = content.requestValidators?.first(where: { $0.id == validator })?.name {
            op.add("x-amazon-apigateway-request-validator", name)
        }
        if !extensions.isDisjoint(with: [.integrations, .api]), let integration = method.methodIntegration {
            op.add("x-amazon-apigateway-integration", self.integration(integration, resource: resource))
        }
        return .object(op)
    }

    func requestParameters(_ method: Method) -> [JSONValue] {
        let locations = ["path": "path", "querystring": "query", "multivaluequerystring": "query", "header": "header",
                         "multivalueheader": "header"]
        var result: [JSONValue] = []
        for (key, required) in (method.requestParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".", maxSplits: 3)
            guard parts.count == 4, let location = locations[String(parts[2])] else { continue }
            var parameter: [(key: String, value: JSONValue)] = [("name", .string(String(parts[3]))), ("in", .string(location)),
                                                                ("required", .bool(location == "path" || required))]
            if isSwagger { parameter.add("type", "string") } else { parameter.add("schema", .object([("type", .string("string"))])) }
            result.append(.object(parameter))
        }
        return result
    }

    func responses(_ method: Method) -> [(key: String, value: JSONValue)] {
        var result: [(key: String, value: JSONValue)] = []
        for (status, response) in (method.methodResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            var entry: [(key: String, value: JSONValue)] = [("description", .string("\(status) response"))]
            let headers = (response.responseParameters ?? [:]).keys.sorted().compactMap { key -> (key: String, value: JSONValue)? in
                let prefix = "method.response.header."
                guard key.hasPrefix(prefix) else { return nil }
                let schema: JSONValue = .object([("type", .string("string"))])
                return (String(key.dropFirst(prefix.count)), isSwagger ? schema : .object([("schema", schema)]))
            }
            if !headers.isEmpty { entry.add("headers", .object(headers)) }
            let models = (response.responseModels ?? [:]).sorted { $0.key < $1.key }
            if isSwagger {
                if let model = models.first(where: { $0.key == "application/json" }) ?? models.first {
                    entry.add("schema", modelReference(model.value))
                }
            } else if !models.isEmpty {
                entry.add("content", .object(models.map { ($0.key, .object([("schema", modelReference($0.value))])) }))
            }
            result.append((status, .object(entry)))
        }
        return result
    }

    /// The operation's one security requirement: its authorizer or IAM, and the API key.
    func security(_ method: Method) -> JSONValue? {
        var requirement: [(key: String, value: JSONValue)] = []
        switch method.authorizationType {
        case "AWS_IAM":
            requirement.append((Self.sigv4Scheme, .array([])))
        case "CUSTOM", "COGNITO_USER_POOLS":
            if let id = method.authorizerId, let authorizer = content.authorizers?.first(where: { $0.id == id }) {
                requirement.append((authorizer.name, .array((method.authorizationScopes ?? []).map(JSONValue.string))))
            }
        default:
            break
        }
        if method.apiKeyRequired { requirement.append((Self.apiKeyScheme, .array([]))) }
        return requirement.isEmpty ? nil : .array([.object(requirement)])
    }

    static let sigv4Scheme = "sigv4"
    static let apiKeyScheme = "api_key"
}
