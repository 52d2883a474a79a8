import Shared

/// The API-level extensions, authorizers (security schemes) and documentation.
extension OpenAPIImporter {
    /// Root extensions read here or elsewhere in the importer.
    static let apiExtensions: Set<String> = [
        "x-amazon-apigateway-binary-media-types", "x-amazon-apigateway-minimum-compression-size",
        "x-amazon-apigateway-api-key-source", "x-amazon-apigateway-policy", "x-amazon-apigateway-endpoint-configuration",
        "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-request-validators",
        "x-amazon-apigateway-request-validator", "x-amazon-apigateway-documentation",
    ]

    /// Extensions of HTTP APIs (API Gateway v2) that a REST API import skips.
    static let httpApiExtensions: Set<String> = [
        "x-amazon-apigateway-cors", "x-amazon-apigateway-importexport-version", "x-amazon-apigateway-tag-value",
        "x-amazon-apigateway-integrations",
    ]

    mutating func readApiExtensions() {
        if let node = root["x-amazon-apigateway-binary-media-types"] {
            if let types = node.items?.compactMap(\.string), types.count == node.items?.count {
                definition.binaryMediaTypes = types
            } else {
                errors.append("Invalid x-amazon-apigateway-binary-media-types: expected a list of media types")
            }
        }
        if let node = root["x-amazon-apigateway-minimum-compression-size"] {
            if let size = node.int, (0...AdminAPI.maximumCompressionSize).contains(size) {
                definition.minimumCompressionSize = size
            } else {
                errors.append("Invalid minimum compression size, must be between 0 and 10485760")
            }
        }
        if let node = root["x-amazon-apigateway-api-key-source"] {
            if let source = node.string?.uppercased(), ["HEADER", "AUTHORIZER"].contains(source) {
                definition.apiKeySource = source
            } else {
                errors.append("Invalid apiKeySource specified. Must be one of: [HEADER, AUTHORIZER]")
            }
        }
        if let node = root["x-amazon-apigateway-policy"] {
            switch node {
            case .object: definition.policy = node.serialized()
            case .string(let text): definition.policy = text
            default: errors.append("Invalid x-amazon-apigateway-policy: expected an IAM policy document")
            }
        }
        let servers = isSwagger ? [] : (root["servers"]?.items ?? [])
        for node in [root["x-amazon-apigateway-endpoint-configuration"]] + servers.map({ $0["x-amazon-apigateway-endpoint-configuration"] }) {
            guard let node else { continue }
            if let ids = node["vpcEndpointIds"] { definition.vpcEndpointIds = ids.items?.compactMap(\.string) }
            if let disable = node["disableExecuteApiEndpoint"] {
                if let flag = disable.bool { definition.disableExecuteApiEndpoint = flag } else {
                    errors.append("Invalid x-amazon-apigateway-endpoint-configuration: disableExecuteApiEndpoint must be a boolean")
                }
            }
        }
        readGatewayResponses()
        readRequestValidators()
        for (key, _) in root.members ?? [] where key.hasPrefix("x-amazon-apigateway-") && !Self.apiExtensions.contains(key) {
            if Self.httpApiExtensions.contains(key) {
                warn("\(key) applies to HTTP APIs only; ignored for a REST API")
            } else {
                warn("Unsupported extension \(key); ignored")
            }
        }
    }

    private mutating func readGatewayResponses() {
        for (type, node) in root["x-amazon-apigateway-gateway-responses"]?.members ?? [] {
            guard GatewayResponse.defaultResponse(for: type) != nil else {
                errors.append("Unable to put gateway response '\(type)': Invalid gateway response type specified: \(type)")
                continue
            }
            let response = GatewayResponse(responseType: type, statusCode: node["statusCode"]?.scalarText,
                                           responseParameters: node["responseParameters"]?.stringMap,
                                           responseTemplates: node["responseTemplates"]?.stringMap)
            do {
                try AdminAPI.checkGatewayResponse(response)
                definition.gatewayResponses.removeAll { $0.responseType == type }
                definition.gatewayResponses.append(response)
            } catch {
                errors.append("Unable to put gateway response '\(type)': \(error.message)")
            }
        }
    }

    private mutating func readRequestValidators() {
        for (name, node) in root["x-amazon-apigateway-request-validators"]?.members ?? [] {
            guard !name.isEmpty else {
                errors.append("Unable to create request validator: Request Validator name cannot be blank")
                continue
            }
            definition.requestValidators.append(RequestValidator(
                id: "", name: name, validateRequestBody: node["validateRequestBody"]?.bool ?? false,
                validateRequestParameters: node["validateRequestParameters"]?.bool ?? false))
        }
    }

    // MARK: - Authorizers

    /// One authorizer per security scheme carrying `x-amazon-apigateway-authorizer`, named after the scheme.
    mutating func readAuthorizers() {
        for (name, scheme) in securitySchemes {
            guard let node = scheme["x-amazon-apigateway-authorizer"] else { continue }
            let type = (node["type"]?.string ?? "token").uppercased()
            var identitySource = node["identitySource"]?.scalarText
            if identitySource == nil, type == "TOKEN" || type == "COGNITO_USER_POOLS", scheme["in"]?.string == "header", let header = scheme["name"]?.string {
                identitySource = "method.request.header.\(header)"
            }
            var ttl = AdminAPI.defaultAuthorizerTTL
            if let value = node["authorizerResultTtlInSeconds"] {
                guard let seconds = value.int else {
                    errors.append("Unable to create authorizer '\(name)': authorizerResultTtlInSeconds must be an integer")
                    continue
                }
                ttl = seconds
            }
            let authorizer = Authorizer(
                id: "", name: name, type: type, providerARNs: node["providerARNs"]?.items?.compactMap(\.string),
                authType: scheme["x-amazon-apigateway-authtype"]?.scalarText, authorizerUri: node["authorizerUri"]?.string,
                authorizerCredentials: node["authorizerCredentials"]?.string, identitySource: identitySource,
                identityValidationExpression: node["identityValidationExpression"]?.string, authorizerResultTtlInSeconds: ttl)
            do {
                try AdminAPI.checkAuthorizer(authorizer, operation: "CreateAuthorizer")
                definition.authorizers.append(authorizer)
            } catch {
                errors.append("Unable to create authorizer '\(name)': \(error.message)")
            }
        }
    }

    // MARK: - Documentation

    /// botocore's `DocumentationPartType` values.
    static let documentationLocationTypes: Set<String> = [
        "API", "AUTHORIZER", "MODEL", "RESOURCE", "METHOD", "PATH_PARAMETER", "QUERY_PARAMETER", "REQUEST_HEADER",
        "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY",
    ]

    mutating func readDocumentation() {
        guard let node = root["x-amazon-apigateway-documentation"] else { return }
        definition.documentationVersion = node["version"]?.scalarText
        var parts: [DocumentationPart] = []
        for entry in node["documentationParts"]?.items ?? [] {
            guard let location = entry["location"], let type = location["type"]?.string,
                  Self.documentationLocationTypes.contains(type) else {
                errors.append("Unable to create documentation part: Invalid documentation part location \(entry["location"]?.serialized() ?? "null")")
                continue
            }
            guard let properties = entry["properties"], properties.members != nil else {
                errors.append("Unable to create documentation part for \(type): properties must be a JSON object")
                continue
            }
            parts.append(DocumentationPart(
                id: "", location: DocumentationPartLocation(type: type, path: location["path"]?.string, method: location["method"]?.string,
                                                            statusCode: location["statusCode"]?.scalarText, name: location["name"]?.string),
                properties: properties.serialized()))
        }
        definition.documentationParts = parts
    }
}
