import Shared

/// Operations: parameters, request bodies, responses and security into a `Method`.
extension OpenAPIImporter {
    /// The method of one operation, or nil (with an error recorded) when it cannot be read.
    mutating func readOperation(_ node: JSONValue, verb: String, path: String, sharedParameters: [JSONValue]) -> Method? {
        let where_ = "method '\(verb) \(path)'"
        guard node.members != nil else {
            errors.append("Invalid operation for \(where_): an operation must be an object")
            return nil
        }
        var method = Method(httpMethod: verb)
        method.operationName = node["operationId"]?.scalarText
        let consumes = ((node["consumes"] ?? root["consumes"])?.items ?? []).compactMap(\.string)
        let produces = ((node["produces"] ?? root["produces"])?.items ?? []).compactMap(\.string)
        readParameters(sharedParameters + (node["parameters"]?.items ?? []), into: &method, at: where_, consumes: consumes)
        if !isSwagger, let body = node["requestBody"] {
            readRequestBody(body, into: &method, at: where_)
        }
        readResponses(node["responses"], into: &method, at: where_, produces: produces)
        readSecurity(node["security"] ?? root["security"], into: &method, at: where_)
        if let auth = node["x-amazon-apigateway-auth"] {
            switch auth["type"]?.string?.uppercased() {
            case "AWS_IAM": method.authorizationType = "AWS_IAM"
            case "NONE": method.authorizationType = "NONE"; method.authorizerId = nil
            default: errors.append("Invalid x-amazon-apigateway-auth for \(where_): type must be AWS_IAM or NONE")
            }
        }
        if let validator = node["x-amazon-apigateway-request-validator"] ?? root["x-amazon-apigateway-request-validator"] {
            if let name = validator.string {
                method.requestValidatorId = name
            } else {
                errors.append("Invalid x-amazon-apigateway-request-validator for \(where_): expected a validator name")
            }
        }
        if let integration = node["x-amazon-apigateway-integration"] {
            method.methodIntegration = readIntegration(integration, at: "'\(verb)' for resource at path '\(path)'")
        }
        for key in (node.members ?? []).map(\.key) where key.hasPrefix("x-amazon-apigateway-")
            && !["x-amazon-apigateway-auth", "x-amazon-apigateway-request-validator", "x-amazon-apigateway-integration"].contains(key) {
            warn("Unsupported extension \(key) on \(where_); ignored")
        }
        return method
    }

    // MARK: - Parameters

    /// `consumes` (2.0): the media types a `body` parameter's model is for (the first; JSON when none).
    mutating func readParameters(_ list: [JSONValue], into method: inout Method, at where_: String, consumes: [String]) {
        for entry in list {
            guard let parameter = resolve(entry), let name = parameter["name"]?.scalarText, let location = parameter["in"]?.string else {
                errors.append("Invalid parameter for \(where_): a parameter needs 'name' and 'in'")
                continue
            }
            let required = parameter["required"]?.bool ?? false
            switch location {
            case "path": method.requestParameters = (method.requestParameters ?? [:]).merging(["method.request.path.\(name)": true]) { $1 }
            case "query": method.requestParameters = (method.requestParameters ?? [:]).merging(["method.request.querystring.\(name)": required]) { $1 }
            case "header": method.requestParameters = (method.requestParameters ?? [:]).merging(["method.request.header.\(name)": required]) { $1 }
            case "body" where isSwagger:
                if let schema = parameter["schema"], let model = modelName(for: schema, at: where_) {
                    method.requestModels = (method.requestModels ?? [:]).merging([consumes.first ?? "application/json": model]) { $1 }
                }
            default:
                warn("Unsupported parameter location '\(location)' of parameter '\(name)' in \(where_); ignored")
            }
        }
    }

    mutating func readRequestBody(_ node: JSONValue, into method: inout Method, at where_: String) {
        guard let body = resolve(node) else {
            errors.append("Unable to resolve the request body of \(where_)")
            return
        }
        for (type, media) in body["content"]?.members ?? [] {
            guard let schema = media["schema"] else { continue }
            if let model = modelName(for: schema, at: where_) {
                method.requestModels = (method.requestModels ?? [:]).merging([type: model]) { $1 }
            }
        }
    }

    // MARK: - Responses

    /// `produces` (2.0): the media type of a response's model (JSON when listed or none, else the first).
    mutating func readResponses(_ node: JSONValue?, into method: inout Method, at where_: String, produces: [String]) {
        for (status, entry) in node?.members ?? [] {
            guard status.count == 3, let code = Int(status), (100...599).contains(code) else {
                if !status.hasPrefix("x-") { warn("Unable to create method response '\(status)' of \(where_): the status code must be 3 digits; ignored") }
                continue
            }
            guard let response = resolve(entry) else {
                errors.append("Unable to resolve response \(status) of \(where_)")
                continue
            }
            var methodResponse = MethodResponse(statusCode: status)
            for (header, _) in response["headers"]?.members ?? [] {
                methodResponse.responseParameters = (methodResponse.responseParameters ?? [:])
                    .merging(["method.response.header.\(header)": false]) { $1 }
            }
            if isSwagger {
                if let schema = response["schema"], let model = modelName(for: schema, at: where_) {
                    let type = produces.contains("application/json") ? "application/json" : (produces.first ?? "application/json")
                    methodResponse.responseModels = [type: model]
                }
            } else {
                for (type, media) in response["content"]?.members ?? [] {
                    guard let schema = media["schema"], let model = modelName(for: schema, at: where_) else { continue }
                    methodResponse.responseModels = (methodResponse.responseModels ?? [:]).merging([type: model]) { $1 }
                }
            }
            method.methodResponses = (method.methodResponses ?? [:]).merging([status: methodResponse]) { $1 }
        }
    }

    // MARK: - Security

    /// The security schemes of the document (`components.securitySchemes` or `securityDefinitions`).
    var securitySchemes: [(key: String, value: JSONValue)] {
        let node = isSwagger ? root["securityDefinitions"] : root["components"]?["securitySchemes"]
        return (node?.members ?? []).map { ($0.key, resolve($0.value) ?? $0.value) }
    }

    /// Applies a `security` requirement list: the first requirement that names an authorizer, IAM
    /// (`x-amazon-apigateway-authtype: awsSigv4`) or the `x-api-key` header decides.
    mutating func readSecurity(_ node: JSONValue?, into method: inout Method, at where_: String) {
        guard let node else { return }
        guard let requirements = node.items else {
            errors.append("Invalid security of \(where_): expected a list of security requirements")
            return
        }
        let schemes = securitySchemes
        for requirement in requirements {
            for (name, scopes) in requirement.members ?? [] {
                guard let scheme = schemes.first(where: { $0.key == name })?.value else {
                    errors.append("Invalid security of \(where_): no security scheme named '\(name)'")
                    continue
                }
                let authType = scheme["x-amazon-apigateway-authtype"]?.string?.lowercased()
                if let authorizer = scheme["x-amazon-apigateway-authorizer"] {
                    let type = authorizer["type"]?.string?.lowercased()
                    method.authorizationType = type == "cognito_user_pools" ? "COGNITO_USER_POOLS" : "CUSTOM"
                    method.authorizerId = name
                    let list = (scopes.items ?? []).compactMap(\.string)
                    if !list.isEmpty { method.authorizationScopes = list }
                } else if authType == "awssigv4" {
                    method.authorizationType = "AWS_IAM"
                } else if scheme["type"]?.string == "apiKey", scheme["in"]?.string == "header",
                          scheme["name"]?.string?.lowercased() == "x-api-key" {
                    method.apiKeyRequired = true
                } else {
                    warn("Unsupported security scheme '\(name)' on \(where_) (only API Gateway authorizers, awsSigv4 and the x-api-key header are imported); ignored")
                }
            }
        }
    }
}
